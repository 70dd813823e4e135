#pragma once
// ctml::pad: TFLite's PAD and PADV2, constant padding of a tensor of rank 1 to 4 (batch excluded).

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/shape.hpp>
#include <ctml/kernels/pad.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

/// The paddings of a ctml::pad, per axis of the input (outermost first, batch excluded): `before[d]`
/// elements ahead of axis d and `after[d]` behind it (TFLite's `paddings[d + 1]`). Entries past the
/// input's rank stay 0.
struct pad_options {
  std::array<int, 4> before{};
  std::array<int, 4> after{};
};

namespace detail {
template <class T>
inline constexpr bool pad_element = std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                                    std::is_same_v<T, std::int32_t> || std::is_same_v<T, float>;
}  // namespace detail

/// Pads every axis with a constant, like `keras.layers.ZeroPadding2D` generalised (TFLite's PAD /
/// PADV2). The value is PADV2's `constant_values` when given (a `constexpr` of the input's element
/// type, in the quantized domain), else TFLite Micro's default: the zero point for int8, 0 for int16,
/// int32 and float. The output keeps the input's quantization. Element types int8, int16, int32,
/// float; layout as the input's (NHWC without N); no scratch. Shapes and paddings enforced at compile
/// time. Usage: `ctml::pad<ctml::pad_options{.before = {0, 3, 0}, .after = {0, 3, 0}}>` or, with a
/// value, `ctml::pad<ctml::pad_options{.before = {1, 1}}, my_data::pad_value>`.
template <pad_options P, const auto&... Value>
struct pad {
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    constexpr std::size_t r = In::shape::rank;
    constexpr bool negative = [] {
      for (std::size_t d = 0; d < 4; ++d)
        if (P.before[d] < 0 || P.after[d] < 0) return true;
      return false;
    }();
    constexpr std::size_t named = [] {  // axes that the options pad: 1 + the last nonzero entry
      std::size_t n = 0;
      for (std::size_t d = 0; d < 4; ++d)
        if (P.before[d] != 0 || P.after[d] != 0) n = d + 1;
      return n;
    }();
    if constexpr (!detail::pad_element<T>) {
      static_assert(detail::dependent_false<In>,
                    "ctml::pad: element type must be int8, int16, int32 or float");
      return false;
    } else if constexpr (r > 4) {
      static_assert(detail::input_rank_mismatch<pad, 4, typename In::shape>,
                    "ctml::pad: the input has more than 4 axes (TFLite Micro pads at most 5 with the batch)");
      return false;
    } else if constexpr (negative) {
      static_assert(detail::dependent_false<In>, "ctml::pad: paddings must not be negative");
      return false;
    } else if constexpr (named > r) {
      static_assert(detail::input_rank_mismatch<pad, named, typename In::shape>,
                    "ctml::pad: the paddings name an axis the input does not have (axes count without "
                    "the batch)");
      return false;
    } else if constexpr (sizeof...(Value) > 1) {
      static_assert(detail::dependent_false<In>, "ctml::pad: at most one pad value");
      return false;
    } else if constexpr (!(std::is_same_v<std::remove_cvref_t<decltype(Value)>, T> && ...)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::pad: the pad value must have the input's element type (quantized like the input)");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr std::size_t rank = In::shape::rank;
    static constexpr std::array<int, rank> out_dims = [] {
      std::array<int, rank> d{};
      for (std::size_t i = 0; i < rank; ++i) d[i] = P.before[i] + In::shape::dims[i] + P.after[i];
      return d;
    }();
    // The geometry as rank 4: the input's axes last.
    static constexpr kernels::pad_geometry geometry = [] {
      kernels::pad_geometry g;
      for (std::size_t i = 0; i < rank; ++i) {
        g.in[4 - rank + i] = In::shape::dims[i];
        g.before[4 - rank + i] = P.before[i];
        g.after[4 - rank + i] = P.after[i];
      }
      return g;
    }();
    static constexpr T value = [] {
      if constexpr (sizeof...(Value) == 1)
        return (Value, ...);
      else if constexpr (std::is_same_v<T, std::int8_t>)
        return static_cast<T>(In::quant.zero_point);  // TFLite Micro: the output's zero point
      else
        return T{0};  // TFLite Micro: 0 for int16, int32 and float (not the zero point)
    }();

    using input = In;
    using output = tensor_spec<shape_of<out_dims>, T, quant_ref_of<In>>;
    static constexpr const char* name = "pad";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;  // the output is larger: rows move
    using kernel = kernels::pad_kernel<T, geometry>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const T* x, T* y, std::byte* scratch) noexcept { kernel::run(x, value, y, scratch); }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml

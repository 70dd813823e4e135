#pragma once
// ctml::gather: TFLite's GATHER with constant indices (batch_dims 0): the slices at the listed
// positions of one axis, copied in order.

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/shape.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

namespace detail {
template <class Layer, class Shape>
inline constexpr bool gather_index_out_of_range = false;
}  // namespace detail

/// Picks the slices `Indices...` (in that order, repeats allowed) along axis `Axis` (0-based without
/// the batch; negative counts from the end), like `tf.gather(x, indices, axis)` / TFLite's GATHER with a
/// constant 1-D indices tensor: the axis' size becomes the number of indices. Element types int8, int16,
/// float (quantization kept); no scratch. Usage: `ctml::gather<-1, 3, 0, 3>`
template <int Axis, int... Indices>
struct gather {
  template <TensorSpec In>
  static constexpr int axis = Axis < 0 ? Axis + static_cast<int>(In::shape::rank) : Axis;

  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    constexpr int rank = static_cast<int>(In::shape::rank);
    if constexpr (!(std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                    std::is_same_v<T, float>)) {
      static_assert(detail::dependent_false<In>, "ctml::gather: element type must be int8, int16 or float");
      return false;
    } else if constexpr (Axis < -rank || Axis >= rank) {
      static_assert(detail::input_rank_mismatch<gather, (Axis < 0 ? -Axis : Axis + 1), typename In::shape>,
                    "ctml::gather: the axis is beyond the input's rank");
      return false;
    } else if constexpr (sizeof...(Indices) == 0 ||
                         !((Indices >= 0 && Indices < In::shape::dims[std::size_t(axis<In>)]) && ...)) {
      static_assert(detail::gather_index_out_of_range<gather, typename In::shape>,
                    "ctml::gather: give at least one index, each in [0, the axis' size)");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr std::size_t a = std::size_t(axis<In>);
    static constexpr std::array<int, In::shape::rank> out_dims = [] {
      auto d = In::shape::dims;
      d[a] = static_cast<int>(sizeof...(Indices));
      return d;
    }();
    // outer: the product of the dims before the axis; inner: after it.
    static constexpr std::size_t outer = [] {
      std::size_t n = 1;
      for (std::size_t i = 0; i < a; ++i) n *= std::size_t(In::shape::dims[i]);
      return n;
    }();
    static constexpr std::size_t inner = [] {
      std::size_t n = 1;
      for (std::size_t i = a + 1; i < In::shape::rank; ++i) n *= std::size_t(In::shape::dims[i]);
      return n;
    }();
    static constexpr std::size_t axis_size = std::size_t(In::shape::dims[a]);
    static constexpr std::array<std::size_t, sizeof...(Indices)> index{std::size_t(Indices)...};

    using input = In;
    using output = tensor_spec<shape_of<out_dims>, T, quant_ref_of<In>>;
    static constexpr const char* name = "gather";
    static constexpr std::size_t macs = 0, weight_bytes = 0, scratch_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;

    static void run(const T* x, T* y, std::byte* /*scratch*/) noexcept {
      for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t k : index) {
          const T* src = x + (o * axis_size + k) * inner;
          for (std::size_t i = 0; i < inner; ++i) *y++ = src[i];
        }
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml

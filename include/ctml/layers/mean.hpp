#pragma once
// ctml::mean: the average over some axes (TFLite's MEAN; global average pooling over H and W is the
// common case), float, int8 and int16 with TFLite's integer arithmetic.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <ctml/kernels/mean.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml {

/// Options of a mean: which axes it averages (bit i: axis i of the ctml shape, outermost first, batch
/// excluded; 0b011 averages H and W of an HWC tensor) and whether they stay as dimensions of 1.
struct mean_options {
  unsigned axes = 0;
  bool keep_dims = true;
};

namespace detail {
template <class Layer, class S>
inline constexpr bool invalid_mean_axes = false;

/// TFLite's QuantizedMeanOrSum multiplier: QuantizeMultiplier(in_scale / out_scale) with 1 / count folded
/// in as a left shift of up to floor(log2(count)) bits (at most 32, and at most 31 + the shift) and an
/// integer division.
constexpr multiplier mean_multiplier(quantization in, quantization out, int count) {
  const multiplier m = quantize_multiplier(static_cast<double>(in.scale) / static_cast<double>(out.scale));
  int shift = static_cast<int>(std::bit_width(static_cast<unsigned>(count))) - 1;
  shift = shift < 32 ? shift : 32;
  shift = shift < 31 + m.shift ? shift : 31 + m.shift;
  return {static_cast<std::int32_t>((std::int64_t{m.value} << shift) / count), m.shift - shift};
}
}  // namespace detail

/// The mean over the axes `O.axes`, like `tf.reduce_mean` / `keras.layers.GlobalAveragePooling2D`
/// (TFLite's MEAN, bit-exact). Float: the sum in TFLite's order divided by the count. int8 / int16: the
/// int32 sum, less count * input zero point, times one multiplier (in_scale / out_scale / count, TFLite's)
/// plus the output zero point, saturated; `Output` is the output's quantization. Rank <= 4.
/// Usage: `ctml::mean<ctml::mean_options{.axes = 0b011, .keep_dims = false}, my_data::gap_q>`
template <mean_options O, const quantization&... Output>
struct mean {
  static_assert(sizeof...(Output) <= 1, "ctml::mean: at most one output quantization");

  template <Shape S>
  static consteval bool axes_valid() {
    return S::rank <= 4 && O.axes != 0 && (O.axes >> S::rank) == 0;
  }

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    if constexpr (!(std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                    std::is_same_v<T, float>)) {
      static_assert(detail::dependent_false<In>, "ctml::mean: element type must be int8, int16 or float");
      return false;
    } else if constexpr (!axes_valid<typename In::shape>()) {
      static_assert(detail::invalid_mean_axes<mean, typename In::shape>,
                    "ctml::mean: the input has rank at most 4 and O.axes names at least one of its axes "
                    "(bit i: axis i, batch excluded) and no other");
      return false;
    } else if constexpr (!std::is_same_v<T, float> && sizeof...(Output) != 1) {
      static_assert(
          detail::dependent_false<In>,
          "ctml::mean: an int8 or int16 mean needs its output quantization: ctml::mean<opts, out_q>");
      return false;
    } else if constexpr (!std::is_same_v<T, float> &&
                         !(((Output.scale > 0.0f && Output.zero_point >= std::numeric_limits<T>::min() &&
                             Output.zero_point <= std::numeric_limits<T>::max()) &&
                            ...) &&
                           In::quant.scale > 0.0f)) {
      static_assert(detail::invalid_quantization<mean, In>,
                    "ctml::mean: scales must be > 0 and the output zero point of the element type");
      return false;
    }
    return true;
  }

  template <Shape S>
  static consteval kernels::mean_geometry geometry_of() {
    kernels::mean_geometry g{};
    for (std::size_t i = 0; i < S::rank; ++i) {
      g.dims[4 - S::rank + i] = S::dims[i];
      g.reduce[4 - S::rank + i] = ((O.axes >> i) & 1u) != 0;
    }
    return g;
  }
  template <Shape S>
  static consteval std::size_t output_rank() {
    if (O.keep_dims) return S::rank;
    std::size_t r = 0;
    for (std::size_t i = 0; i < S::rank; ++i) r += ((O.axes >> i) & 1u) != 0 ? 0 : 1;
    return r == 0 ? 1 : r;
  }
  template <Shape S>
  static consteval auto output_dims() {
    std::array<int, output_rank<S>()> d{};
    d.fill(1);
    std::size_t k = 0;
    for (std::size_t i = 0; i < S::rank; ++i) {
      const bool reduced = ((O.axes >> i) & 1u) != 0;
      if (!reduced)
        d[k++] = S::dims[i];
      else if (O.keep_dims)
        d[k++] = 1;
    }
    return d;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr bool is_float = std::is_same_v<T, float>;
    struct output_quant {
      static constexpr quantization value = [] {
        if constexpr (is_float)
          return quantization{};
        else
          return (Output, ...);
      }();
    };
    using input = In;
    using output = tensor_spec<shape_of<output_dims<typename In::shape>()>, T, output_quant>;
    static constexpr const char* name = "mean";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;
    static constexpr kernels::mean_geometry geometry = geometry_of<typename In::shape>();
    static constexpr kernels::mean_constants constants = [] {
      if constexpr (is_float)
        return kernels::mean_constants{};
      else
        return kernels::mean_constants{
            In::quant.zero_point, output_quant::value.zero_point,
            detail::mean_multiplier(In::quant, output_quant::value, geometry.count())};
    }();
    using kernel = std::conditional_t<is_float, kernels::mean_f32_kernel<geometry>,
                                      kernels::mean_kernel<geometry, constants, T>>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const T* x, T* y, std::byte* scratch) noexcept { kernel::run(x, y, scratch); }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml

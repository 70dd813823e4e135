#pragma once
// ctml::leaky_relu: TFLite's LEAKY_RELU, x for x >= 0 and alpha * x below, float, int8 and int16.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <ctml/kernels/leaky_relu.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml {

/// The parameters of a ctml::leaky_relu: the slope below zero (any finite value: above 1 and below 0
/// too) and, for int8 / int16, the output's quantization (TFLite may requantize).
/// Usage: `inline constexpr ctml::leaky_relu_params lrelu{.alpha = 0.2f, .output = {0.0017f, 0}};`
struct leaky_relu_params {
  float alpha = 0.2f;
  quantization output{};
};

/// Leaky ReLU, like `keras.layers.LeakyReLU(negative_slope = alpha)`. int8 and int16 use TFLite's
/// arithmetic, bit-exact: two Q31 multipliers (in_scale / out_scale for x >= zero point, in_scale *
/// alpha / out_scale below, both products in float as TFLite computes them), rounded and clamped
/// to the output type. Float: x > 0 ? x : x * alpha. Element-wise, in place, no scratch.
/// Usage: `ctml::leaky_relu<my_data::lrelu>` with a `ctml::leaky_relu_params`.
template <const leaky_relu_params& P>
struct leaky_relu {
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    if constexpr (!(std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                    std::is_same_v<T, float>)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::leaky_relu: element type must be int8, int16 or float");
      return false;
    } else if constexpr (!(P.alpha == P.alpha) || P.alpha > 3.4e38f || P.alpha < -3.4e38f) {
      static_assert(detail::dependent_false<In>, "ctml::leaky_relu: alpha must be finite");
      return false;
    } else if constexpr (!std::is_same_v<T, float> &&
                         (!(P.output.scale > 0.0f) || P.output.zero_point < std::numeric_limits<T>::min() ||
                          P.output.zero_point > std::numeric_limits<T>::max())) {
      static_assert(
          detail::invalid_quantization<leaky_relu, In>,
          "ctml::leaky_relu: the output needs a positive scale and a zero point of the element type");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr bool is_float = std::is_same_v<T, float>;
    struct output_quant {
      static constexpr quantization value = is_float ? quantization{} : P.output;
    };
    // TFLite's LeakyRelu prepare: both ratios in float, then QuantizeMultiplier of the double.
    static constexpr kernels::leaky_relu_constants constants{
        In::quant.zero_point, P.output.zero_point,
        quantize_multiplier(static_cast<double>(In::quant.scale / P.output.scale)),
        quantize_multiplier(static_cast<double>(In::quant.scale* P.alpha / P.output.scale))};

    using input = In;
    using output = tensor_spec<typename In::shape, T, output_quant>;
    static constexpr const char* name = "leaky_relu";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = true;  // element i reads element i only
    using kernel = std::conditional_t<is_float, kernels::leaky_relu_f32_kernel<In::size>,
                                      kernels::leaky_relu_kernel<In::size, T, constants>>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const T* x, T* y, std::byte* scratch) noexcept {
      if constexpr (is_float)
        kernel::run(x, P.alpha, y, scratch);
      else
        kernel::run(x, y, scratch);
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml

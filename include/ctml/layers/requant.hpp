#pragma once
// Compile-time quantization constants shared by the weighted int8 / int16 layers (conv2d, depthwise_conv2d,
// dense): one requantization multiplier per output channel and the zero points / clamp bounds.

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/quantization.hpp>

namespace ctml {

/// How an int8 conv2d / depthwise_conv2d / dense turns its int32 accumulator into int8 (docs/onnx.md,
/// "Quantized ONNX"). `tflite`: TFLite's fixed-point multiplier, rounding half away from zero (bit-exact with
/// TFLite Micro; the default). `onnx`: ONNX's QLinearConv / QLinearMatMul as onnxruntime computes them,
/// float32(acc) * (x_scale * w_scale / y_scale in float32), rounded half to even, plus a per-tensor
/// weight zero point (soft float on cores without an FPU).
/// Usage: `ctml::conv2d<ctml::conv2d_options{.filters = 8, .requantization = ctml::requantization::onnx}, w>`
enum class requantization { tflite, onnx };

}  // namespace ctml

namespace ctml::detail {

/// in_scale * w_scale[c] / out_scale for each of `N` channels, `S` scales (1: per tensor).
template <std::size_t N, std::size_t S>
constexpr std::array<multiplier, N> channel_multipliers(float in_scale, const std::array<float, S>& w_scales,
                                                        float out_scale) {
  static_assert(S == 1 || S == N, "ctml: weight scales must be per tensor (1) or per output channel");
  std::array<multiplier, N> m{};
  for (std::size_t c = 0; c < N; ++c) m[c] = output_multiplier(in_scale, w_scales[S == 1 ? 0 : c], out_scale);
  return m;
}

/// ONNX's float32 multipliers x_scale * w_scale[c] / y_scale, formed in float32 as onnxruntime does.
template <std::size_t N, std::size_t S>
constexpr std::array<float, N> onnx_multipliers(float in_scale, const std::array<float, S>& w_scales,
                                                float out_scale) {
  std::array<float, N> m{};
  for (std::size_t c = 0; c < N; ++c) m[c] = in_scale * w_scales[S == 1 ? 0 : c] / out_scale;
  return m;
}

/// Zero points and the fused activation's clamp bounds, for an int8 (or int16: zero points 0) layer.
template <class T = std::int8_t>
constexpr kernels::requant_constants requant_for(quantization in, quantization out, activation act) {
  const quantized_range r = activation_range<T>(act, out);
  return {-in.zero_point, out.zero_point, r.min, r.max};
}

/// Quantization checks shared by the int8 layers; true when valid.
constexpr bool valid_quantization(quantization q) {
  return q.scale > 0.0f && q.zero_point >= -128 && q.zero_point <= 127;
}
/// The same for int16 activations (TFLite's 16x8 scheme): symmetric, zero point 0.
constexpr bool valid_quantization_s16(quantization q) {
  return q.scale > 0.0f && q.zero_point == 0;
}
/// True when the input `In` and the output of weights object `W` are valid int8 (or int16)
/// quantizations, or the layer is float. int16: every in_scale * w_scale / out_scale below 128, the
/// range of TFLite's 64-bit requantization (shift < 8).
template <class In, const auto& W>
constexpr bool valid_quantization() {
  using T = typename In::value_type;
  if constexpr (std::is_same_v<T, float>) {
    return true;
  } else if constexpr (std::is_same_v<T, std::int16_t>) {
    if (!valid_quantization_s16(In::quant) || !valid_quantization_s16(W.output)) return false;
    for (float ws : W.weight_scales)
      if (!(ws > 0.0f) || output_multiplier(In::quant.scale, ws, W.output.scale).shift >= 8) return false;
    return true;
  } else {
    return valid_quantization(In::quant) && valid_quantization(W.output);
  }
}

/// What conv2d, depthwise_conv2d and dense share once bound to input `In` (their checks passed): the output
/// quantization (from the data object `W`), the bias, one multiplier per output channel, the zero
/// points and clamp bounds (int8, int16) or the float clamp bounds, and the layer-protocol constants.
template <class In, const auto& W, std::size_t Channels, activation Act>
struct weighted_base {
  using T = typename In::value_type;
  static constexpr bool is_float = std::is_same_v<T, float>;
  static constexpr bool is_int16 = std::is_same_v<T, std::int16_t>;  ///< TFLite's 16x8: int64 bias
  struct output_quant {
    static constexpr quantization value = [] {
      if constexpr (is_float)
        return quantization{};
      else
        return W.output;
    }();
  };
  static constexpr auto bias = W.bias.as_array();
  static constexpr auto multipliers = [] {
    if constexpr (is_float)
      return 0;
    else
      return channel_multipliers<Channels>(In::quant.scale, W.weight_scales, W.output.scale);
  }();
  static constexpr kernels::requant_constants requant = [] {
    if constexpr (is_float)
      return kernels::requant_constants{};
    else {
      kernels::requant_constants q = requant_for<T>(In::quant, W.output, Act);
      q.right_shifts_only = true;
      for (const auto& m : multipliers) q.right_shifts_only = q.right_shifts_only && m.shift < 0;
      return q;
    }
  }();
  static constexpr float_range float_bounds = activation_range_float(Act);
  /// Flash of the constants besides the weights: biases and (int8) multipliers.
  static constexpr std::size_t constant_bytes = sizeof(bias) + (is_float ? 0 : sizeof(multipliers));
  /// Flash kernel type K reads for these weights: its prepared weights, the biases it reads (as
  /// imported or prepared) and the multipliers (a layer's `dense_weight_bytes`, K its dense kernel).
  template <class K>
  static constexpr std::size_t kernel_bytes() {
    return sizeof(decltype(K::prepare(W.weights.as_array()))) + constant_bytes - sizeof(bias) +
           sizeof(decltype(kernels::prepared_bias<K>(W.weights.as_array(), bias)));
  }
  static constexpr std::size_t state_bytes = 0;
  static constexpr bool in_place = false;
};

}  // namespace ctml::detail

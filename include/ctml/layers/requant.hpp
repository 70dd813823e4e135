#pragma once
// Compile-time quantization constants shared by the weighted int8 layers (conv2d, depthwise_conv2d,
// dense): one requantization multiplier per output channel and the zero points / clamp bounds.

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/kernels/geometry.hpp>
#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/quantization.hpp>

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

/// Zero points and the fused activation's clamp bounds, for an int8 layer.
constexpr kernels::requant_constants requant_for(quantization in, quantization out, activation act) {
  const quantized_range r = activation_range<std::int8_t>(act, out);
  return {-in.zero_point, out.zero_point, r.min, r.max};
}

/// Quantization checks shared by the int8 layers; true when valid.
constexpr bool valid_quantization(quantization q) {
  return q.scale > 0.0f && q.zero_point >= -128 && q.zero_point <= 127;
}

}  // namespace ctml::detail

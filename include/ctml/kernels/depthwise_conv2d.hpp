#pragma once
// Kernel selection for depthwise_conv2d (see kernels/conv2d.hpp for the scheme).

#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/depthwise_conv2d.hpp>
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
#include <ctml/kernels/arm_dsp/depthwise_conv2d.hpp>
#endif
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
#include <ctml/kernels/arm_mve/depthwise_conv2d.hpp>
#endif

namespace ctml::kernels {

/// int8 depthwise convolution; weights [KH][KW][OC].
template <window_geometry G, requant_constants Q>
inline void depthwise_conv2d_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                                const multiplier* mult, std::int8_t* out) noexcept {
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
  if constexpr (target_arch == arch::arm_mve && arm_mve::depthwise_conv2d_fits<G>()) {
    arm_mve::depthwise_conv2d_s8<G, Q>(in, weights, bias, mult, out);
    return;
  }
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
  if constexpr (arm_dsp::enabled && arm_dsp::depthwise_conv2d_fits<G>()) {
    arm_dsp::depthwise_conv2d_s8<G, Q>(in, weights, bias, mult, out);
    return;
  }
#endif
  reference::depthwise_conv2d_s8<G, Q>(in, weights, bias, mult, out);
}

/// float depthwise convolution.
template <window_geometry G>
inline void depthwise_conv2d_f32(const float* in, const float* weights, const float* bias, float act_min,
                                 float act_max, float* out) noexcept {
  reference::depthwise_conv2d_f32<G>(in, weights, bias, act_min, act_max, out);
}

}  // namespace ctml::kernels

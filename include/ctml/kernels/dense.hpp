#pragma once
// Kernel selection for dense (see kernels/conv2d.hpp for the scheme).

#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/dense.hpp>
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
#include <ctml/kernels/arm_dsp/dense.hpp>
#endif
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
#include <ctml/kernels/arm_mve/dense.hpp>
#endif

namespace ctml::kernels {

/// int8 dense; weights [Units][In].
template <int Units, int In, bool PerChannel, requant_constants Q>
inline void dense_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                     const multiplier* mult, std::int8_t* out) noexcept {
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
  if constexpr (target_arch == arch::arm_mve) {
    arm_mve::dense_s8<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
    return;
  }
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
  if constexpr (arm_dsp::enabled) {
    arm_dsp::dense_s8<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
    return;
  }
#endif
  reference::dense_s8<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
}

/// float dense.
template <int Units, int In>
inline void dense_f32(const float* in, const float* weights, const float* bias, float act_min, float act_max,
                      float* out) noexcept {
  reference::dense_f32<Units, In>(in, weights, bias, act_min, act_max, out);
}

}  // namespace ctml::kernels

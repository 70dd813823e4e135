#pragma once
// Kernel selection for element-wise layers: add, clamps (see kernels/conv2d.hpp for the scheme).

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/reference/elementwise.hpp>
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
#include <ctml/kernels/arm_mve/elementwise.hpp>
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
#include <ctml/kernels/arm_dsp/elementwise.hpp>
#endif

namespace ctml::kernels {

using reference::add_constants;

template <std::size_t N, add_constants K>
inline void add_s8(const std::int8_t* a, const std::int8_t* b, std::int8_t* out) noexcept {
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
  if constexpr (target_arch == arch::arm_mve) {
    arm_mve::add_s8<N, K>(a, b, out);
    return;
  }
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
  if constexpr (arm_dsp::enabled) {
    arm_dsp::add_s8<N, K>(a, b, out);
    return;
  }
#endif
  reference::add_s8<N, K>(a, b, out);
}

template <std::size_t N>
inline void add_f32(const float* a, const float* b, float act_min, float act_max, float* out) noexcept {
  reference::add_f32<N>(a, b, act_min, act_max, out);
}

template <std::size_t N, class T>
inline void clamp(const T* in, T lo, T hi, T* out) noexcept {
  reference::clamp<N, T>(in, lo, hi, out);
}

}  // namespace ctml::kernels

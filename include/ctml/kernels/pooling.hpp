#pragma once
// Kernel selection for pooling (see kernels/conv2d.hpp for the scheme).

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/pooling.hpp>
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/arm_mve/pooling.hpp>
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/arm_dsp/pooling.hpp>
#endif

namespace ctml::kernels {

template <window_geometry G, class T, class Acc, class Bound>
inline void average_pool2d(const T* in, Bound act_min, Bound act_max, T* out) noexcept {
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
  if constexpr (target_arch == arch::arm_mve && std::is_same_v<T, std::int8_t> &&
                std::is_same_v<Acc, std::int32_t> && arm_mve::average_pool2d_fits<G>()) {
    arm_mve::average_pool2d_s8<G>(in, static_cast<std::int32_t>(act_min), static_cast<std::int32_t>(act_max),
                                  out);
    return;
  }
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
  if constexpr (target_arch == arch::arm_dsp && std::is_same_v<T, std::int8_t> &&
                std::is_same_v<Acc, std::int32_t> && arm_dsp::average_pool2d_fits<G>()) {
    arm_dsp::average_pool2d_s8<G>(in, static_cast<std::int32_t>(act_min), static_cast<std::int32_t>(act_max),
                                  out);
    return;
  }
#endif
  reference::average_pool2d<G, T, Acc, Bound>(in, act_min, act_max, out);
}

template <window_geometry G, class T, class Bound>
inline void max_pool2d(const T* in, Bound act_min, Bound act_max, T* out) noexcept {
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
  if constexpr (target_arch == arch::arm_mve && std::is_same_v<T, std::int8_t>) {
    arm_mve::max_pool2d_s8<G>(in, static_cast<std::int32_t>(act_min), static_cast<std::int32_t>(act_max),
                              out);
    return;
  }
#endif
  reference::max_pool2d<G, T, Bound>(in, act_min, act_max, out);
}

}  // namespace ctml::kernels

#pragma once
// Kernel selection for softmax (see kernels/conv2d.hpp for the scheme).

#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/reference/softmax.hpp>
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
#include <ctml/kernels/arm_mve/softmax.hpp>
#endif

namespace ctml::kernels {

using reference::softmax_constants;

template <int Rows, int Depth, softmax_constants K>
inline void softmax_s8(const std::int8_t* in, std::int8_t* out) noexcept {
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
  if constexpr (target_arch == arch::arm_mve && arm_mve::softmax_fits<Depth>()) {
    arm_mve::softmax_s8<Rows, Depth, K>(in, out);
    return;
  }
#endif
  reference::softmax_s8<Rows, Depth, K>(in, out);
}

template <int Rows, int Depth>
inline void softmax_f32(const float* in, float beta, float* out) noexcept {
  reference::softmax_f32<Rows, Depth>(in, beta, out);
}

}  // namespace ctml::kernels

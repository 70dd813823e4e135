#pragma once
// Helium (floating point) float RMS: the specialisation detail::rms_impl<arch::arm_mve>. Lane j of
// one vector accumulator is sum4's partial sum j (same elements, same order, one fused multiply-add
// each); results agree with the portable code within 2 ulp (whether the compiler fuses the scalar
// multiply-adds varies). Empty unless the compiler targets floating-point Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE_FLOAT

#include <cmath>
#include <cstddef>
#include <span>

#include <arm_mve.h>

#include <ctml/dsp/reference/statistics.hpp>

namespace ctml::dsp::detail {

template <>
struct rms_impl<arch::arm_mve> {
  static float run(std::span<const float> x) {
    const float* p = x.data();
    const std::size_t n = x.size(), n16 = n - n % 16, n4 = n - n % 4;
    float32x4_t acc = vdupq_n_f32(0.0f);
    std::size_t i = 0;
    for (; i < n16; i += 16) {
      const float32x4_t a = vld1q_f32(p + i), b = vld1q_f32(p + i + 4);
      const float32x4_t c = vld1q_f32(p + i + 8), d = vld1q_f32(p + i + 12);
      acc = vfmaq_f32(vfmaq_f32(vfmaq_f32(vfmaq_f32(acc, a, a), b, b), c, c), d, d);
    }
    for (; i < n4; i += 4) {
      const float32x4_t a = vld1q_f32(p + i);
      acc = vfmaq_f32(acc, a, a);
    }
    float s0 = vgetq_lane_f32(acc, 0);
    for (; i < n; ++i) s0 += p[i] * p[i];
    const float s = (s0 + vgetq_lane_f32(acc, 1)) + (vgetq_lane_f32(acc, 2) + vgetq_lane_f32(acc, 3));
    return std::sqrt(s / static_cast<float>(n));
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE_FLOAT

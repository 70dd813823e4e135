#pragma once
// Helium (floating point) log(x + offset), four lanes at a time: the specialisation
// detail::log_impl<arch::arm_mve>. Empty unless the compiler targets floating-point Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE_FLOAT

#include <cmath>
#include <cstddef>

#include <arm_mve.h>

#include <ctml/core/config.hpp>
#include <ctml/dsp/reference/log.hpp>

namespace ctml::dsp::detail {

// Natural logarithm of four lanes (Helium has no vector log), within 2 ulp of std::log: for positive
// normal x = 2^e m with m in [sqrt(1/2), sqrt(2)), log x = e ln 2 + log1p(f), f = m - 1, and
// log1p(f) = f - f^2/2 + f^3 Q(f) with Q of degree 7 fitted (numpy, weighted least squares) to a
// relative error of 6e-9 on that interval. Lanes holding zero, negative, subnormal, infinite or NaN
// values make the call take std::log for all four lanes.
inline float32x4_t log4(float32x4_t x) {
  const uint32x4_t bits = vreinterpretq_u32_f32(x);
  // Special unless 0x00800000 <= bits < 0x7f800000 (positive normal, finite).
  if (vcmphiq_n_u32(vsubq_n_u32(bits, 0x00800000u), 0x7effffffu) != 0)
    return float32x4_t{std::log(vgetq_lane_f32(x, 0)), std::log(vgetq_lane_f32(x, 1)),
                       std::log(vgetq_lane_f32(x, 2)), std::log(vgetq_lane_f32(x, 3))};
  // m in [1, 2); above sqrt 2 halve it and count one more power of two.
  float32x4_t m =
      vreinterpretq_f32_u32(vorrq_u32(vandq_u32(bits, vdupq_n_u32(0x007fffffu)), vdupq_n_u32(0x3f800000u)));
  int32x4_t e = vsubq_n_s32(vreinterpretq_s32_u32(vshrq_n_u32(bits, 23)), 127);
  const mve_pred16_t big = vcmpgtq_n_f32(m, 1.41421356f);
  m = vmulq_m_n_f32(m, m, 0.5f, big);
  e = vaddq_m_n_s32(e, e, 1, big);
  const float32x4_t f = vsubq_n_f32(m, 1.0f);
  float32x4_t q = vdupq_n_f32(-0.07634007930755615f);
  q = vfmasq_n_f32(q, f, 0.12760956585407257f);  // q * f + c
  q = vfmasq_n_f32(q, f, -0.1316007524728775f);
  q = vfmasq_n_f32(q, f, 0.1420183777809143f);
  q = vfmasq_n_f32(q, f, -0.16623376309871674f);
  q = vfmasq_n_f32(q, f, 0.2000122368335724f);
  q = vfmasq_n_f32(q, f, -0.2500081956386566f);
  q = vfmasq_n_f32(q, f, 0.3333333134651184f);
  const float32x4_t z = vmulq_f32(f, f);
  const float32x4_t y = vfmaq_n_f32(vmulq_f32(vmulq_f32(z, f), q), z, -0.5f);
  const float32x4_t ef = vcvtq_f32_s32(e);
  // ln 2 = ln2_hi + ln2_lo, ln2_hi with 16 significant bits so e * ln2_hi is exact.
  return vfmaq_n_f32(vaddq_f32(f, vfmaq_n_f32(y, ef, -2.12194440e-4f)), ef, 0.693359375f);
}

template <>
struct log_impl<arch::arm_mve> {
  template <std::size_t N>
  CTML_FORCE_INLINE static void run(float* x, float offset) {
    constexpr std::size_t n4 = N - N % 4;
    for (std::size_t i = 0; i < n4; i += 4)
      vst1q_f32(x + i, log4(vaddq_f32(vld1q_f32(x + i), vdupq_n_f32(offset))));
    log_impl<arch::generic>::run<N - n4>(x + n4, offset);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE_FLOAT

#pragma once
// Helium (floating point) power or magnitude of rfft bins: the specialisation
// detail::spectrum_impl<arch::arm_mve>. Four bins at a time: VLD2 splits real and imaginary parts;
// the square roots are scalar VSQRT on the vector's lanes (Helium has no vector square root). Empty
// unless the compiler targets floating-point Helium (which implies the FPU's VSQRT).

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE_FLOAT

#include <cstddef>

#include <arm_mve.h>

#include <ctml/core/config.hpp>
#include <ctml/dsp/arm_dsp/sqrt.hpp>
#include <ctml/dsp/reference/spectrum.hpp>

namespace ctml::dsp::detail {

template <>
struct spectrum_impl<arch::arm_mve> {
  template <std::size_t N, bool Magnitude>
  CTML_FORCE_INLINE static void run(const complex_f32* z, float* out) {
    using sqrt = sqrt_impl<arch::arm_mve>;
    constexpr std::size_t n4 = N - N % 4;
    for (std::size_t k = 0; k < n4; k += 4) {
      const float32x4x2_t v = vld2q_f32(&z[k].re);
      float32x4_t p = vfmaq_f32(vmulq_f32(v.val[1], v.val[1]), v.val[0], v.val[0]);
      if constexpr (Magnitude) {
        p = float32x4_t{sqrt::nonnegative(vgetq_lane_f32(p, 0)), sqrt::nonnegative(vgetq_lane_f32(p, 1)),
                        sqrt::nonnegative(vgetq_lane_f32(p, 2)), sqrt::nonnegative(vgetq_lane_f32(p, 3))};
      }
      vst1q_f32(out + k, p);
    }
    spectrum_impl<arch::generic>::run<N - n4, Magnitude, arch::arm_mve>(z + n4, out + n4);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE_FLOAT

#pragma once
// Helium (floating point) check that a block is all finite: the specialisation
// detail::finite_impl<arch::arm_mve>. x * 0 is +-0 for finite x and NaN for Inf or NaN: one
// multiply-add per four samples, and the accumulated lanes are NaN exactly when some sample is not
// finite. Empty unless the compiler targets floating-point Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE_FLOAT

#include <cstddef>

#include <arm_mve.h>

#include <ctml/dsp/reference/finite.hpp>

namespace ctml::dsp::detail {

template <>
struct finite_impl<arch::arm_mve> {
  template <std::size_t N>
  static bool run(const float* x) {
    if constexpr (N % 4 != 0) {
      return finite_impl<arch::generic>::run<N>(x);
    } else {
      float32x4_t acc = vdupq_n_f32(0.0f);
      for (std::size_t n = 0; n < N; n += 4) acc = vfmaq_n_f32(acc, vld1q_f32(x + n), 0.0f);
      const float s = (vgetq_lane_f32(acc, 0) + vgetq_lane_f32(acc, 1)) +
                      (vgetq_lane_f32(acc, 2) + vgetq_lane_f32(acc, 3));
      return s == s;
    }
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE_FLOAT

#pragma once
// Helium (floating point) DCT rows: the specialisation detail::dct_impl<arch::arm_mve>, four
// partial sums per row (lane j sums n = j mod 4), then the scalar tail. Empty unless the compiler
// targets floating-point Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE_FLOAT

#include <cstddef>
#include <type_traits>

#include <arm_mve.h>

#include <ctml/dsp/reference/dct.hpp>

namespace ctml::dsp::detail {

template <>
struct dct_impl<arch::arm_mve> {
  template <std::size_t N, std::size_t K>
  static constexpr void run(const float* table, const float* x, float* y) {
    if (std::is_constant_evaluated()) return dct_impl<arch::generic>::run<N, K>(table, x, y);
    constexpr std::size_t n4 = N - N % 4;
    for (std::size_t k = 0; k < K; ++k) {
      const float* row = table + k * N;
      float32x4_t acc = vdupq_n_f32(0.0f);
      for (std::size_t n = 0; n < n4; n += 4) acc = vfmaq_f32(acc, vld1q_f32(row + n), vld1q_f32(x + n));
      float s = (vgetq_lane_f32(acc, 0) + vgetq_lane_f32(acc, 1)) +
                (vgetq_lane_f32(acc, 2) + vgetq_lane_f32(acc, 3));
      for (std::size_t n = n4; n < N; ++n) s += row[n] * x[n];
      y[k] = s;
    }
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE_FLOAT

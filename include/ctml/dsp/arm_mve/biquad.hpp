#pragma once
// The Q15 biquad section with Helium (Cortex-M55): the specialisation
// detail::sos_q15_section_impl<arch::arm_mve>. Empty unless the compiler targets Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include <arm_mve.h>

#include <ctml/dsp/arm_dsp/biquad.hpp>
#include <ctml/dsp/reference/biquad.hpp>

namespace ctml::dsp::detail {

// Four outputs per vector of eight halfwords {x[n-2] ... x[n+3], y, y}: each output is one VMLALDAV
// (the five products and zeros, summed exactly in 64 bits) against one of four coefficient vectors
// that line b2, b1, b0 up with its samples and -a2, -a1 with the two output lanes, then SRSHRL
// (rounding half up, as the portable code) and SSAT; the output replaces the older y lane. The same
// bits as the portable loop. The next four samples are loaded before the outputs are stored, so y
// may be x. A coefficient a = -32768 cannot be negated, and fewer than eight samples are not worth
// the set-up: the DSP extension's loop.
template <>
struct sos_q15_section_impl<arch::arm_mve> {
  template <int Shift>
  static constexpr void run(const std::int16_t* c, std::int16_t* z, const std::int16_t* x, std::int16_t* y,
                            std::size_t n) {
    if (std::is_constant_evaluated() || n < 8 || c[3] == -32768 || c[4] == -32768)
      return sos_q15_section_impl<arch::arm_dsp>::template run<Shift>(c, z, x, y, n);
    const std::int16_t b0 = c[0], b1 = c[1], b2 = c[2];
    const auto na1 = static_cast<std::int16_t>(-c[3]), na2 = static_cast<std::int16_t>(-c[4]);
    const std::int16_t t0[8] = {b2, b1, b0, 0, 0, 0, na2, na1}, t1[8] = {0, b2, b1, b0, 0, 0, na1, na2},
                       t2[8] = {0, 0, b2, b1, b0, 0, na2, na1}, t3[8] = {0, 0, 0, b2, b1, b0, na1, na2};
    const int16x8_t k0 = vld1q_s16(t0), k1 = vld1q_s16(t1), k2 = vld1q_s16(t2), k3 = vld1q_s16(t3);
    auto out = [](int16x8_t k, int16x8_t v) {
      const std::int64_t r = srshrl(vmlaldavq_s16(k, v), Shift);  // |sum| < 2^33: r fits in 32 bits
      return __builtin_arm_ssat(static_cast<std::int32_t>(r), 16);
    };
    // Four outputs stored as two PKHBT-packed words (one STRD), not four sign-extended halfwords.
    auto store = [](std::int16_t* p, std::int32_t o0, std::int32_t o1, std::int32_t o2, std::int32_t o3) {
      auto pack = [](std::int32_t lo, std::int32_t hi) {  // PKHBT
        return (static_cast<std::uint32_t>(lo) & 0xffffu) | (static_cast<std::uint32_t>(hi) << 16);
      };
      const std::uint64_t w = pack(o0, o1) | (static_cast<std::uint64_t>(pack(o2, o3)) << 32);
      std::memcpy(p, &w, sizeof w);
    };
    const std::int16_t first[8] = {z[1], z[0], x[0], x[1], x[2], x[3], z[3], z[2]};
    int16x8_t v = vld1q_s16(first);
    const std::size_t groups = n / 4;
    for (std::size_t g = 0;; ++g) {
      const std::int32_t o0 = out(k0, v);
      v = vsetq_lane_s16(static_cast<std::int16_t>(o0), v, 6);
      const std::int32_t o1 = out(k1, v);
      v = vsetq_lane_s16(static_cast<std::int16_t>(o1), v, 7);
      const std::int32_t o2 = out(k2, v);
      v = vsetq_lane_s16(static_cast<std::int16_t>(o2), v, 6);
      const std::int32_t o3 = out(k3, v);
      if (g + 1 == groups) {
        z[0] = vgetq_lane_s16(v, 5);  // x[n-1], x[n-2] of the next sample, from the vector (y may be x)
        z[1] = vgetq_lane_s16(v, 4);
        z[2] = static_cast<std::int16_t>(o3);
        z[3] = static_cast<std::int16_t>(o2);
        store(y + 4 * g, o0, o1, o2, o3);
        break;
      }
      v = vsetq_lane_s16(static_cast<std::int16_t>(o3), vld1q_s16(x + 4 * g + 2), 7);  // x[4g + 2] ...
      v = vsetq_lane_s16(static_cast<std::int16_t>(o2), v, 6);
      store(y + 4 * g, o0, o1, o2, o3);
    }
    sos_q15_section_impl<arch::arm_dsp>::template run<Shift>(c, z, x + 4 * groups, y + 4 * groups, n % 4);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE

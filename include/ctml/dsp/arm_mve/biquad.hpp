#pragma once
// The Q15 biquad section with Helium (Cortex-M55): the specialisation
// detail::sos_q15_section_impl<arch::arm_mve>. Empty unless the compiler targets Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <type_traits>

#include <arm_mve.h>

#include <ctml/dsp/arm_dsp/biquad.hpp>
#include <ctml/dsp/reference/biquad.hpp>

namespace ctml::dsp::detail {

// Four outputs per vector of eight halfwords {x[n-2] ... x[n+3], y, y}: each output is one VMLADAVA
// (the five products and zeros plus the rounding constant 2^(Shift-1), summed into 32 bits) against
// one of four coefficient vectors that line b2, b1, b0 up with its samples and -a2, -a1 with the two
// output lanes, then one SSAT of the sum shifted right by Shift; the output replaces the older y lane.
// The sum is exact when the five coefficients' magnitudes add up to less than 2^16 (|sum| < 2^31;
// PostShift 2: |b0| + |b1| + |b2| + |a1| + |a2| < 8, which stable Butterworth sections meet), so the
// bits are the portable loop's (round half up, saturate). Inline assembly, 18 instructions per four
// outputs: one LDM sets the four sums to the rounding constant, the outputs are packed in pairs
// (PKHBT) for one STRD, and the pair (y[n+2], y[n+3]) is also the next vector's y lanes (one 32-bit
// lane move); the next samples are loaded before the outputs are stored, so y may be x. The last load
// reads only the six samples it needs (VCTP-predicated): nothing is read past the input. Larger
// coefficients, a = -32768 (cannot be negated), and fewer than eight samples: the DSP extension's
// loop (which also takes one sample first when y is not word-aligned, for the STRD).
// The four sums' start, loaded by one LDM.
template <int Shift>
inline constexpr std::int32_t sos_q15_rounding[4] = {1 << (Shift - 1), 1 << (Shift - 1), 1 << (Shift - 1),
                                                     1 << (Shift - 1)};

template <>
struct sos_q15_section_impl<arch::arm_mve> {
  template <int Shift>
  static constexpr void run(const std::int16_t* c, std::int16_t* z, const std::int16_t* x, std::int16_t* y,
                            std::size_t n) {
    using dsp_path = sos_q15_section_impl<arch::arm_dsp>;
    if (std::is_constant_evaluated() || n < 9 || c[3] == -32768 || c[4] == -32768)
      return dsp_path::template run<Shift>(c, z, x, y, n);
    const std::int32_t total = std::abs(std::int32_t{c[0]}) + std::abs(std::int32_t{c[1]}) +
                               std::abs(std::int32_t{c[2]}) + std::abs(std::int32_t{c[3]}) +
                               std::abs(std::int32_t{c[4]});
    if (total >= 65536) return dsp_path::template run<Shift>(c, z, x, y, n);
    if (reinterpret_cast<std::uintptr_t>(y) % 4 != 0) {  // one sample, then y is word-aligned
      dsp_path::template run<Shift>(c, z, x, y, 1);
      ++x, ++y, --n;
    }
    const std::int16_t b0 = c[0], b1 = c[1], b2 = c[2];
    const auto na1 = static_cast<std::int16_t>(-c[3]), na2 = static_cast<std::int16_t>(-c[4]);
    const std::int16_t t0[8] = {b2, b1, b0, 0, 0, 0, na2, na1}, t1[8] = {0, b2, b1, b0, 0, 0, na1, na2},
                       t2[8] = {0, 0, b2, b1, b0, 0, na2, na1}, t3[8] = {0, 0, 0, b2, b1, b0, na1, na2};
    const int16x8_t k0 = vld1q_s16(t0), k1 = vld1q_s16(t1), k2 = vld1q_s16(t2), k3 = vld1q_s16(t3);
    const std::int16_t first[8] = {z[1], z[0], x[0], x[1], x[2], x[3], z[3], z[2]};
    int16x8_t v = vld1q_s16(first);
    const std::size_t groups = n / 4;  // >= 2
    const std::int16_t* xp = x + 2;    // the next group's first lane: x[4 g + 2]
    std::int16_t* yp = y;
    // Four outputs of the vector v: r1 = (o0, o1), r3 = (o2, o3); lanes 6, 7 then hold (o2, o1).
    __asm__ volatile(
        ".macro ctml_sos_q15_four\n\t"
        "ldm %[rc], {r0, r2, r4, r6}\n\t"
        "vmladava.s16 r0, %q[v], %q[k0]\n\tssat r0, #16, r0, asr %[sh]\n\tvmov.16 %q[v][6], r0\n\t"
        "vmladava.s16 r2, %q[v], %q[k1]\n\tssat r2, #16, r2, asr %[sh]\n\tvmov.16 %q[v][7], r2\n\t"
        "vmladava.s16 r4, %q[v], %q[k2]\n\tssat r4, #16, r4, asr %[sh]\n\tvmov.16 %q[v][6], r4\n\t"
        "vmladava.s16 r6, %q[v], %q[k3]\n\tssat r6, #16, r6, asr %[sh]\n\t"
        "pkhbt r1, r0, r2, lsl #16\n\tpkhbt r3, r4, r6, lsl #16\n"
        ".endm\n\t"
        "wls lr, %[iters], 2f\n"
        "1:\n\t"
        "ctml_sos_q15_four\n\t"
        "vldrh.16 %q[v], [%[x]], #8\n\t"
        "strd r1, r3, [%[y]], #8\n\t"
        "vmov.32 %q[v][3], r3\n\t"
        "le lr, 1b\n"
        "2:\n\t"
        "ctml_sos_q15_four\n\t"
        "movs r0, #6\n\tvctp.16 r0\n\tvpst\n\tvldrht.16 %q[v], [%[x]]\n\t"
        "strd r1, r3, [%[y]], #8\n\t"
        "vmov.32 %q[v][3], r3\n\t"
        "ctml_sos_q15_four\n\t"
        "strd r1, r3, [%[y]], #8\n\t"
        "vmov.32 %q[v][3], r3\n\t"  // the y lanes for the state: (o2, o3)
        ".purgem ctml_sos_q15_four"
        : [v] "+w"(v), [x] "+r"(xp), [y] "+r"(yp)
        : [k0] "w"(k0), [k1] "w"(k1), [k2] "w"(k2), [k3] "w"(k3), [rc] "r"(sos_q15_rounding<Shift>),
          [iters] "r"(static_cast<std::uint32_t>(groups - 2)), [sh] "I"(Shift)
        : "r0", "r1", "r2", "r3", "r4", "r6", "lr", "cc", "memory");
    z[0] = vgetq_lane_s16(v, 5);  // x[n-1], x[n-2] of the next sample
    z[1] = vgetq_lane_s16(v, 4);
    z[2] = vgetq_lane_s16(v, 7);  // y[n-1], y[n-2]
    z[3] = vgetq_lane_s16(v, 6);
    dsp_path::template run<Shift>(c, z, x + 4 * groups, y + 4 * groups, n % 4);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE

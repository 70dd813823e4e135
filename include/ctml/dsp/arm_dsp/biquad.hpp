#pragma once
// The biquad sections with the DSP extension (Cortex-M4, M7, M33, M55): the specialisations
// detail::sos_q15_section_impl<arch::arm_dsp> (SMLALD) and, with a single-precision FPU,
// detail::sos_section_impl<arch::arm_dsp>. Empty unless the compiler targets the DSP extension.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_DSP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include <ctml/dsp/reference/biquad.hpp>

namespace ctml::dsp::detail {

// Q15 Direct Form I, 14 instructions per sample: the state as two words (x[n-1], x[n-2]) and
// (y[n-1], y[n-2]), the coefficients as b0, (b1, b2) and (-a1, -a2); SMLALBB and two SMLALD sum
// the five products exactly in 64 bits from the rounding constant, the shift takes the low word
// (the result fits in 32 bits: |sum| < 2^33, Shift >= 7), SSAT saturates, PKHBT moves the state.
// The same bits as the portable loop. A coefficient a = -32768 cannot be negated: portable code.
template <>
struct sos_q15_section_impl<arch::arm_dsp> {
  template <int Shift>
  static constexpr void run(const std::int16_t* c, std::int16_t* z, const std::int16_t* x, std::int16_t* y,
                            std::size_t n) {
    if (std::is_constant_evaluated() || n == 0 || c[3] == -32768 || c[4] == -32768)
      return sos_q15_section_impl<arch::generic>::template run<Shift>(c, z, x, y, n);
    std::int32_t b12, xs, ys;
    std::memcpy(&b12, c + 1, 4);
    std::memcpy(&xs, z, 4);
    std::memcpy(&ys, z + 2, 4);
    const std::int32_t b0 = c[0];
    const std::int32_t na = static_cast<std::int32_t>(static_cast<std::uint16_t>(-c[3]) |
                                                      (static_cast<std::uint32_t>(-c[4]) << 16));
    std::int32_t u, lo, hi;
    asm volatile(
        "1:\n"
        "ldrsh %[u], [%[x]], #2\n"
        "mov %[lo], %[rc]\n"
        "mov %[hi], #0\n"
        "smlalbb %[lo], %[hi], %[b0], %[u]\n"
        "smlald %[lo], %[hi], %[b12], %[xs]\n"
        "smlald %[lo], %[hi], %[na], %[ys]\n"
        "lsr %[lo], %[lo], %[sh]\n"
        "orr %[lo], %[lo], %[hi], lsl %[hs]\n"
        "ssat %[lo], #16, %[lo]\n"
        "pkhbt %[xs], %[u], %[xs], lsl #16\n"
        "pkhbt %[ys], %[lo], %[ys], lsl #16\n"
        "strh %[lo], [%[y]], #2\n"
        "subs %[n], %[n], #1\n"
        "bne 1b\n"
        : [x] "+r"(x), [y] "+r"(y), [n] "+r"(n), [xs] "+r"(xs), [ys] "+r"(ys), [u] "=&r"(u), [lo] "=&r"(lo),
          [hi] "=&r"(hi)
        : [b0] "r"(b0), [b12] "r"(b12), [na] "r"(na), [rc] "I"(1 << (Shift - 1)), [sh] "I"(Shift),
          [hs] "I"(32 - Shift)
        : "cc", "memory");
    std::memcpy(z, &xs, 4);
    std::memcpy(z + 2, &ys, 4);
  }
};

#if CTML_ARCH_ARM_FP32

// Eight samples per pass: one VLDM of inputs, five FPU operations per sample, one VSTM of outputs.
// The operations are those GCC emits for the portable loop on these cores (y = VFMA(b0 x, s1);
// s1 = VFMS(a1 y, VFMA(b1 x, s2)); s2 = VFMA(b2 x, VNMUL(a2 y))), so the bits are the same; the
// registers rotate (sample k's output lands in s<k>), so the outputs are stored by one VSTM.
template <>
struct sos_section_impl<arch::arm_dsp> {
  static constexpr void run(const float* c, float* z, const float* x, float* y, std::size_t n) {
    if (std::is_constant_evaluated()) return sos_section_impl<arch::generic>::run(c, z, x, y, n);
    std::size_t blocks = n / 8;
    if (blocks)
      asm volatile(
          "vldmia %[c], {s24-s28}\n"
          "vldmia %[z], {s0-s1}\n"
          "1:\n"
          "vldmia %[x]!, {s16-s23}\n"
          "vfma.f32 s0, s24, s16\n"
          "vfma.f32 s1, s25, s16\n"
          "vfms.f32 s1, s27, s0\n"
          "vnmul.f32 s2, s28, s0\n"
          "vfma.f32 s2, s26, s16\n"
          "vfma.f32 s1, s24, s17\n"
          "vfma.f32 s2, s25, s17\n"
          "vfms.f32 s2, s27, s1\n"
          "vnmul.f32 s3, s28, s1\n"
          "vfma.f32 s3, s26, s17\n"
          "vfma.f32 s2, s24, s18\n"
          "vfma.f32 s3, s25, s18\n"
          "vfms.f32 s3, s27, s2\n"
          "vnmul.f32 s4, s28, s2\n"
          "vfma.f32 s4, s26, s18\n"
          "vfma.f32 s3, s24, s19\n"
          "vfma.f32 s4, s25, s19\n"
          "vfms.f32 s4, s27, s3\n"
          "vnmul.f32 s5, s28, s3\n"
          "vfma.f32 s5, s26, s19\n"
          "vfma.f32 s4, s24, s20\n"
          "vfma.f32 s5, s25, s20\n"
          "vfms.f32 s5, s27, s4\n"
          "vnmul.f32 s6, s28, s4\n"
          "vfma.f32 s6, s26, s20\n"
          "vfma.f32 s5, s24, s21\n"
          "vfma.f32 s6, s25, s21\n"
          "vfms.f32 s6, s27, s5\n"
          "vnmul.f32 s7, s28, s5\n"
          "vfma.f32 s7, s26, s21\n"
          "vfma.f32 s6, s24, s22\n"
          "vfma.f32 s7, s25, s22\n"
          "vfms.f32 s7, s27, s6\n"
          "vnmul.f32 s8, s28, s6\n"
          "vfma.f32 s8, s26, s22\n"
          "vfma.f32 s7, s24, s23\n"
          "vfma.f32 s8, s25, s23\n"
          "vfms.f32 s8, s27, s7\n"
          "vnmul.f32 s9, s28, s7\n"
          "vfma.f32 s9, s26, s23\n"
          "vstmia %[y]!, {s0-s7}\n"
          "vmov.f32 s0, s8\n"
          "vmov.f32 s1, s9\n"
          "subs %[n], #1\n"
          "bne 1b\n"
          "vstmia %[z], {s0-s1}\n"
          : [x] "+r"(x), [y] "+r"(y), [n] "+r"(blocks)
          : [c] "r"(c), [z] "r"(z)
          : "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s16", "s17", "s18", "s19", "s20",
            "s21", "s22", "s23", "s24", "s25", "s26", "s27", "s28", "cc", "memory");
    sos_section_impl<arch::generic>::run(c, z, x, y, n % 8);
  }
};

#endif  // CTML_ARCH_ARM_FP32

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_DSP

#pragma once
// The float32 biquad section with a single-precision FPU (Cortex-M4F, M7, M33, M55): the
// specialisation detail::sos_section_impl<arch::arm_dsp>. Empty unless the compiler targets the DSP
// extension with an FPU.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_DSP && CTML_ARCH_ARM_FP32

#include <cstddef>
#include <type_traits>

#include <ctml/dsp/reference/biquad.hpp>

namespace ctml::dsp::detail {

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

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_DSP && CTML_ARCH_ARM_FP32

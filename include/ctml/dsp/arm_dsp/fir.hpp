#pragma once
// The FIR block kernels with the DSP extension and a single-precision FPU (Cortex-M4F, M7, M33,
// M55): the specialisation detail::fir_block_impl<arch::arm_dsp>, float32 in assembly, Q15 with
// SMLALDX. Empty unless the compiler targets the DSP extension with an FPU.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_DSP && CTML_ARCH_ARM_FP32

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include <arm_acle.h>

#include <ctml/dsp/reference/fir.hpp>

namespace ctml::dsp::detail {

// Each output is one VFMA chain in tap order from +0.0, as the portable loop compiled for these
// cores (GCC contracts its a += h x into VFMA), so the bits are the same. The counts are
// instructions: one VLDM loads eight taps, another the fifteen samples eight outputs read, then 64
// VFMA (stride 1: 8 outputs per pass; strides 2 to 4: 4 outputs, 20 registers of samples).
inline constexpr float fir_zeros[8] = {};  // the accumulators' start, loaded by one VLDM

template <>
struct fir_block_impl<arch::arm_dsp> {
  static std::int32_t word(const std::int16_t* p) {  // two samples; LDR allows any halfword address
    std::int32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  static std::int16_t narrow(std::int64_t rounded) {
    return static_cast<std::int16_t>(
        __ssat(static_cast<std::int32_t>(static_cast<std::uint64_t>(rounded) >> 15), 16));
  }
  // Four Q15 outputs: SMLALDX adds h[k] w[i] + h[k - 1] w[i + 1] (the taps' word is in reverse order
  // of the samples') to a 64-bit sum, exactly as the portable loop; the sample words of the next
  // tap pair are reused by the outputs two places on.
  template <std::size_t N>
  static void q15_block4(const std::int16_t* h, const std::int16_t* w, std::int16_t* out) {
    // The sums start at the rounding constant 2^14, and (sum >> 15) fits in 32 bits (|sum| < N 2^30):
    // the output is SSAT of the low word of the shift.
    std::int64_t a0 = 1 << 14, a1 = 1 << 14, a2 = 1 << 14, a3 = 1 << 14;
    const std::int16_t* t = h + N - 2;
    std::size_t i = 0;
    std::int32_t x0 = word(w), x1 = word(w + 1);
    for (; i + 4 <= N; i += 4, t -= 4) {
      const std::int32_t c0 = word(t), c1 = word(t - 2);
      const std::int32_t x2 = word(w + i + 2), x3 = word(w + i + 3);
      const std::int32_t x4 = word(w + i + 4), x5 = word(w + i + 5);
      a0 = __smlaldx(c0, x0, a0);
      a1 = __smlaldx(c0, x1, a1);
      a2 = __smlaldx(c0, x2, a2);
      a3 = __smlaldx(c0, x3, a3);
      a0 = __smlaldx(c1, x2, a0);
      a1 = __smlaldx(c1, x3, a1);
      a2 = __smlaldx(c1, x4, a2);
      a3 = __smlaldx(c1, x5, a3);
      x0 = x4;
      x1 = x5;
    }
    if constexpr (N % 4 != 0)
      for (std::size_t r = N - N % 4; r < N; ++r) {  // the last N % 4 taps
        const std::int32_t c = h[N - 1 - r];
        a0 += c * w[r];
        a1 += c * w[r + 1];
        a2 += c * w[r + 2];
        a3 += c * w[r + 3];
      }
    out[0] = narrow(a0);
    out[1] = narrow(a1);
    out[2] = narrow(a2);
    out[3] = narrow(a3);
  }

  template <typename T, std::size_t N, std::size_t Stride>
  static constexpr void run(const T* h, const T* w, T* out, std::size_t count) {
    if (std::is_constant_evaluated())
      return fir_block_impl<arch::generic>::run<T, N, Stride>(h, w, out, count);
    if constexpr (std::is_same_v<T, float> && N % 8 == 0 && Stride <= 4) {
      constexpr std::size_t per = Stride == 1 ? 8 : 4;  // outputs per pass
      std::size_t groups = count / per;
      if (groups) {
        const float* hp = h + N;
        std::size_t k = N / 8;
        if constexpr (Stride == 1)
          asm volatile(
              "1:\n"
              "vldmia %[z], {s0-s7}\n"
              "mov r0, %[h]\n"
              "mov r1, %[w]\n"
              "mov r2, %[k]\n"
              "2:\n"
              "vldmdb r0!, {s8-s15}\n"
              "vldmia r1, {s16-s30}\n"
              "adds r1, #32\n"
              "vfma.f32 s0, s15, s16\n"
              "vfma.f32 s1, s15, s17\n"
              "vfma.f32 s2, s15, s18\n"
              "vfma.f32 s3, s15, s19\n"
              "vfma.f32 s4, s15, s20\n"
              "vfma.f32 s5, s15, s21\n"
              "vfma.f32 s6, s15, s22\n"
              "vfma.f32 s7, s15, s23\n"
              "vfma.f32 s0, s14, s17\n"
              "vfma.f32 s1, s14, s18\n"
              "vfma.f32 s2, s14, s19\n"
              "vfma.f32 s3, s14, s20\n"
              "vfma.f32 s4, s14, s21\n"
              "vfma.f32 s5, s14, s22\n"
              "vfma.f32 s6, s14, s23\n"
              "vfma.f32 s7, s14, s24\n"
              "vfma.f32 s0, s13, s18\n"
              "vfma.f32 s1, s13, s19\n"
              "vfma.f32 s2, s13, s20\n"
              "vfma.f32 s3, s13, s21\n"
              "vfma.f32 s4, s13, s22\n"
              "vfma.f32 s5, s13, s23\n"
              "vfma.f32 s6, s13, s24\n"
              "vfma.f32 s7, s13, s25\n"
              "vfma.f32 s0, s12, s19\n"
              "vfma.f32 s1, s12, s20\n"
              "vfma.f32 s2, s12, s21\n"
              "vfma.f32 s3, s12, s22\n"
              "vfma.f32 s4, s12, s23\n"
              "vfma.f32 s5, s12, s24\n"
              "vfma.f32 s6, s12, s25\n"
              "vfma.f32 s7, s12, s26\n"
              "vfma.f32 s0, s11, s20\n"
              "vfma.f32 s1, s11, s21\n"
              "vfma.f32 s2, s11, s22\n"
              "vfma.f32 s3, s11, s23\n"
              "vfma.f32 s4, s11, s24\n"
              "vfma.f32 s5, s11, s25\n"
              "vfma.f32 s6, s11, s26\n"
              "vfma.f32 s7, s11, s27\n"
              "vfma.f32 s0, s10, s21\n"
              "vfma.f32 s1, s10, s22\n"
              "vfma.f32 s2, s10, s23\n"
              "vfma.f32 s3, s10, s24\n"
              "vfma.f32 s4, s10, s25\n"
              "vfma.f32 s5, s10, s26\n"
              "vfma.f32 s6, s10, s27\n"
              "vfma.f32 s7, s10, s28\n"
              "vfma.f32 s0, s9, s22\n"
              "vfma.f32 s1, s9, s23\n"
              "vfma.f32 s2, s9, s24\n"
              "vfma.f32 s3, s9, s25\n"
              "vfma.f32 s4, s9, s26\n"
              "vfma.f32 s5, s9, s27\n"
              "vfma.f32 s6, s9, s28\n"
              "vfma.f32 s7, s9, s29\n"
              "vfma.f32 s0, s8, s23\n"
              "vfma.f32 s1, s8, s24\n"
              "vfma.f32 s2, s8, s25\n"
              "vfma.f32 s3, s8, s26\n"
              "vfma.f32 s4, s8, s27\n"
              "vfma.f32 s5, s8, s28\n"
              "vfma.f32 s6, s8, s29\n"
              "vfma.f32 s7, s8, s30\n"
              "subs r2, #1\n"
              "bne 2b\n"
              "vstmia %[o]!, {s0-s7}\n"
              "adds %[w], #32\n"
              "subs %[n], #1\n"
              "bne 1b\n"
              : [w] "+r"(w), [o] "+r"(out), [n] "+r"(groups)
              : [h] "r"(hp), [k] "r"(k), [z] "r"(fir_zeros)
              : "r0", "r1", "r2", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
                "s12", "s13", "s14", "s15", "s16", "s17", "s18", "s19", "s20", "s21", "s22", "s23", "s24",
                "s25", "s26", "s27", "s28", "s29", "s30", "s31", "cc", "memory");
        else if constexpr (Stride == 2)
          asm volatile(
              "1:\n"
              "vldmia %[z], {s0-s3}\n"
              "mov r0, %[h]\n"
              "mov r1, %[w]\n"
              "mov r2, %[k]\n"
              "2:\n"
              "vldmdb r0!, {s4-s11}\n"
              "vldmia r1, {s12-s25}\n"
              "adds r1, #32\n"
              "vfma.f32 s0, s11, s12\n"
              "vfma.f32 s1, s11, s14\n"
              "vfma.f32 s2, s11, s16\n"
              "vfma.f32 s3, s11, s18\n"
              "vfma.f32 s0, s10, s13\n"
              "vfma.f32 s1, s10, s15\n"
              "vfma.f32 s2, s10, s17\n"
              "vfma.f32 s3, s10, s19\n"
              "vfma.f32 s0, s9, s14\n"
              "vfma.f32 s1, s9, s16\n"
              "vfma.f32 s2, s9, s18\n"
              "vfma.f32 s3, s9, s20\n"
              "vfma.f32 s0, s8, s15\n"
              "vfma.f32 s1, s8, s17\n"
              "vfma.f32 s2, s8, s19\n"
              "vfma.f32 s3, s8, s21\n"
              "vfma.f32 s0, s7, s16\n"
              "vfma.f32 s1, s7, s18\n"
              "vfma.f32 s2, s7, s20\n"
              "vfma.f32 s3, s7, s22\n"
              "vfma.f32 s0, s6, s17\n"
              "vfma.f32 s1, s6, s19\n"
              "vfma.f32 s2, s6, s21\n"
              "vfma.f32 s3, s6, s23\n"
              "vfma.f32 s0, s5, s18\n"
              "vfma.f32 s1, s5, s20\n"
              "vfma.f32 s2, s5, s22\n"
              "vfma.f32 s3, s5, s24\n"
              "vfma.f32 s0, s4, s19\n"
              "vfma.f32 s1, s4, s21\n"
              "vfma.f32 s2, s4, s23\n"
              "vfma.f32 s3, s4, s25\n"
              "subs r2, #1\n"
              "bne 2b\n"
              "vstmia %[o]!, {s0-s3}\n"
              "adds %[w], #32\n"
              "subs %[n], #1\n"
              "bne 1b\n"
              : [w] "+r"(w), [o] "+r"(out), [n] "+r"(groups)
              : [h] "r"(hp), [k] "r"(k), [z] "r"(fir_zeros)
              : "r0", "r1", "r2", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
                "s12", "s13", "s14", "s15", "s16", "s17", "s18", "s19", "s20", "s21", "s22", "s23", "s24",
                "s25", "s26", "s27", "s28", "s29", "s30", "s31", "cc", "memory");
        else if constexpr (Stride == 3)
          asm volatile(
              "1:\n"
              "vldmia %[z], {s0-s3}\n"
              "mov r0, %[h]\n"
              "mov r1, %[w]\n"
              "mov r2, %[k]\n"
              "2:\n"
              "vldmdb r0!, {s4-s11}\n"
              "vldmia r1, {s12-s28}\n"
              "adds r1, #32\n"
              "vfma.f32 s0, s11, s12\n"
              "vfma.f32 s1, s11, s15\n"
              "vfma.f32 s2, s11, s18\n"
              "vfma.f32 s3, s11, s21\n"
              "vfma.f32 s0, s10, s13\n"
              "vfma.f32 s1, s10, s16\n"
              "vfma.f32 s2, s10, s19\n"
              "vfma.f32 s3, s10, s22\n"
              "vfma.f32 s0, s9, s14\n"
              "vfma.f32 s1, s9, s17\n"
              "vfma.f32 s2, s9, s20\n"
              "vfma.f32 s3, s9, s23\n"
              "vfma.f32 s0, s8, s15\n"
              "vfma.f32 s1, s8, s18\n"
              "vfma.f32 s2, s8, s21\n"
              "vfma.f32 s3, s8, s24\n"
              "vfma.f32 s0, s7, s16\n"
              "vfma.f32 s1, s7, s19\n"
              "vfma.f32 s2, s7, s22\n"
              "vfma.f32 s3, s7, s25\n"
              "vfma.f32 s0, s6, s17\n"
              "vfma.f32 s1, s6, s20\n"
              "vfma.f32 s2, s6, s23\n"
              "vfma.f32 s3, s6, s26\n"
              "vfma.f32 s0, s5, s18\n"
              "vfma.f32 s1, s5, s21\n"
              "vfma.f32 s2, s5, s24\n"
              "vfma.f32 s3, s5, s27\n"
              "vfma.f32 s0, s4, s19\n"
              "vfma.f32 s1, s4, s22\n"
              "vfma.f32 s2, s4, s25\n"
              "vfma.f32 s3, s4, s28\n"
              "subs r2, #1\n"
              "bne 2b\n"
              "vstmia %[o]!, {s0-s3}\n"
              "adds %[w], #48\n"
              "subs %[n], #1\n"
              "bne 1b\n"
              : [w] "+r"(w), [o] "+r"(out), [n] "+r"(groups)
              : [h] "r"(hp), [k] "r"(k), [z] "r"(fir_zeros)
              : "r0", "r1", "r2", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
                "s12", "s13", "s14", "s15", "s16", "s17", "s18", "s19", "s20", "s21", "s22", "s23", "s24",
                "s25", "s26", "s27", "s28", "s29", "s30", "s31", "cc", "memory");
        else if constexpr (Stride == 4)
          asm volatile(
              "1:\n"
              "vldmia %[z], {s0-s3}\n"
              "mov r0, %[h]\n"
              "mov r1, %[w]\n"
              "mov r2, %[k]\n"
              "2:\n"
              "vldmdb r0!, {s4-s11}\n"
              "vldmia r1, {s12-s31}\n"
              "adds r1, #32\n"
              "vfma.f32 s0, s11, s12\n"
              "vfma.f32 s1, s11, s16\n"
              "vfma.f32 s2, s11, s20\n"
              "vfma.f32 s3, s11, s24\n"
              "vfma.f32 s0, s10, s13\n"
              "vfma.f32 s1, s10, s17\n"
              "vfma.f32 s2, s10, s21\n"
              "vfma.f32 s3, s10, s25\n"
              "vfma.f32 s0, s9, s14\n"
              "vfma.f32 s1, s9, s18\n"
              "vfma.f32 s2, s9, s22\n"
              "vfma.f32 s3, s9, s26\n"
              "vfma.f32 s0, s8, s15\n"
              "vfma.f32 s1, s8, s19\n"
              "vfma.f32 s2, s8, s23\n"
              "vfma.f32 s3, s8, s27\n"
              "vfma.f32 s0, s7, s16\n"
              "vfma.f32 s1, s7, s20\n"
              "vfma.f32 s2, s7, s24\n"
              "vfma.f32 s3, s7, s28\n"
              "vfma.f32 s0, s6, s17\n"
              "vfma.f32 s1, s6, s21\n"
              "vfma.f32 s2, s6, s25\n"
              "vfma.f32 s3, s6, s29\n"
              "vfma.f32 s0, s5, s18\n"
              "vfma.f32 s1, s5, s22\n"
              "vfma.f32 s2, s5, s26\n"
              "vfma.f32 s3, s5, s30\n"
              "vfma.f32 s0, s4, s19\n"
              "vfma.f32 s1, s4, s23\n"
              "vfma.f32 s2, s4, s27\n"
              "vfma.f32 s3, s4, s31\n"
              "subs r2, #1\n"
              "bne 2b\n"
              "vstmia %[o]!, {s0-s3}\n"
              "adds %[w], #64\n"
              "subs %[n], #1\n"
              "bne 1b\n"
              : [w] "+r"(w), [o] "+r"(out), [n] "+r"(groups)
              : [h] "r"(hp), [k] "r"(k), [z] "r"(fir_zeros)
              : "r0", "r1", "r2", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
                "s12", "s13", "s14", "s15", "s16", "s17", "s18", "s19", "s20", "s21", "s22", "s23", "s24",
                "s25", "s26", "s27", "s28", "s29", "s30", "s31", "cc", "memory");
      }
      fir_block_impl<arch::generic>::run<T, N, Stride>(h, w, out, count % per);
    } else if constexpr (std::is_same_v<T, std::int16_t> && Stride == 1 && N >= 4) {
      std::size_t o = 0;
      for (; o + 4 <= count; o += 4, w += 4) q15_block4<N>(h, w, out + o);
      fir_block_impl<arch::generic>::run<T, N, Stride>(h, w, out + o, count - o);
    } else {
      fir_block_impl<arch::generic>::run<T, N, Stride>(h, w, out, count);
    }
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_DSP && CTML_ARCH_ARM_FP32

#pragma once
// The FIR block kernels with the DSP extension and a single-precision FPU (Cortex-M4F, M7, M33,
// M55): the specialisation detail::fir_block_impl<arch::arm_dsp>, float32 in assembly, Q15 with
// SMLALDX (four outputs per pass; two when decimating). Empty unless the compiler targets the DSP
// extension with an FPU.

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
// cores (GCC contracts its a += h x into VFMA), so the bits are the same. Per eight taps: one VLDM
// loads them, another the samples the pass's outputs read, then a VFMA per tap and output (stride 1:
// 8 outputs per pass, 15 sample registers; strides 2 to 4: 4 outputs, up to 20 sample registers).
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

  // Two Q15 outputs Stride samples apart (decimation): per tap pair one word of taps, loaded once for
  // both outputs, and SMLALDX with each output's word of samples (any halfword address); the sums are
  // exact from the rounding constant, as in q15_block4.
  template <std::size_t N, std::size_t Stride>
  static void q15_strided2(const std::int16_t* h, const std::int16_t* w, std::int16_t* out) {
    std::int64_t a0 = 1 << 14, a1 = 1 << 14;
    const std::int16_t* t = h + N - 2;
    for (std::size_t i = 0; i + 2 <= N; i += 2, t -= 2) {
      const std::int32_t c = word(t);  // (h[N - 2 - i], h[N - 1 - i]) against (w[i], w[i + 1])
      a0 = __smlaldx(c, word(w + i), a0);
      a1 = __smlaldx(c, word(w + Stride + i), a1);
    }
    if constexpr (N % 2 != 0) {  // the last tap, h[0]
      const std::int32_t c = h[0];
      a0 += c * w[N - 1];
      a1 += c * w[Stride + N - 1];
    }
    out[0] = narrow(a0);
    out[1] = narrow(a1);
  }

  // `groups` passes of `per` outputs over N taps (float32, Stride apart). Not inlined: GCC sizes an asm
  // statement by its lines, and the .irp expansion below is longer than it looks, which could put a
  // caller's literal pool out of VLDR's reach.
  template <std::size_t N, std::size_t Stride, std::size_t per>
  [[gnu::noinline]] static void float_passes(const float* h, const float* w, float* out, std::size_t groups) {
    const float* hp = h + N;
    std::size_t k = N / 8;
    // P outputs (s0 ..), eight taps (s<P> .., the first in s<P + 7>), the samples they read
    // (s<P + 8> ..); GNU as expands the 8 x P VFMA (.irp, .altmacro arithmetic).
    asm volatile(
        ".altmacro\n"
        ".macro ctml_fir_vfma d, n, m\n"
        "vfma.f32 s\\d, s\\n, s\\m\n"
        ".endm\n"
        "1:\n"
        "vldmia %[z], {s0-s%c[pm1]}\n"
        "mov r0, %[h]\n"
        "mov r1, %[w]\n"
        "mov r2, %[k]\n"
        "2:\n"
        "vldmdb r0!, {s%c[p]-s%c[pp7]}\n"
        "vldmia r1, {s%c[pp8]-s%c[xlast]}\n"
        "adds r1, #32\n"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7\n"
        ".irp j, 0, 1, 2, 3, 4, 5, 6, 7\n"
        ".if \\j < %c[p]\n"
        "ctml_fir_vfma \\j, %%(%c[pp7] - \\i), %%(%c[pp8] + %c[s] * \\j + \\i)\n"
        ".endif\n"
        ".endr\n"
        ".endr\n"
        "subs r2, #1\n"
        "bne 2b\n"
        "vstmia %[o]!, {s0-s%c[pm1]}\n"
        "adds %[w], %[step]\n"
        "subs %[n], #1\n"
        "bne 1b\n"
        ".purgem ctml_fir_vfma\n"
        ".noaltmacro\n"
        : [w] "+r"(w), [o] "+r"(out), [n] "+r"(groups)
        : [h] "r"(hp), [k] "r"(k), [z] "r"(fir_zeros), [p] "i"(per), [pm1] "i"(per - 1), [pp7] "i"(per + 7),
          [pp8] "i"(per + 8), [xlast] "i"(per + 8 + (per - 1) * Stride + 7), [s] "i"(Stride),
          [step] "i"(4 * per * Stride)
        : "r0", "r1", "r2", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "s12",
          "s13", "s14", "s15", "s16", "s17", "s18", "s19", "s20", "s21", "s22", "s23", "s24", "s25", "s26",
          "s27", "s28", "s29", "s30", "s31", "cc", "memory");
  }

  template <typename T, std::size_t N, std::size_t Stride>
  static constexpr void run(const T* h, const T* w, T* out, std::size_t count) {
    if (std::is_constant_evaluated())
      return fir_block_impl<arch::generic>::run<T, N, Stride>(h, w, out, count);
    if constexpr (std::is_same_v<T, float> && N % 8 == 0 && Stride <= 4) {
      constexpr std::size_t per = Stride == 1 ? 8 : 4;  // outputs per pass
      if (count >= per) float_passes<N, Stride, per>(h, w, out, count / per);
      const std::size_t done = count - count % per;
      fir_block_impl<arch::generic>::run<T, N, Stride>(h, w + done * Stride, out + done, count % per);
    } else if constexpr (std::is_same_v<T, std::int16_t> && Stride == 1 && N >= 4) {
      std::size_t o = 0;
      for (; o + 4 <= count; o += 4, w += 4) q15_block4<N>(h, w, out + o);
      fir_block_impl<arch::generic>::run<T, N, Stride>(h, w, out + o, count - o);
    } else if constexpr (std::is_same_v<T, std::int16_t> && Stride > 1 && N >= 2) {
      std::size_t o = 0;
      for (; o + 2 <= count; o += 2, w += 2 * Stride) q15_strided2<N, Stride>(h, w, out + o);
      fir_block_impl<arch::generic>::run<T, N, Stride>(h, w, out + o, count - o);
    } else {
      fir_block_impl<arch::generic>::run<T, N, Stride>(h, w, out, count);
    }
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_DSP && CTML_ARCH_ARM_FP32

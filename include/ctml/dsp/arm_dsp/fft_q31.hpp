#pragma once
// Arm DSP-extension path of the Q31 real FFT (Cortex-M4/M7/M33, and the M55's fallback): the
// specialisation detail::fft_q31_impl<arch::arm_dsp>. The portable code rounds each 64-bit twiddle
// product to Q31 and then halves a 33-bit sum; here both happen in one SMLAL accumulator whose high
// word is the butterfly's output, and the other output comes from the same accumulator (below). The
// split step runs in 32 bits (halvings without 33-bit sums, SMLAL products, QADD/QSUB). The same bits
// as the portable code (tests/dsp/fft_q31_arch_test.cpp). Empty unless the compiler targets the DSP
// extension.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_DSP

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/dsp/reference/fft_q31.hpp>

namespace ctml::dsp::detail {

namespace q31_dsp {

// high(v): the high word of a 64-bit SMLAL accumulator v (the instructions below are inline
// assembly: GCC 12 built the accumulators' starts from AND/ORR/ADDS/ADC and spilled the loop state).

// Twiddles stage after stage (stage L = 4 .. N at offset L/2 - 2, entries k < L/2), so that each
// butterfly reads the next one with LDRD post-increment; the values are fft_q31_tables' twiddles.
template <std::size_t N>
struct rfft_q31_dsp_tables {
  static constexpr std::array<twiddle_q31, N - 2> twiddles = [] {
    std::array<twiddle_q31, N - 2> t{};
    std::size_t c = 0;
    for (std::size_t l = 4; l <= N; l <<= 1)
      for (std::size_t k = 0; k < l / 2; ++k) t[c++] = fft_q31_tables<N>::twiddles[k * (N / l)];
    return t;
  }();
};

// Stage 2 (twiddle 1): (a + b) >> 1 = high(a 2^31 + b 2^31) exactly (ADDS/ADC), and (a - b) >> 1 =
// a - that - (low word >> 31), the low word being 0 or 2^31. Every |value| <= 2^30.6 in rfft_q31.
inline void butterfly_first(complex_q31* p) {
  std::int32_t ar, ai, br, bi, lo, hi, lo2, hi2;
  __asm__ volatile(
      "ldrd %[ar], %[ai], [%[p]]\n\t"
      "ldrd %[br], %[bi], [%[p], #8]\n\t"
      "lsl %[lo], %[ar], #31\n\t"
      "asr %[hi], %[ar], #1\n\t"
      "adds %[lo], %[lo], %[br], lsl #31\n\t"
      "adc %[hi], %[hi], %[br], asr #1\n\t"
      "sub %[ar], %[ar], %[hi]\n\t"
      "sub %[ar], %[ar], %[lo], lsr #31\n\t"
      "lsl %[lo2], %[ai], #31\n\t"
      "asr %[hi2], %[ai], #1\n\t"
      "adds %[lo2], %[lo2], %[bi], lsl #31\n\t"
      "adc %[hi2], %[hi2], %[bi], asr #1\n\t"
      "sub %[ai], %[ai], %[hi2]\n\t"
      "sub %[ai], %[ai], %[lo2], lsr #31\n\t"
      "strd %[hi], %[hi2], [%[p]]\n\t"
      "strd %[ar], %[ai], [%[p], #8]"
      : [ar] "=&r"(ar), [ai] "=&r"(ai), [br] "=&r"(br), [bi] "=&r"(bi), [lo] "=&r"(lo), [hi] "=&r"(hi),
        [lo2] "=&r"(lo2), [hi2] "=&r"(hi2)
      : [p] "r"(p)
      : "cc", "memory");
}

// The portable butterfly {(a + r) >> 1, (a - r) >> 1}, r = round(b w) = floor((R + 2^30) / 2^31) for
// the exact product R, from one accumulator per part: with A = a 2^31,
//   (a + r) >> 1 = high(A + 2^30 + R),  (a - r) >> 1 = high(A + 2^30 - 1 - R),
// and the two accumulators add up to a 2^32 + 2^31 - 1, so the other output is a - high - (low >> 31).
// The real part accumulates the positive products (b.re nc + b.im ns) into the second form, the
// imaginary part (b.re ns - b.im nc, b.im negated first) into the first. 20 instructions; every
// |value| <= 2^30.6 in rfft_q31, so nothing saturates or wraps.
inline void butterfly(complex_q31*& pa, complex_q31*& pb, const twiddle_q31*& pw) {
  std::int32_t ar, ai, br, bi, nc, ns, lo, hi, hi2;
  __asm__ volatile(
      "ldrd %[nc], %[ns], [%[pw]], #8\n\t"
      "ldrd %[br], %[bi], [%[pb]]\n\t"
      "ldrd %[ar], %[ai], [%[pa]]\n\t"
      "lsl %[lo], %[ar], #31\n\t"
      "asr %[hi], %[ar], #1\n\t"
      "orn %[lo], %[lo], #0xc0000000\n\t"  // + 2^30 - 1
      "smlal %[lo], %[hi], %[br], %[nc]\n\t"
      "smlal %[lo], %[hi], %[bi], %[ns]\n\t"
      "sub %[ar], %[ar], %[hi]\n\t"
      "sub %[ar], %[ar], %[lo], lsr #31\n\t"
      "lsl %[lo], %[ai], #31\n\t"
      "asr %[hi2], %[ai], #1\n\t"
      "orr %[lo], %[lo], #0x40000000\n\t"  // + 2^30
      "smlal %[lo], %[hi2], %[br], %[ns]\n\t"
      "rsb %[bi], %[bi], #0\n\t"
      "smlal %[lo], %[hi2], %[bi], %[nc]\n\t"
      "sub %[ai], %[ai], %[hi2]\n\t"
      "sub %[ai], %[ai], %[lo], lsr #31\n\t"
      "strd %[ar], %[hi2], [%[pa]], #8\n\t"
      "strd %[hi], %[ai], [%[pb]], #8"
      : [ar] "=&r"(ar), [ai] "=&r"(ai), [br] "=&r"(br), [bi] "=&r"(bi), [nc] "=&r"(nc), [ns] "=&r"(ns),
        [lo] "=&r"(lo), [hi] "=&r"(hi), [hi2] "=&r"(hi2), [pa] "+r"(pa), [pb] "+r"(pb), [pw] "+r"(pw)
      :
      : "memory");
}

// The N-point forward FFT of rfft_q31 (input already bit-reversed), radix 2, stage by stage.
template <std::size_t N>
void rfft_core(complex_q31* x) {
  for (complex_q31* p = x; p != x + N; p += 2) butterfly_first(p);
  const twiddle_q31* tw = rfft_q31_dsp_tables<N>::twiddles.data();
  for (std::size_t l = 4; l <= N; l <<= 1) {
    const std::size_t h = l / 2;
    for (complex_q31* g = x; g != x + N; g += l) {
      complex_q31* pa = g;
      complex_q31* pb = g + h;
      const twiddle_q31* pw = tw;
      while (pa != g + h) butterfly(pa, pb, pw);
    }
    tw += h;
  }
}

// Bins k and m - k of the split step in 35 instructions (k <= m / 2; for k = m / 2 both are the
// same bin, and the mirror's values, stored last, win as in the portable code): the rounded halvings
// (x + y + 1) >> 1 as (x | y) - ((x ^ y) >> 1) (no 33-bit sum; every |part| <= 2^30.6, so the
// negations cannot overflow), T's two products exact in SMLAL from 2^30, then QADD/QSUB. The
// pointers step to the next pair.
inline void split_bins(complex_q31*& pk, complex_q31*& pm, const twiddle_q31*& pw) {
  std::int32_t ar, ai, br, bi, nc, ns, lo, hi, t, u;
  __asm__ volatile(
      "ldrd %[ar], %[ai], [%[pk]]\n\t"
      "ldrd %[br], %[bi], [%[pm]]\n\t"
      "ldrd %[nc], %[ns], [%[pw]], #8\n\t"
      "orr %[t], %[ar], %[br]\n\t"
      "eor %[u], %[ar], %[br]\n\t"
      "sub %[t], %[t], %[u], asr #1\n\t"  // t = e.re
      "rsb %[br], %[br], #0\n\t"
      "orr %[u], %[ar], %[br]\n\t"
      "eor %[ar], %[ar], %[br]\n\t"
      "sub %[ar], %[u], %[ar], asr #1\n\t"  // ar = f.re
      "orr %[u], %[ai], %[bi]\n\t"
      "eor %[br], %[ai], %[bi]\n\t"
      "sub %[u], %[u], %[br], asr #1\n\t"  // u = e.im
      "rsb %[bi], %[bi], #0\n\t"
      "orr %[br], %[ai], %[bi]\n\t"
      "eor %[ai], %[ai], %[bi]\n\t"
      "sub %[ai], %[br], %[ai], asr #1\n\t"  // ai = f.im
      "mov %[lo], #0x40000000\n\t"
      "mov %[hi], #0\n\t"
      "smlal %[lo], %[hi], %[ar], %[ns]\n\t"
      "rsb %[br], %[u], #0\n\t"
      "smlal %[lo], %[hi], %[br], %[nc]\n\t"
      "lsl %[bi], %[hi], #1\n\t"
      "orr %[bi], %[bi], %[lo], lsr #31\n\t"  // bi = tr = round(f.re ns - e.im nc)
      "mov %[lo], #0x40000000\n\t"
      "mov %[hi], #0\n\t"
      "smlal %[lo], %[hi], %[u], %[ns]\n\t"
      "smlal %[lo], %[hi], %[ar], %[nc]\n\t"
      "lsl %[br], %[hi], #1\n\t"
      "orr %[br], %[br], %[lo], lsr #31\n\t"  // br = ti = round(e.im ns + f.re nc)
      "qadd %[lo], %[t], %[bi]\n\t"
      "qadd %[hi], %[ai], %[br]\n\t"
      "strd %[lo], %[hi], [%[pk]], #8\n\t"
      "qsub %[lo], %[t], %[bi]\n\t"
      "qsub %[hi], %[br], %[ai]\n\t"
      "strd %[lo], %[hi], [%[pm]], #-8"
      : [ar] "=&r"(ar), [ai] "=&r"(ai), [br] "=&r"(br), [bi] "=&r"(bi), [nc] "=&r"(nc), [ns] "=&r"(ns),
        [lo] "=&r"(lo), [hi] "=&r"(hi), [t] "=&r"(t), [u] "=&r"(u), [pk] "+r"(pk), [pm] "+r"(pm),
        [pw] "+r"(pw)
      :
      : "memory");
}

// rfft_q31's split step (bins 0 and N/2, then k = 1 .. N/4 with their mirrors N/2 - k).
template <std::size_t N>
void split(complex_q31* out) {
  constexpr std::size_t m = N / 2;
  const std::int64_t z0r = out[0].re, z0i = out[0].im;
  out[0] = {saturate_q31(z0r + z0i), 0};
  out[m] = {saturate_q31(z0r - z0i), 0};
  complex_q31* pk = out + 1;
  complex_q31* pm = out + m - 1;
  const twiddle_q31* pw = fft_q31_tables<m>::split.data() + 1;
  for (std::size_t k = 1; k <= m / 2; ++k) split_bins(pk, pm, pw);
}

// rfft_q31: the packing ((x + 1) >> 1 = x - (x >> 1), no 64-bit sum), the FFT, the split step.
template <std::size_t N>
void rfft(const std::int32_t* in, complex_q31* out) {
  constexpr std::size_t m = N / 2;
  const auto& rev = fft_tables<m>::reversed;
  for (std::size_t n = 0; n < m; ++n) {
    const std::int32_t re = in[2 * n], im = in[2 * n + 1];
    out[rev[n]] = {re - (re >> 1), im - (im >> 1)};
  }
  rfft_core<m>(out);
  split<N>(out);
}

}  // namespace q31_dsp

/// The DSP extension: rfft_q31 with SMLAL accumulators; constant evaluation runs the portable code.
template <>
struct fft_q31_impl<arch::arm_dsp> {
  template <std::size_t N>
  static constexpr void rfft(const std::int32_t* in, complex_q31* out) {
    if (std::is_constant_evaluated()) return fft_q31_impl<arch::generic>::rfft<N>(in, out);
    q31_dsp::rfft<N>(in, out);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_DSP

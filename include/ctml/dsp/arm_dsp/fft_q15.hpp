#pragma once
// Arm DSP-extension paths of the Q15 FFTs (Cortex-M4/M7/M33, and the M55 where Helium does not
// apply): the specialisation detail::fft_q15_impl<arch::arm_dsp>. Packed (re, im) halfword pairs:
// SHADD16/SHSUB16 and SHASX/SHSAX in the first pass, SMLAD/SMLSDX + QADD + PKHTB products in the
// fused passes, SHADD16 packing and SMUAD-family products in the rfft split step; the same bits as
// the portable code (tests/dsp/fft_q15_determinism_test.cpp). Empty unless the compiler targets the
// DSP extension.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_DSP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include <arm_acle.h>

#include <ctml/dsp/reference/fft_q15.hpp>

namespace ctml::dsp::detail {

// Packed (re, im) halfword pairs.
inline int16x2_t ld_pair(const void* q) {
  int16x2_t v;
  std::memcpy(&v, q, sizeof v);
  return v;
}
inline void st_pair(void* q, int16x2_t v) {
  std::memcpy(q, &v, sizeof v);
}
template <bool Inverse>
inline int16x2_t neg_product_dsp(int16x2_t b, int16x2_t w) {
  // S + 2^14 (never overflows: |S| <= sqrt 2 2^30), doubled with saturation: the top half is
  // sat(round(S / 2^15)).
  const std::int32_t re = Inverse ? __smlsd(b, w, 1 << 14) : __smlad(b, w, 1 << 14);
  const std::int32_t im = Inverse ? __smladx(b, w, 1 << 14) : __smlsdx(w, b, 1 << 14);
  const auto re2 = static_cast<std::uint32_t>(__qadd(re, re)),
             im2 = static_cast<std::uint32_t>(__qadd(im, im));
  return static_cast<int16x2_t>((im2 & 0xffff0000u) | (re2 >> 16));
}

/// The DSP extension: every stage on packed pairs; constant evaluation runs the portable stages.
template <>
struct fft_q15_impl<arch::arm_dsp> {
  using reference = fft_q15_impl<arch::generic>;

  // One SSAT.
  static constexpr std::int16_t saturate(std::int32_t v) {
    if (std::is_constant_evaluated()) return saturate_q15(v);
    return static_cast<std::int16_t>(__ssat(v, 16));
  }

  // The portable arithmetic on packed pairs; the fused passes with SMLAD/SMLSDX + QADD + PKHTB
  // products and SHSUB16/SHADD16 for both halves of a butterfly at once.
  template <std::size_t N, bool Inverse, bool InputBitReversed>
  static constexpr void core(complex_q15* x) {
    if (std::is_constant_evaluated()) return reference::core<N, Inverse, InputBitReversed>(x);
    if constexpr (!InputBitReversed) bit_reverse_permute<N>(x);
    first_stages<N, Inverse>(x);
    for (std::size_t l = fft_q15_odd_stage<fft_q15_impl, N, Inverse>(x); l < N; l <<= 2) {
      const std::size_t h = l / 2;
      const twiddle_q15* w1 = fft_q15_tables<N>::twiddles.data() + (h - 1);  // stage L
      const twiddle_q15* w2 = fft_q15_tables<N>::twiddles.data() + (l - 1);  // stage 2L
      for (std::size_t g = 0; g < N; g += 2 * l) {
        complex_q15* p0 = x + g;
        complex_q15* p1 = p0 + h;
        complex_q15* p2 = p0 + l;
        complex_q15* p3 = p2 + h;
        for (std::size_t k = 0; k < h; ++k) {
          const int16x2_t w1k = ld_pair(&w1[k]);
          const int16x2_t a = neg_product_dsp<Inverse>(ld_pair(&p1[k]), w1k);
          const int16x2_t c = neg_product_dsp<Inverse>(ld_pair(&p3[k]), w1k);
          const int16x2_t x0 = ld_pair(&p0[k]), x2 = ld_pair(&p2[k]);
          const int16x2_t b0 = __shsub16(x0, a), b1 = __shadd16(x0, a), b2 = __shsub16(x2, c),
                          b3 = __shadd16(x2, c);
          const int16x2_t t2 = neg_product_dsp<Inverse>(b2, ld_pair(&w2[k]));
          const int16x2_t t3 = neg_product_dsp<Inverse>(b3, ld_pair(&w2[k + h]));
          st_pair(&p0[k], __shsub16(b0, t2));
          st_pair(&p2[k], __shadd16(b0, t2));
          st_pair(&p1[k], __shsub16(b1, t3));
          st_pair(&p3[k], __shadd16(b1, t3));
        }
      }
    }
  }
  template <std::size_t N>
  static constexpr void rfft(const std::int16_t* in, complex_q15* out) {
    rfft_q15_run<fft_q15_impl, N>(in, out);
  }

  // SHADD16/SHSUB16 for stage 2, SHSAX/SHASX for stage 4's (a1 +- (-+i) a3) / 2.
  template <std::size_t N, bool Inverse>
  static constexpr void first_stages(complex_q15* x) {
    if (std::is_constant_evaluated()) return reference::first_stages<N, Inverse>(x);
    for (std::size_t g = 0; g < N; g += 4) {
      complex_q15* p = x + g;
      const int16x2_t p0 = ld_pair(p), p1 = ld_pair(p + 1), p2 = ld_pair(p + 2), p3 = ld_pair(p + 3);
      const int16x2_t a0 = __shadd16(p0, p1), a1 = __shsub16(p0, p1), a2 = __shadd16(p2, p3),
                      a3 = __shsub16(p2, p3);
      st_pair(p, __shadd16(a0, a2));
      st_pair(p + 2, __shsub16(a0, a2));
      st_pair(p + 1, Inverse ? __shasx(a1, a3) : __shsax(a1, a3));
      st_pair(p + 3, Inverse ? __shsax(a1, a3) : __shasx(a1, a3));
    }
  }

  // SHADD16 with 1 rounds both halves of a sample pair at once.
  template <std::size_t N>
  static constexpr void pack(const std::int16_t* in, complex_q15* out) {
    if (std::is_constant_evaluated()) return reference::pack<N>(in, out);
    const auto& rev = fft_tables<N / 2>::reversed;
    const auto one = static_cast<int16x2_t>(0x00010001);
    for (std::size_t n = 0; n < N / 2; ++n) st_pair(&out[rev[n]], __shadd16(ld_pair(&in[2 * n]), one));
  }

  // The split step in 32 bits: t = w Q/i from four dual products (each sum < 2^30.5 since |a|, |b| <=
  // 2^15 / sqrt 2 after the halved packing), P 2^15 + t and the rounding constant added with
  // QADD/QSUB. Their saturation at 2^31 gives exactly the 64-bit code's saturated results.
  template <std::size_t N>
  static constexpr void split(complex_q15* out) {
    if (std::is_constant_evaluated()) return reference::split<N>(out);
    constexpr std::size_t m = N / 2;
    const auto& w = rfft_q15_tables<N>::split;
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const int16x2_t a = ld_pair(&out[k]), b = ld_pair(&out[m - k]), wk = ld_pair(&w[k]);
      const std::int32_t ar = static_cast<std::int16_t>(a), ai = static_cast<std::int32_t>(a) >> 16;
      const std::int32_t br = static_cast<std::int16_t>(b), bi = static_cast<std::int32_t>(b) >> 16;
      const std::int32_t p_r = (ar + br) * (1 << 15), p_i = (ai - bi) * (1 << 15);
      const std::int32_t tr = __smusdx(a, wk) - __smuadx(b, wk);  // ar ns - ai nc - br ns - bi nc
      const std::int32_t ti = __smuad(a, wk) - __smusd(b, wk);    // ar nc + ai ns - br nc + bi ns
      const std::int32_t r0 = __qadd(__qadd(p_r, tr), 1 << 15), i0 = __qadd(__qadd(p_i, ti), 1 << 15);
      const std::int32_t r1 = __qadd(__qsub(p_r, tr), 1 << 15), i1 = __qadd(__qsub(ti, p_i), 1 << 15);
      st_pair(&out[k], static_cast<int16x2_t>((static_cast<std::uint32_t>(i0) & 0xffff0000u) |
                                              (static_cast<std::uint32_t>(r0) >> 16)));
      st_pair(&out[m - k], static_cast<int16x2_t>((static_cast<std::uint32_t>(i1) & 0xffff0000u) |
                                                  (static_cast<std::uint32_t>(r1) >> 16)));
    }
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_DSP

#pragma once
// Helium (integer MVE: Cortex-M55/M85) paths of the Q15 FFTs: the specialisation
// detail::fft_q15_impl<arch::arm_mve>. Four complex values per vector, the same bits as the
// portable code (tests/dsp/fft_q15_determinism_test.cpp on Cortex-M55); sizes or buffers they do
// not take fall back to the DSP-extension path. Empty unless the compiler targets integer Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <arm_mve.h>

#include <ctml/dsp/arm_dsp/fft_q15.hpp>
#include <ctml/dsp/reference/fft_q15.hpp>

namespace ctml::dsp::detail {

// Helium (MVE) paths of the Q15 transforms: four complex values per vector, the same bits as
// the portable code (tests/dsp/fft_q15_determinism_test.cpp on Cortex-M55).
namespace mve {
inline int16x8_t ld(const void* p) {
  return vld1q_s16(static_cast<const std::int16_t*>(p));
}
inline void st(void* p, int16x8_t v) {
  vst1q_s16(static_cast<std::int16_t*>(p), v);
}
// v = sat(round(-(b w))): VQRDMLADH writes the even (real) lanes, VQRDMLSDHX the odd (imaginary) ones.
// Inline assembly: each instruction keeps the other half of its destination, so through the
// intrinsics GCC 12 first copies a register into it; an early-clobber output needs no copy.
// Inverse: -(b conj(w)) = (b.re nc - b.im ns) + i (b.im nc + b.re ns): VQRDMLSDH + VQRDMLADHX.
template <bool Inverse>
inline int16x8_t neg_product(int16x8_t b, int16x8_t w) {
  int16x8_t v;
  if constexpr (Inverse)
    __asm__("vqrdmlsdh.s16 %q0, %q1, %q2\n\tvqrdmladhx.s16 %q0, %q1, %q2" : "=&w"(v) : "w"(b), "w"(w));
  else
    __asm__("vqrdmladh.s16 %q0, %q1, %q2\n\tvqrdmlsdhx.s16 %q0, %q1, %q2" : "=&w"(v) : "w"(b), "w"(w));
  return v;
}
// Stages L and 2L for four consecutive k (see fft_q15_impl<arch::generic>::core).
template <bool Inverse>
inline void fused4(complex_q15* p0, complex_q15* p1, complex_q15* p2, complex_q15* p3, int16x8_t w1k,
                   int16x8_t w2k, int16x8_t w2kh) {
  const int16x8_t a = neg_product<Inverse>(ld(p1), w1k), c = neg_product<Inverse>(ld(p3), w1k);
  const int16x8_t x0 = ld(p0), x2 = ld(p2);
  const int16x8_t b0 = vhsubq_s16(x0, a), b1 = vhaddq_s16(x0, a), b2 = vhsubq_s16(x2, c),
                  b3 = vhaddq_s16(x2, c);
  const int16x8_t t2 = neg_product<Inverse>(b2, w2k), t3 = neg_product<Inverse>(b3, w2kh);
  st(p0, vhsubq_s16(b0, t2));
  st(p2, vhaddq_s16(b0, t2));
  st(p1, vhsubq_s16(b1, t3));
  st(p3, vhaddq_s16(b1, t3));
}

template <std::size_t N, bool Inverse, bool InputBitReversed>
void fft(complex_q15* x) {
  if constexpr (!InputBitReversed) bit_reverse_permute<N>(x);
  // Stages 2 and 4 on 4 groups of 4 at once: VLD4 puts element i of every group in vector i.
  for (std::size_t g = 0; g < N; g += 16) {
    auto* p = reinterpret_cast<std::int32_t*>(x + g);
    int32x4x4_t v = vld4q_s32(p);
    const int16x8_t p0 = vreinterpretq_s16_s32(v.val[0]), p1 = vreinterpretq_s16_s32(v.val[1]);
    const int16x8_t p2 = vreinterpretq_s16_s32(v.val[2]), p3 = vreinterpretq_s16_s32(v.val[3]);
    const int16x8_t a0 = vhaddq_s16(p0, p1), a1 = vhsubq_s16(p0, p1), a2 = vhaddq_s16(p2, p3),
                    a3 = vhsubq_s16(p2, p3);
    v.val[0] = vreinterpretq_s32_s16(vhaddq_s16(a0, a2));
    v.val[2] = vreinterpretq_s32_s16(vhsubq_s16(a0, a2));
    // (a1 +- (-+i) a3) / 2
    v.val[1] = vreinterpretq_s32_s16(Inverse ? vhcaddq_rot90_s16(a1, a3) : vhcaddq_rot270_s16(a1, a3));
    v.val[3] = vreinterpretq_s32_s16(Inverse ? vhcaddq_rot270_s16(a1, a3) : vhcaddq_rot90_s16(a1, a3));
    vst4q_s32(p, v);
  }
  constexpr unsigned remaining = static_cast<unsigned>(std::countr_zero(N)) - 2;
  std::size_t l = 8;
  const twiddle_q15* tw = fft_q15_tables<N>::twiddles.data();
  if constexpr (remaining % 2 == 1) {
    const int16x8_t w = ld(tw + 3);
    for (std::size_t g = 0; g < N; g += 8) {
      const int16x8_t a = ld(x + g), v = neg_product<Inverse>(ld(x + g + 4), w);
      st(x + g, vhsubq_s16(a, v));
      st(x + g + 4, vhaddq_s16(a, v));
    }
    l = 16;
  }
  if (l == 8 && l < N) {  // h = 4: one vector per quarter, the same twiddles for every group
    const int16x8_t w1k = ld(tw + 3), w2k = ld(tw + 7), w2kh = ld(tw + 11);
    for (complex_q15* p = x; p != x + N; p += 16) fused4<Inverse>(p, p + 4, p + 8, p + 12, w1k, w2k, w2kh);
    l = 32;
  }
  for (; l < N; l <<= 2) {
    const std::size_t h = l / 2;
    const twiddle_q15* w1 = tw + (h - 1);
    const twiddle_q15* w2 = tw + (l - 1);
    for (std::size_t g = 0; g < N; g += 2 * l) {
      complex_q15* p0 = x + g;
      for (std::size_t k = 0; k < h; k += 4)
        fused4<Inverse>(p0 + k, p0 + h + k, p0 + l + k, p0 + l + h + k, ld(w1 + k), ld(w2 + k),
                        ld(w2 + k + h));
    }
  }
}

template <std::size_t M>
struct reversed_offsets {
  // Bit-reversed positions as 32-bit scatter offsets (in complex values).
  static constexpr std::array<std::uint32_t, M> table = [] {
    std::array<std::uint32_t, M> r{};
    for (std::size_t i = 0; i < M; ++i) r[i] = fft_tables<M>::reversed[i];
    return r;
  }();
};

// rfft_q15's packing, FFT and split step; the split step's arithmetic is the 32-bit DSP-extension
// version's (widening VMULLB/VMULLT products, VQADD), four bins k and their mirrors m - k at once.
template <std::size_t N>
void rfft(const std::int16_t* in, complex_q15* out) {
  constexpr std::size_t m = N / 2;
  const std::uint32_t* rev = reversed_offsets<m>::table.data();
  auto* out32 = reinterpret_cast<std::int32_t*>(out);
  const int16x8_t zero = vdupq_n_s16(0);
  for (std::size_t n = 0; n < m; n += 4)  // VRHADD with 0: (x + 1) >> 1, scattered to bit-reversed places
    vstrwq_scatter_shifted_offset_s32(out32, vld1q_u32(rev + n),
                                      vreinterpretq_s32_s16(vrhaddq_s16(vld1q_s16(in + 2 * n), zero)));
  fft<m, false, true>(out);
  const std::int32_t z0r = out[0].re, z0i = out[0].im;
  out[0] = {fft_q15_impl<arch::arm_dsp>::saturate(z0r + z0i), 0};
  out[m] = {fft_q15_impl<arch::arm_dsp>::saturate(z0r - z0i), 0};
  const twiddle_q15* w = rfft_q15_tables<N>::split.data();
  static constexpr std::uint32_t mirror_offsets[4] = {3, 2, 1, 0};
  const uint32x4_t mirror = vld1q_u32(mirror_offsets);
  for (std::size_t k = 1; k <= m / 2; k += 4) {
    const int16x8_t a = ld(out + k);
    const int16x8_t b = vreinterpretq_s16_s32(vldrwq_gather_shifted_offset_s32(out32 + (m - k - 3), mirror));
    const int16x8_t wk = ld(w + k), wx = vrev32q_s16(wk);  // (nc, ns) and (ns, nc)
    // tr = ar ns - ai nc - br ns - bi nc, ti = ar nc + ai ns - br nc + bi ns (exact in 32 bits)
    const int32x4_t tr = vsubq_s32(vsubq_s32(vmullbq_int_s16(a, wx), vmulltq_int_s16(a, wx)),
                                   vaddq_s32(vmullbq_int_s16(b, wx), vmulltq_int_s16(b, wx)));
    const int32x4_t ti = vaddq_s32(vaddq_s32(vmullbq_int_s16(a, wk), vmulltq_int_s16(a, wk)),
                                   vsubq_s32(vmulltq_int_s16(b, wk), vmullbq_int_s16(b, wk)));
    const int32x4_t pr = vaddq_s32(vshllbq_n_s16(a, 15), vshllbq_n_s16(b, 15));
    const int32x4_t pi = vsubq_s32(vshlltq_n_s16(a, 15), vshlltq_n_s16(b, 15));
    const int32x4_t r0 = vqaddq_n_s32(vqaddq_s32(pr, tr), 1 << 15),
                    i0 = vqaddq_n_s32(vqaddq_s32(pi, ti), 1 << 15);
    const int32x4_t r1 = vqaddq_n_s32(vqsubq_s32(pr, tr), 1 << 15),
                    i1 = vqaddq_n_s32(vqsubq_s32(ti, pi), 1 << 15);
    st(out + k, vshrntq_n_s32(vshrnbq_n_s32(zero, r0, 16), i0, 16));
    vstrwq_scatter_shifted_offset_s32(
        out32 + (m - k - 3), mirror,
        vreinterpretq_s32_s16(vshrntq_n_s32(vshrnbq_n_s32(zero, r1, 16), i1, 16)));
  }
}
}  // namespace mve

/// Helium: N >= 16 complex points in multiples of 16 and word-aligned buffers (VLD4/VST4 and word
/// gathers); otherwise, and in constant evaluation, the DSP-extension path (whose stages and
/// saturation it inherits).
template <>
struct fft_q15_impl<arch::arm_mve> : fft_q15_impl<arch::arm_dsp> {
  using fallback = fft_q15_impl<arch::arm_dsp>;

  template <std::size_t N, bool Inverse, bool InputBitReversed>
  static constexpr void core(complex_q15* x) {
    if constexpr (N % 16 == 0)
      if (!std::is_constant_evaluated() && reinterpret_cast<std::uintptr_t>(x) % 4 == 0)
        return mve::fft<N, Inverse, InputBitReversed>(x);
    fallback::core<N, Inverse, InputBitReversed>(x);
  }
  template <std::size_t N>
  static constexpr void rfft(const std::int16_t* in, complex_q15* out) {
    if constexpr (N / 2 % 16 == 0)
      if (!std::is_constant_evaluated() && reinterpret_cast<std::uintptr_t>(out) % 4 == 0)
        return mve::rfft<N>(in, out);
    fallback::rfft<N>(in, out);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE

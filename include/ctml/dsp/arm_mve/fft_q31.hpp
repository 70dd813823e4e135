#pragma once
// Helium (integer MVE: Cortex-M55/M85) path of the Q31 real FFT: the specialisation
// detail::fft_q31_impl<arch::arm_mve>. Two complex values per vector; the same bits as the portable
// code (tests/dsp/fft_q31_arch_test.cpp on Cortex-M55). The split step is the DSP-extension one.
// Empty unless the compiler targets integer Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <arm_mve.h>

#include <ctml/dsp/arm_dsp/fft_q31.hpp>
#include <ctml/dsp/reference/fft_q31.hpp>

namespace ctml::dsp::detail {

namespace mve_q31 {

inline int32x4_t ld(const complex_q31* p) {
  return vld1q_s32(&p->re);
}
inline int32x4_t ld(const twiddle_q31* p) {
  return vld1q_s32(&p->ncos);
}
inline void st(complex_q31* p, int32x4_t v) {
  vst1q_s32(&p->re, v);
}
// t = sat(round(b w)) for two complex values: VQRDMLADH gives the even (real) lanes
// round(-b.re nc - b.im ns) and VQRDMLSDHX the odd ones round(b.re ns - b.im nc) from nb = -b, each
// the exact sum of two 64-bit products rounded like round_shift_q31 (2 S + 2^31 >> 32). Inline
// assembly with an early-clobber output: each instruction keeps the other lanes of its destination.
inline int32x4_t product(int32x4_t nb, int32x4_t w) {
  int32x4_t v;
  __asm__("vqrdmladh.s32 %q0, %q1, %q2\n\tvqrdmlsdhx.s32 %q0, %q1, %q2" : "=&w"(v) : "w"(nb), "w"(w));
  return v;
}

template <std::size_t M>
struct pack_offsets {
  // Word offsets of bins rev[n] (n < M/2, even) for the packing's scatter: {2 rev[n], 2 rev[n] + 1}.
  static constexpr std::array<std::uint32_t, M> table = [] {
    std::array<std::uint32_t, M> t{};
    for (std::size_t n = 0; n < M / 2; ++n) {
      t[2 * n] = 2u * fft_tables<M>::reversed[n];
      t[2 * n + 1] = 2u * fft_tables<M>::reversed[n] + 1u;
    }
    return t;
  }();
};

// The packing and the first stage at once: samples n and n + M/2 (complex) land on the bit-reversed
// neighbours rev[n] and rev[n] + 1, whose stage-2 butterfly (twiddle 1, exact) is VHADD / VHSUB of
// the packed x - (x >> 1) values; scattered with word offsets. Then the other stages, two
// butterflies per vector: t from product(-b, w), (a + t) >> 1 = VHADD, (a - t) >> 1 = VHSUB.
// M is a power of two >= 8: stages 4 .. M.
template <std::size_t M>
void rfft_core(const std::int32_t* in, complex_q31* x) {
  auto* x32 = &x->re;
  const std::uint32_t* off = pack_offsets<M>::table.data();
  for (std::size_t n = 0; n < M / 2; n += 2) {
    const int32x4_t a = vld1q_s32(in + 2 * n), b = vld1q_s32(in + 2 * n + M);
    const int32x4_t pa = vsubq_s32(a, vshrq_n_s32(a, 1)), pb = vsubq_s32(b, vshrq_n_s32(b, 1));
    const uint32x4_t o = vld1q_u32(off + 2 * n);
    vstrwq_scatter_shifted_offset_s32(x32, o, vhaddq_s32(pa, pb));
    vstrwq_scatter_shifted_offset_s32(x32 + 2, o, vhsubq_s32(pa, pb));
  }
  const twiddle_q31* tw = q31_dsp::rfft_q31_dsp_tables<M>::twiddles.data();  // stage L at L/2 - 2
  std::size_t l = 4;
  if constexpr (std::countr_zero(M) % 2 == 0) {  // an odd number of stages left: stage 4 alone
    const int32x4_t w = ld(tw);
    for (complex_q31* g = x; g != x + M; g += 4) {
      const int32x4_t a = ld(g), t = product(vnegq_s32(ld(g + 2)), w);
      st(g, vhaddq_s32(a, t));
      st(g + 2, vhsubq_s32(a, t));
    }
    l = 8;
  }
  // Stages L and 2L fused (radix 2^2), as in the Q15 transforms: each pass loads and stores the data
  // once per two stages; the same operations as stage by stage, so the same bits.
  for (; l < M; l <<= 2) {
    const std::size_t h = l / 2;
    const twiddle_q31* w1 = tw + (h - 2);  // stage L
    const twiddle_q31* w2 = tw + (l - 2);  // stage 2L: entries k and k + h
    for (complex_q31* p0 = x; p0 != x + M; p0 += 2 * l)
      for (std::size_t k = 0; k < h; k += 2) {
        const int32x4_t w1k = ld(w1 + k);
        const int32x4_t a0 = ld(p0 + k), t1 = product(vnegq_s32(ld(p0 + h + k)), w1k);
        const int32x4_t a2 = ld(p0 + l + k), t3 = product(vnegq_s32(ld(p0 + l + h + k)), w1k);
        const int32x4_t b0 = vhaddq_s32(a0, t1), b1 = vhsubq_s32(a0, t1);
        const int32x4_t b2 = vhaddq_s32(a2, t3), b3 = vhsubq_s32(a2, t3);
        const int32x4_t t2 = product(vnegq_s32(b2), ld(w2 + k)), t4 = product(vnegq_s32(b3), ld(w2 + k + h));
        st(p0 + k, vhaddq_s32(b0, t2));
        st(p0 + l + k, vhsubq_s32(b0, t2));
        st(p0 + h + k, vhaddq_s32(b1, t4));
        st(p0 + l + h + k, vhsubq_s32(b1, t4));
      }
  }
}

}  // namespace mve_q31

/// Helium: the packing and FFT stages on vectors of two complex values, the DSP-extension split
/// step; word-aligned buffers only (otherwise, and in constant evaluation, the DSP-extension path).
template <>
struct fft_q31_impl<arch::arm_mve> : fft_q31_impl<arch::arm_dsp> {
  using fallback = fft_q31_impl<arch::arm_dsp>;

  template <std::size_t N>
  static constexpr void rfft(const std::int32_t* in, complex_q31* out) {
    if (!std::is_constant_evaluated() && reinterpret_cast<std::uintptr_t>(in) % 4 == 0 &&
        reinterpret_cast<std::uintptr_t>(out) % 4 == 0) {
      mve_q31::rfft_core<N / 2>(in, out);
      return q31_dsp::split<N>(out);
    }
    fallback::rfft<N>(in, out);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE

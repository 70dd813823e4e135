#pragma once
// Helium (integer MVE: Cortex-M55/M85) path of the Q31 real FFT: the specialisation
// detail::fft_q31_impl<arch::arm_mve>. Two complex values per vector; the same bits as the portable
// code (tests/dsp/fft_q31_arch_test.cpp on Cortex-M55).
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
  // Word offsets of the bit-reversed places rev[n] (n < M/4, a multiple of 4) for the packing's
  // scatter, two n per vector: {2 rev[n], 2 rev[n] + 1, 2 rev[n + 1], 2 rev[n + 1] + 1}.
  static constexpr std::array<std::uint32_t, M / 2> table = [] {
    std::array<std::uint32_t, M / 2> t{};
    for (std::size_t n = 0; n < M / 4; ++n) {
      t[2 * n] = 2u * fft_tables<M>::reversed[n];
      t[2 * n + 1] = 2u * fft_tables<M>::reversed[n] + 1u;
    }
    return t;
  }();
};

// The packing and the first two stages at once: the packed samples n, n + M/2, n + M/4, n + 3M/4
// (n < M/4, complex) land on the bit-reversed places rev[n] + 0, 1, 2, 3, whose stages 2 and 4 have
// the exact twiddles 1 and -i: VHADD/VHSUB, then VHCADD (rotation 270 and 90) for (y1 +- (-i) y3) / 2;
// scattered with word offsets. Then the other stages, two butterflies per vector: t from
// product(-b, w), (a + t) >> 1 = VHADD, (a - t) >> 1 = VHSUB. M is a power of two >= 8.
template <std::size_t M>
void rfft_core(const std::int32_t* in, complex_q31* x) {
  auto* x32 = &x->re;
  const std::uint32_t* off = pack_offsets<M>::table.data();
  auto pack = [](const std::int32_t* p) {
    const int32x4_t v = vld1q_s32(p);
    return vsubq_s32(v, vshrq_n_s32(v, 1));  // (v + 1) >> 1 without overflow
  };
  for (std::size_t n = 0; n < M / 4; n += 2) {
    const int32x4_t x0 = pack(in + 2 * n), x1 = pack(in + 2 * n + M), x2 = pack(in + 2 * n + M / 2),
                    x3 = pack(in + 2 * n + 3 * M / 2);
    const int32x4_t y0 = vhaddq_s32(x0, x1), y1 = vhsubq_s32(x0, x1), y2 = vhaddq_s32(x2, x3),
                    y3 = vhsubq_s32(x2, x3);
    const uint32x4_t o = vld1q_u32(off + 2 * n);
    vstrwq_scatter_shifted_offset_s32(x32, o, vhaddq_s32(y0, y2));
    vstrwq_scatter_shifted_offset_s32(x32 + 2, o, vhcaddq_rot270_s32(y1, y3));
    vstrwq_scatter_shifted_offset_s32(x32 + 4, o, vhsubq_s32(y0, y2));
    vstrwq_scatter_shifted_offset_s32(x32 + 6, o, vhcaddq_rot90_s32(y1, y3));
  }
  const twiddle_q31* tw = q31_dsp::rfft_q31_dsp_tables<M>::twiddles.data();  // stage L at L/2 - 2
  std::size_t l = 8;
  if constexpr (std::countr_zero(M) % 2 == 1) {  // an odd number of stages left: stage 8 alone
    const int32x4_t w0 = ld(tw + 2), w1 = ld(tw + 4);
    for (complex_q31* g = x; g != x + M; g += 8) {
      const int32x4_t a0 = ld(g), t0 = product(vnegq_s32(ld(g + 4)), w0);
      const int32x4_t a1 = ld(g + 2), t1 = product(vnegq_s32(ld(g + 6)), w1);
      st(g, vhaddq_s32(a0, t0));
      st(g + 4, vhsubq_s32(a0, t0));
      st(g + 2, vhaddq_s32(a1, t1));
      st(g + 6, vhsubq_s32(a1, t1));
    }
    l = 16;
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

// T = w Q / (2i) of rfft_q31's split step for two bins: g = (f.re, e.im) and ws = (ns, nc) per bin
// give tr = round(f.re ns - e.im nc) (VQRDMLSDH, even lanes) and ti = round(e.im ns + f.re nc)
// (VQRDMLADHX, odd lanes), each from the exact sum of two 64-bit products.
inline int32x4_t split_product(int32x4_t g, int32x4_t ws) {
  int32x4_t v;
  __asm__("vqrdmlsdh.s32 %q0, %q1, %q2\n\tvqrdmladhx.s32 %q0, %q1, %q2" : "=&w"(v) : "w"(g), "w"(ws));
  return v;
}

// rfft_q31's split step, bins k and k + 1 with their mirrors m - k and m - k - 1 per iteration
// (gathered and scattered in reverse, word offsets 2, 3, 0, 1): conj b by a multiply with (1, -1),
// P / 2 = VRHADD(a, conj b) = (e.re, f.im), VRHADD(a, -conj b) = (f.re, e.im), X[k] = VQADD(P / 2, T),
// X[m-k] = VQSUB(conj(P / 2), conj T) (the conjugates cannot wrap: every part is below 2^31 in
// magnitude). The last iteration holds bin m/2 twice; the mirror's value is stored last, as in the
// portable code.
template <std::size_t N>
void split(complex_q31* out) {
  constexpr std::size_t m = N / 2;
  const std::int64_t z0r = out[0].re, z0i = out[0].im;
  out[0] = {saturate_q31(z0r + z0i), 0};
  out[m] = {saturate_q31(z0r - z0i), 0};
  static constexpr std::uint32_t mirror_offsets[4] = {2, 3, 0, 1};
  static constexpr std::int32_t conj_signs[4] = {1, -1, 1, -1};
  const uint32x4_t mirror = vld1q_u32(mirror_offsets);
  const int32x4_t conj = vld1q_s32(conj_signs);
  const twiddle_q31* w = fft_q31_tables<m>::split.data();
  for (std::size_t k = 1; k <= m / 2; k += 2) {
    std::int32_t* pm = &out[m - k - 1].re;
    const int32x4_t a = ld(out + k), cb = vmulq_s32(vldrwq_gather_shifted_offset_s32(pm, mirror), conj);
    const int32x4_t p = vrhaddq_s32(a, cb), g = vrhaddq_s32(a, vnegq_s32(cb));
    const int32x4_t t = split_product(g, vrev64q_s32(ld(w + k)));
    st(out + k, vqaddq_s32(p, t));
    vstrwq_scatter_shifted_offset_s32(pm, mirror, vqsubq_s32(vmulq_s32(p, conj), vmulq_s32(t, conj)));
  }
}

}  // namespace mve_q31

/// Helium: the packing, the FFT stages and the split step on vectors of two complex values;
/// word-aligned buffers only (otherwise, and in constant evaluation, the DSP-extension path).
template <>
struct fft_q31_impl<arch::arm_mve> : fft_q31_impl<arch::arm_dsp> {
  using fallback = fft_q31_impl<arch::arm_dsp>;

  template <std::size_t N>
  static constexpr void rfft(const std::int32_t* in, complex_q31* out) {
    if (!std::is_constant_evaluated() && reinterpret_cast<std::uintptr_t>(in) % 4 == 0 &&
        reinterpret_cast<std::uintptr_t>(out) % 4 == 0) {
      mve_q31::rfft_core<N / 2>(in, out);
      return mve_q31::split<N>(out);
    }
    fallback::rfft<N>(in, out);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE

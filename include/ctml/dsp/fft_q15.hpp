#pragma once
// Q15 fixed-point complex and real FFTs (power-of-two N from 16 to 4096), in place, with
// compile-time tables. Pure integer arithmetic: every target produces the same bits.
//
// Scaling: every radix-2 stage halves its outputs, so the result is X / N:
//   fft_q15<N>:   out[k] ~ sum_n x[n] e^{-2 pi i k n / N} / N     (Q15)
//   ifft_q15<N>:  out[n] ~ sum_k X[k] e^{+2 pi i k n / N} / N     (Q15; numpy.fft.ifft)
//   rfft_q15<N>:  out[k] ~ rfft(x)[k] / N, k = 0 .. N/2           (Q15)
//   irfft_q15<N>: out[n] ~ numpy.fft.irfft(X)[n]                   (Q15)
// Each stage computes (a +- t) >> 1 (rounding down, SHADD16/SHSUB16 semantics) with t = b w rounded to
// Q15 (exact for the twiddles 1 and -+i of the first two stages; see butterfly below). Twiddle
// products saturate, which can only act for complex inputs with |x| > 1 (both parts near full
// scale); rfft_q15 halves its input first, so it never saturates.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>

#if defined(__ARM_FEATURE_SAT) || defined(__ARM_FEATURE_DSP)
#include <cstring>

#include <arm_acle.h>
#endif
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
#include <arm_mve.h>
#define CTML_DSP_MVE_Q15 1
#else
#define CTML_DSP_MVE_Q15 0
#endif

#include <ctml/core/math.hpp>
#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/fft.hpp>

namespace ctml::dsp {

namespace detail {

constexpr std::int16_t saturate_q15(std::int32_t v) {
#if defined(__ARM_FEATURE_SAT) && !defined(CTML_FORCE_GENERIC)
  if (!std::is_constant_evaluated()) return static_cast<std::int16_t>(__ssat(v, 16));  // one SSAT
#endif
  return static_cast<std::int16_t>(v > 32767 ? 32767 : (v < -32768 ? -32768 : v));
}
// round(v / 2^s), halves rounded up; >> on negative values is arithmetic in C++20.
constexpr std::int32_t round_shift(std::int32_t v, int s) {
  return (v + (1 << (s - 1))) >> s;
}
constexpr std::int64_t round_shift(std::int64_t v, int s) {
  return (v + (std::int64_t{1} << (s - 1))) >> s;
}

// Twiddles stored as (-cos, -sin) of the angle in Q15: both always lie in [-1, 1) for the angles
// used here (0 .. pi forward), so 1.0 never needs representing and no twiddle is rounded off-scale.
struct twiddle_q15 {
  std::int16_t ncos, nsin;
};
constexpr twiddle_q15 make_twiddle_q15(double x) {  // angle pi * x
  auto q = [](double v) {
    const double r = math::round(v * 32768.0);
    return static_cast<std::int16_t>(r > 32767.0 ? 32767.0 : r);
  };
  return {q(-math::cospi(x)), q(-math::sinpi(x))};
}

template <std::size_t N>
struct fft_q15_tables {
  // Stage L = 2 .. N, k < L/2, stored stage after stage; offset of stage L: L/2 - 1.
  static constexpr std::array<twiddle_q15, N - 1> twiddles = [] {
    std::array<twiddle_q15, N - 1> t{};
    std::size_t c = 0;
    for (std::size_t l = 2; l <= N; l <<= 1)
      for (std::size_t k = 0; k < l / 2; ++k)
        t[c++] = make_twiddle_q15(2.0 * static_cast<double>(k) / static_cast<double>(l));
    return t;
  }();
};

// Butterfly arithmetic. A radix-2 butterfly with twiddle w and its stage's halving is
//   v = sat(round(-(b w)))                (Q15 x Q15 products summed exactly in 32 bits, rounded to
//                                          Q15, halves up, saturated to [-32768, 32767])
//   (a + b w) / 2 = (a - v) >> 1,  (a - b w) / 2 = (a + v) >> 1   (rounding down; always in range)
// (b conj(w) in the inverse). With the twiddles stored as (-cos, -sin), -(b w) is a plain dual
// multiply-accumulate: on the Arm DSP extension SMLAD/SMLSDX with 2^14 as accumulator, QADD doubling
// (saturation) and PKHTB, then SHADD16/SHSUB16; on Helium VQRDMLADH/VQRDMLSDHX, then VHADD/VHSUB.
// Saturation can only act when |b| > 1 (complex inputs with both parts near full scale), never for
// rfft_q15's halved input.
struct cq32 {
  std::int32_t re, im;
};
template <bool Inverse>
constexpr cq32 neg_product(cq32 b, twiddle_q15 w) {
  const std::int32_t nc = w.ncos, ns = w.nsin;
  // b w = -(b.re nc + b.im ns) + i (b.re ns - b.im nc);  b conj(w) = -(b.re nc - b.im ns) - i (b.im nc + b.re
  // ns)
  const std::int32_t re = Inverse ? b.re * nc - b.im * ns : b.re * nc + b.im * ns;
  const std::int32_t im = Inverse ? b.im * nc + b.re * ns : b.im * nc - b.re * ns;
  return {saturate_q15((re + (1 << 14)) >> 15), saturate_q15((im + (1 << 14)) >> 15)};
}
// Returns {(a + b w) / 2, (a - b w) / 2} given v = neg_product(b, w).
constexpr std::pair<cq32, cq32> butterfly(cq32 a, cq32 v) {
  return {{(a.re - v.re) >> 1, (a.im - v.im) >> 1}, {(a.re + v.re) >> 1, (a.im + v.im) >> 1}};
}
// (a + t) / 2 and (a - t) / 2 rounded down (SHADD16/SHSUB16 semantics), for the exact twiddles 1 and -+i.
constexpr cq32 half_sum(cq32 a, cq32 t) {
  return {(a.re + t.re) >> 1, (a.im + t.im) >> 1};
}
constexpr cq32 half_diff(cq32 a, cq32 t) {
  return {(a.re - t.re) >> 1, (a.im - t.im) >> 1};
}
constexpr cq32 load(const complex_q15& c) {
  return {c.re, c.im};
}
constexpr complex_q15 store(cq32 c) {
  return {static_cast<std::int16_t>(c.re), static_cast<std::int16_t>(c.im)};
}

#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
// Packed (re, im) halfword pairs for the Arm DSP-extension path.
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
#endif

// Radix-2 decimation in time, every stage halving. Stages 2 and 4 (twiddles 1 and -+i, exact) run as
// one pass without multiplies; the others are fused in pairs, which halves the loads and stores and
// gives the same bits as running them one by one.
#if CTML_DSP_MVE_Q15
namespace mve {
template <std::size_t N, bool Inverse, bool InputBitReversed>
void fft(complex_q15* x);
}
#endif

template <std::size_t N, bool Inverse, bool InputBitReversed = false>
constexpr void fft_q15_core(complex_q15* x) {
#if CTML_DSP_MVE_Q15
  if constexpr (N % 16 == 0)  // word-aligned buffers (VLD4/VST4 and word gathers)
    if (!std::is_constant_evaluated() && reinterpret_cast<std::uintptr_t>(x) % 4 == 0)
      return mve::fft<N, Inverse, InputBitReversed>(x);
#endif
  if constexpr (!InputBitReversed)
    for (const auto& s : fft_tables<N>::swaps) {
      const complex_q15 t = x[s.a];
      x[s.a] = x[s.b];
      x[s.b] = t;
    }
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
  if (!std::is_constant_evaluated()) {
    // SHADD16/SHSUB16 for stage 2, SHSAX/SHASX for stage 4's (a1 +- (-+i) a3) / 2.
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
  } else
#endif
    for (std::size_t g = 0; g < N; g += 4) {
      complex_q15* p = x + g;
      const cq32 p0 = load(p[0]), p1 = load(p[1]), p2 = load(p[2]), p3 = load(p[3]);
      const cq32 a0 = half_sum(p0, p1), a1 = half_diff(p0, p1), a2 = half_sum(p2, p3), a3 = half_diff(p2, p3);
      const cq32 t =
          Inverse ? cq32{-a3.im, a3.re} : cq32{a3.im, -a3.re};  // a3 (+-i), in 32 bits: no overflow
      p[0] = store(half_sum(a0, a2));
      p[2] = store(half_diff(a0, a2));
      p[1] = store(half_sum(a1, t));
      p[3] = store(half_diff(a1, t));
    }
  constexpr unsigned remaining = static_cast<unsigned>(std::countr_zero(N)) - 2;
  std::size_t l = 8;
  if constexpr (remaining % 2 == 1) {  // one radix-2 stage, then pairs
    const twiddle_q15* w = fft_q15_tables<N>::twiddles.data() + 3;
    for (std::size_t g = 0; g < N; g += 8) {
      complex_q15* a = x + g;
      complex_q15* b = a + 4;
      for (std::size_t k = 0; k < 4; ++k) {
        const auto [lo, hi] = butterfly(load(a[k]), neg_product<Inverse>(load(b[k]), w[k]));
        a[k] = store(lo);
        b[k] = store(hi);
      }
    }
    l = 16;
  }
  for (; l < N; l <<= 2) {
    const std::size_t h = l / 2;
    const twiddle_q15* w1 = fft_q15_tables<N>::twiddles.data() + (h - 1);  // stage L
    const twiddle_q15* w2 = fft_q15_tables<N>::twiddles.data() + (l - 1);  // stage 2L
    for (std::size_t g = 0; g < N; g += 2 * l) {
      complex_q15* p0 = x + g;
      complex_q15* p1 = p0 + h;
      complex_q15* p2 = p0 + l;
      complex_q15* p3 = p2 + h;
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
      if (!std::is_constant_evaluated()) {
        // The same arithmetic on packed pairs: SMLAD/SMLSDX + QADD + PKHTB products, SHSUB16/SHADD16
        // for both halves of a butterfly at once.
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
        continue;
      }
#endif
      for (std::size_t k = 0; k < h; ++k) {
        const auto [b0, b1] = butterfly(load(p0[k]), neg_product<Inverse>(load(p1[k]), w1[k]));
        const auto [b2, b3] = butterfly(load(p2[k]), neg_product<Inverse>(load(p3[k]), w1[k]));
        // stage 2L: (b0, b2) with W_2L^k and (b1, b3) with W_2L^(k + L/2) (the table's entry k + h)
        const auto [o0, o2] = butterfly(b0, neg_product<Inverse>(b2, w2[k]));
        const auto [o1, o3] = butterfly(b1, neg_product<Inverse>(b3, w2[k + h]));
        p0[k] = store(o0);
        p2[k] = store(o2);
        p1[k] = store(o1);
        p3[k] = store(o3);
      }
    }
  }
}

template <std::size_t N>
struct rfft_q15_tables {
  // exp(-2 pi i k / N), k = 0 .. N/4, as (-cos, -sin).
  static constexpr std::array<twiddle_q15, N / 4 + 1> split = [] {
    std::array<twiddle_q15, N / 4 + 1> t{};
    for (std::size_t k = 0; k <= N / 4; ++k)
      t[k] = make_twiddle_q15(2.0 * static_cast<double>(k) / static_cast<double>(N));
    return t;
  }();
};

#if CTML_DSP_MVE_Q15
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
// Stages L and 2L for four consecutive k (see fft_q15_core).
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
  if constexpr (!InputBitReversed)
    for (const auto& s : fft_tables<N>::swaps) {
      const complex_q15 t = x[s.a];
      x[s.a] = x[s.b];
      x[s.b] = t;
    }
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
struct rfft_tables {
  // Bit-reversed positions as 32-bit scatter offsets (in complex values).
  static constexpr std::array<std::uint32_t, M> reversed = [] {
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
  const std::uint32_t* rev = rfft_tables<m>::reversed.data();
  auto* out32 = reinterpret_cast<std::int32_t*>(out);
  const int16x8_t zero = vdupq_n_s16(0);
  for (std::size_t n = 0; n < m; n += 4)  // VRHADD with 0: (x + 1) >> 1, scattered to bit-reversed places
    vstrwq_scatter_shifted_offset_s32(out32, vld1q_u32(rev + n),
                                      vreinterpretq_s32_s16(vrhaddq_s16(vld1q_s16(in + 2 * n), zero)));
  fft<m, false, true>(out);
  const std::int32_t z0r = out[0].re, z0i = out[0].im;
  out[0] = {saturate_q15(z0r + z0i), 0};
  out[m] = {saturate_q15(z0r - z0i), 0};
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
#endif

}  // namespace detail

/// In-place Q15 forward FFT, output X / N (see the scaling note at the top of this header).
/// Usage: `ctml::dsp::fft_q15<256>(buf);` with `std::array<complex_q15, 256> buf`.
template <std::size_t N>
constexpr void fft_q15(std::span<complex_q15, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::fft_q15<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) detail::fft_q15_core<N, false>(x.data());
}

/// In-place Q15 inverse FFT with numpy.fft.ifft's 1/N scaling.
/// Usage: `ctml::dsp::ifft_q15<256>(buf);`
template <std::size_t N>
constexpr void ifft_q15(std::span<complex_q15, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::ifft_q15<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) detail::fft_q15_core<N, true>(x.data());
}

/// Q15 real FFT: N samples -> bins 0 .. N/2 holding rfft(x) / N. Uses `out` as its only work space.
/// Usage: `ctml::dsp::rfft_q15<512>(samples, spectrum);` (512 int16 in, 257 complex_q15 out)
template <std::size_t N>
constexpr void rfft_q15(std::span<const std::int16_t, N> in, std::span<complex_q15, N / 2 + 1> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::rfft_q15<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    constexpr std::size_t m = N / 2;
    // Pack pairs of samples as complex values, halved: |x[2n] + i x[2n+1]| can reach sqrt(2), and
    // the halving stages never overflow only for magnitudes <= 1. The split step below makes up for
    // it by dividing by 2 instead of 4.
    // Written straight into bit-reversed order: the copy does the FFT's permutation.
    const auto& rev = detail::fft_tables<m>::reversed;
    const auto& w = detail::rfft_q15_tables<N>::split;
#if CTML_DSP_MVE_Q15
    if constexpr (m % 16 == 0)
      if (!std::is_constant_evaluated() && reinterpret_cast<std::uintptr_t>(out.data()) % 4 == 0)
        return detail::mve::rfft<N>(in.data(), out.data());
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
    if (!std::is_constant_evaluated()) {
      // SHADD16 with 1 rounds both halves of a sample pair at once.
      const auto one = static_cast<int16x2_t>(0x00010001);
      for (std::size_t n = 0; n < m; ++n)
        detail::st_pair(&out[rev[n]], __shadd16(detail::ld_pair(&in[2 * n]), one));
      detail::fft_q15_core<m, false, true>(out.data());
      const std::int32_t z0r = out[0].re, z0i = out[0].im;
      out[0] = {detail::saturate_q15(z0r + z0i), 0};
      out[m] = {detail::saturate_q15(z0r - z0i), 0};
      // The split step below in 32 bits: t = w Q/i from four dual products (each sum < 2^30.5 since
      // |a|, |b| <= 2^15 / sqrt 2 after the halved packing), P 2^15 + t and the rounding constant added
      // with QADD/QSUB. Their saturation at 2^31 gives exactly the 64-bit code's saturated results.
      for (std::size_t k = 1; k <= m / 2; ++k) {
        const int16x2_t a = detail::ld_pair(&out[k]), b = detail::ld_pair(&out[m - k]),
                        wk = detail::ld_pair(&w[k]);
        const std::int32_t ar = static_cast<std::int16_t>(a), ai = static_cast<std::int32_t>(a) >> 16;
        const std::int32_t br = static_cast<std::int16_t>(b), bi = static_cast<std::int32_t>(b) >> 16;
        const std::int32_t p_r = (ar + br) * (1 << 15), p_i = (ai - bi) * (1 << 15);
        const std::int32_t tr = __smusdx(a, wk) - __smuadx(b, wk);  // ar ns - ai nc - br ns - bi nc
        const std::int32_t ti = __smuad(a, wk) - __smusd(b, wk);    // ar nc + ai ns - br nc + bi ns
        const std::int32_t r0 = __qadd(__qadd(p_r, tr), 1 << 15), i0 = __qadd(__qadd(p_i, ti), 1 << 15);
        const std::int32_t r1 = __qadd(__qsub(p_r, tr), 1 << 15), i1 = __qadd(__qsub(ti, p_i), 1 << 15);
        detail::st_pair(&out[k], static_cast<int16x2_t>((static_cast<std::uint32_t>(i0) & 0xffff0000u) |
                                                        (static_cast<std::uint32_t>(r0) >> 16)));
        detail::st_pair(&out[m - k], static_cast<int16x2_t>((static_cast<std::uint32_t>(i1) & 0xffff0000u) |
                                                            (static_cast<std::uint32_t>(r1) >> 16)));
      }
      return;
    }
#endif
    for (std::size_t n = 0; n < m; ++n)
      out[rev[n]] = {static_cast<std::int16_t>(detail::round_shift(std::int32_t{in[2 * n]}, 1)),
                     static_cast<std::int16_t>(detail::round_shift(std::int32_t{in[2 * n + 1]}, 1))};
    detail::fft_q15_core<m, false, true>(out.data());  // Z / (2 m)
    const std::int32_t z0r = out[0].re, z0i = out[0].im;
    out[0] = {detail::saturate_q15(z0r + z0i), 0};
    out[m] = {detail::saturate_q15(z0r - z0i), 0};
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const std::int64_t ar = out[k].re, ai = out[k].im, br = out[m - k].re, bi = out[m - k].im;
      // P = a + conj b, Q/i = (a - conj b)/i; X[k] = (P + w Q/i) / 2, X[m-k] = conj(P - w Q/i) / 2.
      const std::int64_t pr = ar + br, pi = ai - bi;
      const std::int64_t qr = ai + bi, qi = -(ar - br);
      const std::int64_t nc = w[k].ncos, ns = w[k].nsin;  // w = -nc + i ns
      const std::int64_t tr = -qr * nc - qi * ns;         // Q15 * Q15 = Q30
      const std::int64_t ti = qr * ns - qi * nc;
      const std::int64_t p_r = pr << 15, p_i = pi << 15;
      out[k] = {detail::saturate_q15(static_cast<std::int32_t>(detail::round_shift(p_r + tr, 16))),
                detail::saturate_q15(static_cast<std::int32_t>(detail::round_shift(p_i + ti, 16)))};
      out[m - k] = {detail::saturate_q15(static_cast<std::int32_t>(detail::round_shift(p_r - tr, 16))),
                    detail::saturate_q15(static_cast<std::int32_t>(detail::round_shift(-(p_i - ti), 16)))};
    }
  }
}

/// Flash bytes of the tables `rfft_q15<N>` reads on the portable path: the bit-reversal permutation,
/// the N/2-point FFT's twiddles and the split twiddles (for budgets, docs/memory.md).
template <std::size_t N>
inline constexpr std::size_t rfft_q15_flash_bytes = sizeof(detail::fft_tables<N / 2>::reversed) +
                                                    sizeof(detail::fft_q15_tables<N / 2>::twiddles) +
                                                    sizeof(detail::rfft_q15_tables<N>::split);

/// Q15 inverse real FFT with numpy.fft.irfft's 1/N scaling: bins 0 .. N/2 (Q15) -> N samples (Q15).
/// The imaginary parts of bins 0 and N/2 are ignored, as numpy does. Scaling: the split step
/// computes Z / 2 (|Z| <= 2 for Q15 bins), the N/2-point inverse FFT halves in each stage, and the
/// samples are doubled (saturating) on the way out, so bins with |X[k]| <= 1 (every rfft_q15 output)
/// give irfft(X) without overflow; larger ones saturate. irfft_q15(rfft_q15(x)) = x / N.
/// REQUIRES: nothing else reads `spectrum` afterwards: it is the work space and is overwritten.
/// Usage: `ctml::dsp::irfft_q15<512>(spectrum, samples);` (257 complex_q15 in, 512 int16 out)
template <std::size_t N>
constexpr void irfft_q15(std::span<complex_q15, N / 2 + 1> spectrum, std::span<std::int16_t, N> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::irfft_q15<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    constexpr std::size_t m = N / 2;
    auto& z = spectrum;
    // Z[0] = (X0 + Xm) + i (X0 - Xm), halved twice: Z / 2 with the 1/2 of the even/odd split.
    const std::int32_t x0 = z[0].re, xm = z[m].re;
    z[0] = {static_cast<std::int16_t>(detail::round_shift(x0 + xm, 2)),
            static_cast<std::int16_t>(detail::round_shift(x0 - xm, 2))};
    const auto& w = detail::rfft_q15_tables<N>::split;
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const std::int64_t ar = z[k].re, ai = z[k].im, br = z[m - k].re, bi = z[m - k].im;
      // 2E = a + conj b, 2D = a - conj b, 2O = conj(w) 2D (Q30) with w = exp(-2 pi i k / N) = -nc + i ns;
      // Z[k] = E + i O, Z[m-k] = conj(E) + i conj(O); stored halved.
      const std::int64_t er = (ar + br) << 15, ei = (ai - bi) << 15;
      const std::int64_t dr = ar - br, di = ai + bi;
      const std::int64_t nc = w[k].ncos, ns = w[k].nsin;
      const std::int64_t o_r = -nc * dr + ns * di, o_i = -nc * di - ns * dr;
      z[k] = {detail::saturate_q15(static_cast<std::int32_t>(detail::round_shift(er - o_i, 17))),
              detail::saturate_q15(static_cast<std::int32_t>(detail::round_shift(ei + o_r, 17)))};
      z[m - k] = {detail::saturate_q15(static_cast<std::int32_t>(detail::round_shift(er + o_i, 17))),
                  detail::saturate_q15(static_cast<std::int32_t>(detail::round_shift(o_r - ei, 17)))};
    }
    detail::fft_q15_core<m, true>(z.data());  // z / 2
    for (std::size_t n = 0; n < m; ++n) {
      out[2 * n] = detail::saturate_q15(2 * std::int32_t{z[n].re});
      out[2 * n + 1] = detail::saturate_q15(2 * std::int32_t{z[n].im});
    }
  }
}

}  // namespace ctml::dsp

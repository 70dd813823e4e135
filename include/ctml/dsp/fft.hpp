#pragma once
// Float32 complex and real FFTs for power-of-two N from 16 to 4096, in place, with every table
// (twiddles, bit-reversal swaps) computed at compile time: no init call, no RAM copy of tables.
// Scaling follows numpy.fft: forward unscaled, inverse scaled by 1/N. Helium (MVE) paths on the M55.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include <ctml/core/config.hpp>
#include <ctml/core/math.hpp>
#include <ctml/dsp/complex.hpp>

// Helium with floating point (Cortex-M55/M85 with FPU) has vector paths; CTML_FORCE_GENERIC turns
// them off like every other architecture-specific path.
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 2) && !defined(CTML_FORCE_GENERIC)
#include <arm_mve.h>
#define CTML_DSP_MVE_F32 1
#else
#define CTML_DSP_MVE_F32 0
#endif

namespace ctml::dsp {

namespace detail {

template <std::size_t N>
inline constexpr bool fft_size_ok = std::has_single_bit(N) && N >= 16 && N <= 4096;

// i with its low `bits` bits in reverse order (i < 2^bits).
constexpr std::size_t bit_reverse(std::size_t i, unsigned bits) {
  std::size_t r = 0;
  for (unsigned b = 0; b < bits; ++b) r |= ((i >> b) & 1u) << (bits - 1 - b);
  return r;
}

// Bit-reversed position of every index 0 .. N-1 (N a power of two) in log2(N) bits.
template <std::size_t N>
constexpr std::array<std::uint16_t, N> bit_reversal_table() {
  constexpr unsigned bits = static_cast<unsigned>(std::countr_zero(N));
  std::array<std::uint16_t, N> r{};
  for (std::size_t i = 0; i < N; ++i) r[i] = static_cast<std::uint16_t>(bit_reverse(i, bits));
  return r;
}

// Number of index pairs (i, j), i < j, that bit reversal swaps.
template <std::size_t N>
consteval std::size_t bitrev_swap_count() {
  constexpr unsigned bits = static_cast<unsigned>(std::countr_zero(N));
  std::size_t c = 0;
  for (std::size_t i = 0; i < N; ++i)
    if (i < bit_reverse(i, bits)) ++c;
  return c;
}

struct index_pair {
  std::uint16_t a, b;
};

template <std::size_t N>
struct fft_tables {
  static_assert(std::has_single_bit(N) && N >= 4 && N <= 4096, "ctml::dsp::detail::fft_tables: bad N");

  static constexpr auto make_swaps() {
    constexpr unsigned bits = static_cast<unsigned>(std::countr_zero(N));
    std::array<index_pair, bitrev_swap_count<N>()> s{};
    std::size_t c = 0;
    for (std::size_t i = 0; i < N; ++i) {
      const std::size_t r = bit_reverse(i, bits);
      if (i < r) s[c++] = {static_cast<std::uint16_t>(i), static_cast<std::uint16_t>(r)};
    }
    return s;
  }
  // Twiddles exp(-2 pi i k / L), k < L / 2, for every stage L = 8 .. N, stored stage after stage so
  // the inner loop reads them with stride 1 (stages 2 and 4 need none). Offset of stage L: L/2 - 4.
  static constexpr auto make_twiddles() {
    std::array<complex_f32, (N > 4 ? N - 4 : 1)> t{};
    std::size_t c = 0;
    for (std::size_t l = 8; l <= N; l <<= 1)
      for (std::size_t k = 0; k < l / 2; ++k) {
        const double x = 2.0 * static_cast<double>(k) / static_cast<double>(l);
        t[c++] = {static_cast<float>(math::cospi(x)), static_cast<float>(-math::sinpi(x))};
      }
    return t;
  }
  static constexpr auto swaps = make_swaps();
  // Bit-reversed position of every index: lets a copy into the work buffer permute for free.
  static constexpr auto reversed = bit_reversal_table<N>();
  static constexpr auto twiddles = make_twiddles();
};

// b * w (forward) or b * conj(w) (inverse).
template <bool Inverse>
constexpr complex_f32 twiddle_mul(complex_f32 b, complex_f32 w) {
  const float wi = Inverse ? -w.im : w.im;
  return {b.re * w.re - b.im * wi, b.re * wi + b.im * w.re};
}

// Bit reversal of t (0 <= t < G) in log2(G) bits, for the G groups of the first pass.
template <std::size_t G>
struct group_reversal {
  static constexpr auto table = bit_reversal_table<G>();
};

// Stages 2 and 4 of four inputs in bit-reversed order (no twiddles but -i / +i), written to q.
template <bool Inverse>
constexpr void radix4_first(complex_f32 p0, complex_f32 p1, complex_f32 p2, complex_f32 p3, complex_f32* q) {
  const float a0r = p0.re + p1.re, a0i = p0.im + p1.im;
  const float a1r = p0.re - p1.re, a1i = p0.im - p1.im;
  const float a2r = p2.re + p3.re, a2i = p2.im + p3.im;
  const float a3r = p2.re - p3.re, a3i = p2.im - p3.im;
  // a3 * (-i) forward, a3 * (+i) inverse.
  const float tr = Inverse ? -a3i : a3i;
  const float ti = Inverse ? a3r : -a3r;
  q[0] = {a0r + a2r, a0i + a2i};
  q[2] = {a0r - a2r, a0i - a2i};
  q[1] = {a1r + tr, a1i + ti};
  q[3] = {a1r - tr, a1i - ti};
}

// Stages 2, 4 and 8 of eight inputs in bit-reversed order: two radix-4 halves, then the stage-8
// twiddles 1, (1 - i)/sqrt 2, -i, (-1 - i)/sqrt 2 (conjugated for the inverse). Straight-line code,
// so every value stays in a register.
template <bool Inverse>
constexpr void radix8_first(const complex_f32 (&p)[8], complex_f32* x) {
  constexpr float r = 0.70710678118654752f;
  const float s = Inverse ? -1.0f : 1.0f;  // sign of the imaginary unit's twiddles
  // Stage 2.
  const float b0r = p[0].re + p[1].re, b0i = p[0].im + p[1].im, b1r = p[0].re - p[1].re,
              b1i = p[0].im - p[1].im;
  const float b2r = p[2].re + p[3].re, b2i = p[2].im + p[3].im, b3r = p[2].re - p[3].re,
              b3i = p[2].im - p[3].im;
  const float b4r = p[4].re + p[5].re, b4i = p[4].im + p[5].im, b5r = p[4].re - p[5].re,
              b5i = p[4].im - p[5].im;
  const float b6r = p[6].re + p[7].re, b6i = p[6].im + p[7].im, b7r = p[6].re - p[7].re,
              b7i = p[6].im - p[7].im;
  // Stage 4: (b0, b2) and (b1, -+i b3); (b4, b6) and (b5, -+i b7).
  const float c0r = b0r + b2r, c0i = b0i + b2i, c2r = b0r - b2r, c2i = b0i - b2i;
  const float c1r = b1r + s * b3i, c1i = b1i - s * b3r, c3r = b1r - s * b3i, c3i = b1i + s * b3r;
  const float c4r = b4r + b6r, c4i = b4i + b6i, c6r = b4r - b6r, c6i = b4i - b6i;
  const float c5r = b5r + s * b7i, c5i = b5i - s * b7r, c7r = b5r - s * b7i, c7i = b5i + s * b7r;
  // Stage 8 twiddles on c5, c6, c7.
  const float t1r = r * (c5r + s * c5i), t1i = r * (c5i - s * c5r);
  const float t2r = s * c6i, t2i = -s * c6r;
  const float t3r = r * (s * c7i - c7r), t3i = r * (-c7i - s * c7r);
  x[0] = {c0r + c4r, c0i + c4i};
  x[4] = {c0r - c4r, c0i - c4i};
  x[1] = {c1r + t1r, c1i + t1i};
  x[5] = {c1r - t1r, c1i - t1i};
  x[2] = {c2r + t2r, c2i + t2i};
  x[6] = {c2r - t2r, c2i - t2i};
  x[3] = {c3r + t3r, c3i + t3i};
  x[7] = {c3r - t3r, c3i - t3i};
}

// Stages L and 2L in one pass (radix-2^2), then the next pair: with L a template argument the
// offsets and twiddle addresses are constants.
template <std::size_t N, std::size_t L, bool Inverse>
constexpr void fused_pass(complex_f32* x) {
  constexpr std::size_t h = L / 2;
  const complex_f32* w1 = fft_tables<N>::twiddles.data() + (h - 4);  // stage L: W_L^k
  const complex_f32* w2 = fft_tables<N>::twiddles.data() + (L - 4);  // stage 2L: W_2L^k
  for (std::size_t g = 0; g < N; g += 2 * L) {
    complex_f32* p0 = x + g;
    complex_f32* p1 = p0 + h;
    complex_f32* p2 = p0 + L;
    complex_f32* p3 = p2 + h;
    for (std::size_t k = 0; k < h; ++k) {
      const complex_f32 a = twiddle_mul<Inverse>(p1[k], w1[k]);
      const complex_f32 c = twiddle_mul<Inverse>(p3[k], w1[k]);
      // stage L: (p0, p1) and (p2, p3)
      const complex_f32 b0{p0[k].re + a.re, p0[k].im + a.im}, b1{p0[k].re - a.re, p0[k].im - a.im};
      const complex_f32 b2{p2[k].re + c.re, p2[k].im + c.im}, b3{p2[k].re - c.re, p2[k].im - c.im};
      // stage 2L: (b0, b2) with W_2L^k, (b1, b3) with W_2L^(k + L/2) = W_2L^k * (-i) (forward)
      const complex_f32 t2 = twiddle_mul<Inverse>(b2, w2[k]);
      const complex_f32 t3 = twiddle_mul<Inverse>(b3, w2[k]);
      const float r3 = Inverse ? -t3.im : t3.im, i3 = Inverse ? t3.re : -t3.re;
      p0[k] = {b0.re + t2.re, b0.im + t2.im};
      p2[k] = {b0.re - t2.re, b0.im - t2.im};
      p1[k] = {b1.re + r3, b1.im + i3};
      p3[k] = {b1.re - r3, b1.im - i3};
    }
  }
  if constexpr (4 * L <= N) fused_pass<N, 4 * L, Inverse>(x);
}

// The first pass of an N-point transform: stages 2 and 4 (radix-4), or 2, 4 and 8 (radix-8) when
// the number of stages after them is odd, so the rest pair up. load(t, j) returns input j (in
// bit-reversed order) of group t, which lets the rfft read its samples from their natural places
// instead of permuting them first.
template <std::size_t N, bool Inverse, typename Load>
constexpr void first_pass(complex_f32* x, Load load) {
  constexpr unsigned remaining = static_cast<unsigned>(std::countr_zero(N)) - 2;
  if constexpr (remaining % 2 == 1) {
    for (std::size_t t = 0; t < N / 8; ++t) {
      const complex_f32 p[8] = {load(t, 0), load(t, 1), load(t, 2), load(t, 3),
                                load(t, 4), load(t, 5), load(t, 6), load(t, 7)};
      radix8_first<Inverse>(p, x + 8 * t);
    }
  } else {
    for (std::size_t t = 0; t < N / 4; ++t)
      radix4_first<Inverse>(load(t, 0), load(t, 1), load(t, 2), load(t, 3), x + 4 * t);
  }
}

// Stages after the first pass, in pairs.
template <std::size_t N, bool Inverse>
constexpr void later_passes(complex_f32* x) {
  constexpr unsigned remaining = static_cast<unsigned>(std::countr_zero(N)) - 2;
  if constexpr (N >= 16) fused_pass<N, remaining % 2 == 1 ? 16 : 8, Inverse>(x);
}

// x in bit-reversed order, in place (the swaps of fft_tables<N>). Forced inline: as a call level of
// its own it changed GCC's inlining of the M55 passes.
template <std::size_t N>
CTML_FORCE_INLINE constexpr void bit_reverse_permute(complex_f32* x) {
  for (const auto& s : fft_tables<N>::swaps) {
    const complex_f32 t = x[s.a];
    x[s.a] = x[s.b];
    x[s.b] = t;
  }
}

// Radix-2 decimation in time, in place: bit-reversal swaps, a twiddle-free radix-4 or radix-8 first
// pass, then the other stages fused in pairs (radix-2^2: half the loads and stores of radix-2).
template <std::size_t N, bool Inverse>
constexpr void fft_core(complex_f32* x) {
  bit_reverse_permute<N>(x);
  constexpr std::size_t radix = (std::countr_zero(N) - 2) % 2 == 1 ? 8 : 4;
  first_pass<N, Inverse>(x, [x](std::size_t t, std::size_t j) { return x[radix * t + j]; });
  later_passes<N, Inverse>(x);
}

// The N-point complex FFT of z[n] = {in[2n], in[2n + 1]} into x (the first step of an rfft of 2N
// samples): the first pass reads each sample pair from where it is, which does the bit reversal for
// free. Group t of the first pass (radix R) takes z[rev(t) + rev_R(j) N / R], j = 0 .. R - 1.
template <std::size_t N>
constexpr void fft_of_pairs(const float* in, complex_f32* x) {
  constexpr std::size_t radix = (std::countr_zero(N) - 2) % 2 == 1 ? 8 : 4;
  constexpr std::size_t q = N / radix;
  first_pass<N, false>(x, [in](std::size_t t, std::size_t j) {
    // j reversed in log2(radix) bits (j is a constant once first_pass is inlined)
    const std::size_t rj = radix == 8 ? ((j & 1u) << 2 | (j & 2u) | (j >> 2)) : ((j & 1u) << 1 | (j >> 1));
    const float* s = in + 2 * (group_reversal<q>::table[t] + rj * q);
    return complex_f32{s[0], s[1]};
  });
  later_passes<N, false>(x);
}

// exp(-2 pi i k / N) for k = 0 .. N/4: the split step that turns an N/2 complex FFT into an
// N-point real FFT.
template <std::size_t N>
struct rfft_tables {
  static constexpr auto make() {
    std::array<complex_f32, N / 4 + 1> t{};
    for (std::size_t k = 0; k <= N / 4; ++k) {
      const double x = 2.0 * static_cast<double>(k) / static_cast<double>(N);
      t[k] = {static_cast<float>(math::cospi(x)), static_cast<float>(-math::sinpi(x))};
    }
    return t;
  }
  static constexpr auto split = make();
};

// The portable transforms (the oracle of the vector paths; the public functions dispatch).
template <std::size_t N, bool Inverse>
constexpr void fft_portable(complex_f32* x) {
  fft_core<N, Inverse>(x);
  if constexpr (Inverse) {
    constexpr float scale = 1.0f / static_cast<float>(N);
    for (std::size_t n = 0; n < N; ++n) x[n] = {x[n].re * scale, x[n].im * scale};
  }
}

template <std::size_t N>
constexpr void rfft_portable(const float* in, complex_f32* z) {
  constexpr std::size_t m = N / 2;
  fft_of_pairs<m>(in, z);
  const float z0r = z[0].re, z0i = z[0].im;
  z[0] = {z0r + z0i, 0.0f};
  z[m] = {z0r - z0i, 0.0f};
  const complex_f32* w = rfft_tables<N>::split.data();
  for (std::size_t k = 1; k <= m / 2; ++k) {
    // Scalar loads: copying whole complex values made GCC round-trip them through the stack.
    const float ar = z[k].re, ai = z[k].im, br = z[m - k].re, bi = z[m - k].im;
    const float wr = w[k].re, wi = w[k].im;
    // even = (a + conj b) / 2, odd = (a - conj b) / 2i, X[k] = even + w odd, X[m-k] = conj(even - w odd)
    const float er = 0.5f * (ar + br), ei = 0.5f * (ai - bi);
    const float or_ = 0.5f * (ai + bi), oi = -0.5f * (ar - br);
    const float tr = wr * or_ - wi * oi;
    const float ti = wr * oi + wi * or_;
    z[k] = {er + tr, ei + ti};
    z[m - k] = {er - tr, -(ei - ti)};
  }
}

template <std::size_t N>
constexpr void irfft_portable(complex_f32* z, float* out) {
  constexpr std::size_t m = N / 2;
  const float x0 = z[0].re, xm = z[m].re;
  z[0] = {0.5f * (x0 + xm), 0.5f * (x0 - xm)};
  const complex_f32* w = rfft_tables<N>::split.data();
  for (std::size_t k = 1; k <= m / 2; ++k) {
    const float ar = z[k].re, ai = z[k].im, br = z[m - k].re, bi = z[m - k].im;
    const float wr = w[k].re, wi = w[k].im;
    // even = (a + conj b) / 2, odd = (a - conj b) conj(w) / 2, Z[k] = even + i odd,
    // Z[m-k] = conj(even) + i conj(odd)
    const float er = 0.5f * (ar + br), ei = 0.5f * (ai - bi);
    const float dr = 0.5f * (ar - br), di = 0.5f * (ai + bi);
    const float or_ = dr * wr + di * wi;
    const float oi = di * wr - dr * wi;
    z[k] = {er - oi, ei + or_};
    z[m - k] = {er + oi, -ei + or_};
  }
  fft_core<m, true>(z);
  constexpr float scale = 1.0f / static_cast<float>(m);
  for (std::size_t n = 0; n < m; ++n) {
    out[2 * n] = z[n].re * scale;
    out[2 * n + 1] = z[n].im * scale;
  }
}

#if CTML_DSP_MVE_F32
// Helium (MVE with floating point) paths of the float FFTs. A vector holds two complex values
// {re, im, re, im}. Complex products are VCMUL + VCMLA (rotations 0 and 90, or 270 for the conjugate
// twiddle of the inverse), multiplications by +-i are folded into VCADD, and the first pass gathers
// its inputs and scatters its outputs, so every stage works on whole vectors. VCMLA and VFMA round
// once per multiply-add, so the results can differ from the portable code in the last bits
// (docs/dsp.md states the bound; tests/dsp/float_mve_test.cpp checks it on Cortex-M55).
namespace mve {

// w * d (forward) or conj(w) * d (inverse), two complex values at once.
template <bool Inverse>
CTML_FORCE_INLINE float32x4_t cmul(float32x4_t w, float32x4_t d) {
  const float32x4_t p = vcmulq_f32(w, d);  // {w.re d.re, w.re d.im}
  if constexpr (Inverse)
    return vcmlaq_rot270_f32(p, w, d);  // + {w.im d.im, -w.im d.re}
  else
    return vcmlaq_rot90_f32(p, w, d);  // + {-w.im d.im, w.im d.re}
}

// a + (-i) b forward, a + i b inverse: the DIT butterfly's "minus i" for each direction.
template <bool Inverse>
CTML_FORCE_INLINE float32x4_t add_mi(float32x4_t a, float32x4_t b) {
  if constexpr (Inverse)
    return vcaddq_rot90_f32(a, b);
  else
    return vcaddq_rot270_f32(a, b);
}
// a - (-i) b forward, a - i b inverse.
template <bool Inverse>
CTML_FORCE_INLINE float32x4_t sub_mi(float32x4_t a, float32x4_t b) {
  if constexpr (Inverse)
    return vcaddq_rot270_f32(a, b);
  else
    return vcaddq_rot90_f32(a, b);
}

// Byte addresses of the first complex value of groups 0 and 1 of a first pass of radix R over x:
// {re, im} of x[0] and of x[R].
template <std::size_t R>
CTML_FORCE_INLINE uint32x4_t group_addresses(const complex_f32* x) {
  const auto a = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(x));
  const uint32x4_t lanes = {0u, 4u, 8u * R, 8u * R + 4u};
  return vaddq_n_u32(lanes, a);
}

// First pass (radix 4 or 8, as first_pass) on two groups at a time: the low half of each vector
// belongs to group 2u, the high half to group 2u + 1. gather(u, j) returns input j of both groups.
template <std::size_t N, bool Inverse, typename Gather>
CTML_FORCE_INLINE void first_pass(complex_f32* x, Gather gather) {
  constexpr std::size_t radix = (std::countr_zero(N) - 2) % 2 == 1 ? 8 : 4;
  uint32x4_t out = group_addresses<radix>(x);
  for (std::size_t u = 0; u < N / radix / 2; ++u) {
    if constexpr (radix == 8) {
      const float32x4_t p0 = gather(u, 0), p1 = gather(u, 1), p2 = gather(u, 2), p3 = gather(u, 3);
      const float32x4_t p4 = gather(u, 4), p5 = gather(u, 5), p6 = gather(u, 6), p7 = gather(u, 7);
      const float32x4_t b0 = vaddq_f32(p0, p1), b1 = vsubq_f32(p0, p1);
      const float32x4_t b2 = vaddq_f32(p2, p3), b3 = vsubq_f32(p2, p3);
      const float32x4_t b4 = vaddq_f32(p4, p5), b5 = vsubq_f32(p4, p5);
      const float32x4_t b6 = vaddq_f32(p6, p7), b7 = vsubq_f32(p6, p7);
      const float32x4_t c0 = vaddq_f32(b0, b2), c2 = vsubq_f32(b0, b2);
      const float32x4_t c1 = add_mi<Inverse>(b1, b3), c3 = sub_mi<Inverse>(b1, b3);
      const float32x4_t c4 = vaddq_f32(b4, b6), c6 = vsubq_f32(b4, b6);
      const float32x4_t c5 = add_mi<Inverse>(b5, b7), c7 = sub_mi<Inverse>(b5, b7);
      // Stage 8: c5 (1 -+ i)/sqrt 2 = r (c5 -+ i c5), c7 (-1 -+ i)/sqrt 2 = -r (c7 +- i c7).
      constexpr float r = 0.70710678118654752f;
      const float32x4_t t1 = vmulq_n_f32(add_mi<Inverse>(c5, c5), r);
      const float32x4_t t3 = vmulq_n_f32(sub_mi<Inverse>(c7, c7), -r);
      vstrwq_scatter_base_f32(out, 0, vaddq_f32(c0, c4));
      vstrwq_scatter_base_f32(out, 32, vsubq_f32(c0, c4));
      vstrwq_scatter_base_f32(out, 8, vaddq_f32(c1, t1));
      vstrwq_scatter_base_f32(out, 40, vsubq_f32(c1, t1));
      vstrwq_scatter_base_f32(out, 16, add_mi<Inverse>(c2, c6));
      vstrwq_scatter_base_f32(out, 48, sub_mi<Inverse>(c2, c6));
      vstrwq_scatter_base_f32(out, 24, vaddq_f32(c3, t3));
      vstrwq_scatter_base_f32(out, 56, vsubq_f32(c3, t3));
    } else {
      const float32x4_t p0 = gather(u, 0), p1 = gather(u, 1), p2 = gather(u, 2), p3 = gather(u, 3);
      const float32x4_t b0 = vaddq_f32(p0, p1), b1 = vsubq_f32(p0, p1);
      const float32x4_t b2 = vaddq_f32(p2, p3), b3 = vsubq_f32(p2, p3);
      vstrwq_scatter_base_f32(out, 0, vaddq_f32(b0, b2));
      vstrwq_scatter_base_f32(out, 16, vsubq_f32(b0, b2));
      vstrwq_scatter_base_f32(out, 8, add_mi<Inverse>(b1, b3));
      vstrwq_scatter_base_f32(out, 24, sub_mi<Inverse>(b1, b3));
    }
    out = vaddq_n_u32(out, 16u * radix);
  }
}

// Stages L and 2L on two k at a time (vectors at p0 .. p3), twiddles w1 = W_L^k, w2 = W_2L^k.
template <bool Inverse>
CTML_FORCE_INLINE void radix22(float* p0, float* p1, float* p2, float* p3, float32x4_t w1, float32x4_t w2) {
  const float32x4_t a = cmul<Inverse>(w1, vld1q_f32(p1));
  const float32x4_t c = cmul<Inverse>(w1, vld1q_f32(p3));
  const float32x4_t x0 = vld1q_f32(p0), x2 = vld1q_f32(p2);
  const float32x4_t b0 = vaddq_f32(x0, a), b1 = vsubq_f32(x0, a);
  const float32x4_t b2 = vaddq_f32(x2, c), b3 = vsubq_f32(x2, c);
  const float32x4_t t2 = cmul<Inverse>(w2, b2), t3 = cmul<Inverse>(w2, b3);
  vst1q_f32(p0, vaddq_f32(b0, t2));
  vst1q_f32(p2, vsubq_f32(b0, t2));
  vst1q_f32(p1, add_mi<Inverse>(b1, t3));
  vst1q_f32(p3, sub_mi<Inverse>(b1, t3));
}

// The fused passes of detail::fused_pass, vectorised over k. With fewer k pairs than groups the
// twiddles are loaded once per k pair (k outer loop).
template <std::size_t N, std::size_t L, bool Inverse>
inline void fused_pass(complex_f32* x) {
  constexpr std::size_t h = L / 2;
  constexpr std::size_t groups = N / (2 * L);
  float* xf = reinterpret_cast<float*>(x);
  const float* w1 = reinterpret_cast<const float*>(fft_tables<N>::twiddles.data() + (h - 4));
  const float* w2 = reinterpret_cast<const float*>(fft_tables<N>::twiddles.data() + (L - 4));
  if constexpr (h / 2 < groups) {
    for (std::size_t k = 0; k < h; k += 2) {
      const float32x4_t v1 = vld1q_f32(w1 + 2 * k), v2 = vld1q_f32(w2 + 2 * k);
      float* p = xf + 2 * k;
      for (std::size_t g = 0; g < groups; ++g, p += 4 * L)
        radix22<Inverse>(p, p + 2 * h, p + 2 * L, p + 2 * L + 2 * h, v1, v2);
    }
  } else {
    for (std::size_t g = 0; g < groups; ++g) {
      float* p = xf + 4 * L * g;
      for (std::size_t k = 0; k < h; k += 2)
        radix22<Inverse>(p + 2 * k, p + 2 * h + 2 * k, p + 2 * L + 2 * k, p + 2 * L + 2 * h + 2 * k,
                         vld1q_f32(w1 + 2 * k), vld1q_f32(w2 + 2 * k));
    }
  }
  if constexpr (4 * L <= N) fused_pass<N, 4 * L, Inverse>(x);
}

template <std::size_t N, bool Inverse>
inline void later_passes(complex_f32* x) {
  constexpr unsigned remaining = static_cast<unsigned>(std::countr_zero(N)) - 2;
  fused_pass<N, remaining % 2 == 1 ? 16 : 8, Inverse>(x);
}

// Used from N = 16: the first pass needs at least two groups.
template <std::size_t N>
inline constexpr bool usable = N >= 16;

template <std::size_t N, bool Inverse>
inline void fft_core(complex_f32* x) {
  bit_reverse_permute<N>(x);
  constexpr std::size_t radix = (std::countr_zero(N) - 2) % 2 == 1 ? 8 : 4;
  // In place: each iteration reads both of its groups before writing them.
  const uint32x4_t in = group_addresses<radix>(x);
  first_pass<N, Inverse>(x, [in](std::size_t u, std::size_t j) {
    return vldrwq_gather_base_f32(vaddq_n_u32(in, static_cast<std::uint32_t>(16 * radix * u)), 8 * j);
  });
  later_passes<N, Inverse>(x);
}

template <std::size_t N>
inline void fft_of_pairs(const float* in, complex_f32* x) {
  constexpr std::size_t radix = (std::countr_zero(N) - 2) % 2 == 1 ? 8 : 4;
  constexpr std::size_t q = N / radix;  // groups; group 2u + 1 starts q / 2 pairs after group 2u
  const uint32x4_t lanes = {0u, 1u, static_cast<std::uint32_t>(q), static_cast<std::uint32_t>(q + 1)};
  first_pass<N, false>(x, [in, lanes](std::size_t u, std::size_t j) {
    const std::size_t rj = radix == 8 ? ((j & 1u) << 2 | (j & 2u) | (j >> 2)) : ((j & 1u) << 1 | (j >> 1));
    const uint32x4_t idx = vaddq_n_u32(lanes, 2u * group_reversal<q>::table[2 * u]);
    return vldrwq_gather_shifted_offset_f32(in + 2 * rj * q, idx);
  });
  later_passes<N, false>(x);
}

// The rfft split step for k = 1 .. m/2, two k at a time: X[k] = (s - i w d) / 2 and
// X[m-k] = conj(s + i w d) / 2 with s = a + conj b, d = a - conj b, a = z[k], b = z[m-k]. The
// inverse computes Z[k] = (s + i conj(w) d) / 2 and Z[m-k] = conj(s - i conj(w) d) / 2.
template <std::size_t N, bool Inverse>
inline void split(complex_f32* z) {
  constexpr std::size_t m = N / 2;
  float* zf = reinterpret_cast<float*>(z);
  const float* w = reinterpret_cast<const float*>(rfft_tables<N>::split.data());
  const float32x4_t conj = {1.0f, -1.0f, 1.0f, -1.0f};
  const float32x4_t half_conj = {0.5f, -0.5f, 0.5f, -0.5f};
  // {re, im} of z[m - k] and z[m - k - 1]: b in the order of a, written back in place.
  const auto base = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(z + (m - 1)));
  const uint32x4_t lanes = {0u, 4u, 0u - 8u, 0u - 4u};  // z[m - k], then z[m - k - 1]
  uint32x4_t mirror = vaddq_n_u32(lanes, base);
  for (std::size_t k = 1; k < m / 2; k += 2) {
    const float32x4_t a = vld1q_f32(zf + 2 * k);
    const float32x4_t c = vmulq_f32(vldrwq_gather_base_f32(mirror, 0), conj);
    const float32x4_t s = vaddq_f32(a, c), d = vsubq_f32(a, c);
    const float32x4_t u = cmul<Inverse>(vld1q_f32(w + 2 * k), d);
    const float32x4_t lo = Inverse ? vcaddq_rot90_f32(s, u) : vcaddq_rot270_f32(s, u);
    const float32x4_t hi = Inverse ? vcaddq_rot270_f32(s, u) : vcaddq_rot90_f32(s, u);
    vstrwq_scatter_base_f32(mirror, 0, vmulq_f32(hi, half_conj));
    vst1q_f32(zf + 2 * k, vmulq_n_f32(lo, 0.5f));
    mirror = vsubq_n_u32(mirror, 16u);
  }
}

// dst[i] = src[i] * s for n floats (n a multiple of 4); dst may be src.
template <std::size_t n>
inline void scale(const float* src, float* dst, float s) {
  for (std::size_t i = 0; i < n; i += 4) vst1q_f32(dst + i, vmulq_n_f32(vld1q_f32(src + i), s));
}

template <std::size_t N, bool Inverse>
inline void fft(complex_f32* x) {
  fft_core<N, Inverse>(x);
  if constexpr (Inverse) {
    float* f = reinterpret_cast<float*>(x);
    scale<2 * N>(f, f, 1.0f / static_cast<float>(N));
  }
}

template <std::size_t N>
inline void rfft(const float* in, complex_f32* z) {
  constexpr std::size_t m = N / 2;
  fft_of_pairs<m>(in, z);
  const float z0r = z[0].re, z0i = z[0].im;
  z[0] = {z0r + z0i, 0.0f};
  z[m] = {z0r - z0i, 0.0f};
  split<N, false>(z);
}

template <std::size_t N>
inline void irfft(complex_f32* z, float* out) {
  constexpr std::size_t m = N / 2;
  const float x0 = z[0].re, xm = z[m].re;
  z[0] = {0.5f * (x0 + xm), 0.5f * (x0 - xm)};
  split<N, true>(z);
  fft_core<m, true>(z);
  scale<N>(reinterpret_cast<const float*>(z), out, 1.0f / static_cast<float>(m));
}

}  // namespace mve
#endif

}  // namespace detail

/// In-place forward complex FFT, X[k] = sum_n x[n] exp(-2 pi i k n / N) (numpy.fft.fft).
/// Usage: `ctml::dsp::fft<256>(std::span{buf});` with `std::array<complex_f32, 256> buf`.
template <std::size_t N>
constexpr void fft(std::span<complex_f32, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::fft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
#if CTML_DSP_MVE_F32
    if (!std::is_constant_evaluated()) return detail::mve::fft<N, false>(x.data());
#endif
    detail::fft_portable<N, false>(x.data());
  }
}

/// In-place inverse complex FFT with numpy's 1/N scaling (numpy.fft.ifft).
/// Usage: `ctml::dsp::ifft<256>(std::span{buf});`
template <std::size_t N>
constexpr void ifft(std::span<complex_f32, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::ifft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
#if CTML_DSP_MVE_F32
    if (!std::is_constant_evaluated()) return detail::mve::fft<N, true>(x.data());
#endif
    detail::fft_portable<N, true>(x.data());
  }
}

/// Forward real FFT: N real samples -> bins 0 .. N/2 (numpy.fft.rfft). X[0].im = X[N/2].im = 0.
/// Uses only `out` as work space (an N/2-point complex FFT plus a split step).
/// Usage: `ctml::dsp::rfft<512>(frame, spectrum);` with 512 floats in, 257 complex_f32 out.
template <std::size_t N>
constexpr void rfft(std::span<const float, N> in, std::span<complex_f32, N / 2 + 1> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::rfft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
#if CTML_DSP_MVE_F32
    if constexpr (detail::mve::usable<N / 2>)
      if (!std::is_constant_evaluated()) return detail::mve::rfft<N>(in.data(), out.data());
#endif
    detail::rfft_portable<N>(in.data(), out.data());
  }
}

/// Inverse real FFT: bins 0 .. N/2 -> N real samples with numpy's 1/N scaling (numpy.fft.irfft).
/// The imaginary parts of bins 0 and N/2 are ignored, as numpy does.
/// REQUIRES: nothing else reads `spectrum` afterwards: it is the work space and is overwritten.
/// Usage: `ctml::dsp::irfft<512>(spectrum, frame);`
template <std::size_t N>
constexpr void irfft(std::span<complex_f32, N / 2 + 1> spectrum, std::span<float, N> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::irfft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
#if CTML_DSP_MVE_F32
    if constexpr (detail::mve::usable<N / 2>)
      if (!std::is_constant_evaluated()) return detail::mve::irfft<N>(spectrum.data(), out.data());
#endif
    detail::irfft_portable<N>(spectrum.data(), out.data());
  }
}

/// Flash bytes of the tables `rfft<N>` reads on the portable path: the N/2-point FFT's twiddles,
/// its first pass's index table and the split step's twiddles (for the budgets of the blocks that
/// call it, docs/memory.md; Helium reads tables of its own).
/// Usage: `static_assert(ctml::dsp::rfft_flash_bytes<512> == 3176);`
template <std::size_t N>
inline constexpr std::size_t rfft_flash_bytes =
    sizeof(detail::fft_tables<N / 2>::twiddles) +
    sizeof(detail::group_reversal<N / 2 / ((std::countr_zero(N / 2) - 2) % 2 == 1 ? 8 : 4)>::table) +
    sizeof(detail::rfft_tables<N>::split);

/// Direct O(N^2) DFT for any N (ONNX DFT semantics: forward unscaled, inverse scaled by 1/N), for
/// small non-power-of-two sizes. Twiddles exp(-2 pi i j / N) are a compile-time table.
/// Usage: `ctml::dsp::dft<10>(in, out);`
template <std::size_t N, bool Inverse = false>
constexpr void dft(std::span<const complex_f32, N> in, std::span<complex_f32, N> out) {
  static_assert(N >= 1 && N <= 1024, "ctml::dsp::dft<N>: N must be from 1 to 1024");
  constexpr auto w = [] {
    std::array<complex_f32, N> t{};
    for (std::size_t j = 0; j < N; ++j) {
      const double x = 2.0 * static_cast<double>(j) / static_cast<double>(N);
      t[j] = {static_cast<float>(math::cospi(x)),
              static_cast<float>(Inverse ? math::sinpi(x) : -math::sinpi(x))};
    }
    return t;
  }();
  for (std::size_t k = 0; k < N; ++k) {
    double re = 0.0, im = 0.0;
    for (std::size_t n = 0; n < N; ++n) {
      const complex_f32 t = w[(k * n) % N];
      re += static_cast<double>(in[n].re * t.re - in[n].im * t.im);
      im += static_cast<double>(in[n].re * t.im + in[n].im * t.re);
    }
    if constexpr (Inverse) {
      re /= static_cast<double>(N);
      im /= static_cast<double>(N);
    }
    out[k] = {static_cast<float>(re), static_cast<float>(im)};
  }
}

}  // namespace ctml::dsp

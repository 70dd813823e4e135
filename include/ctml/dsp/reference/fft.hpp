#pragma once
// The portable float32 FFTs (power-of-two N from 16 to 4096, in place): compile-time tables (twiddles,
// bit-reversal swaps), a radix-4/8 first pass, radix-2^2 passes, the rfft split step. They are
// detail::fft_f32_impl<arch::generic>, the oracle of every vector path (dsp/arch.hpp); the public
// transforms are in dsp/fft.hpp.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include <ctml/core/config.hpp>
#include <ctml/core/math.hpp>
#include <ctml/dsp/arch.hpp>
#include <ctml/dsp/complex.hpp>

namespace ctml::dsp::detail {

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

// x in bit-reversed order, in place (the swaps of fft_tables<N>), for any element type (the float,
// Q15 and Q31 transforms). Forced inline: as a call level of its own it changed GCC's inlining of
// the M55 passes.
template <std::size_t N, typename T>
CTML_FORCE_INLINE constexpr void bit_reverse_permute(T* x) {
  for (const auto& s : fft_tables<N>::swaps) {
    const T t = x[s.a];
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

/// The float FFTs' customization point (dsp/arch.hpp): fft<N, Inverse>(x) in place, with the inverse
/// scaled by 1/N; rfft<N>(in, z): N samples to bins 0 .. N/2; irfft<N>(z, out), z used as work space.
/// Usage: `detail::fft_f32_impl<target_arch>::rfft<512>(in, z);`
template <arch A>
struct fft_f32_impl : fft_f32_impl<ctml::fallback_of(A)> {};

/// The portable transforms.
template <>
struct fft_f32_impl<arch::generic> {
  template <std::size_t N, bool Inverse>
  static constexpr void fft(complex_f32* x) {
    fft_core<N, Inverse>(x);
    if constexpr (Inverse) {
      constexpr float scale = 1.0f / static_cast<float>(N);
      for (std::size_t n = 0; n < N; ++n) x[n] = {x[n].re * scale, x[n].im * scale};
    }
  }

  template <std::size_t N>
  static constexpr void rfft(const float* in, complex_f32* z) {
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
  static constexpr void irfft(complex_f32* z, float* out) {
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
};

}  // namespace ctml::dsp::detail

#pragma once
// Float32 complex and real FFTs for power-of-two N from 16 to 4096, in place, with every table
// (twiddles, bit-reversal swaps) computed at compile time: no init call, no RAM copy of tables.
// Scaling follows numpy.fft: forward unscaled, inverse scaled by 1/N.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

#include <ctml/core/math.hpp>
#include <ctml/dsp/complex.hpp>

namespace ctml::dsp {

namespace detail {

template <std::size_t N>
inline constexpr bool fft_size_ok = std::has_single_bit(N) && N >= 16 && N <= 4096;

// Number of index pairs (i, j), i < j, that bit reversal swaps.
template <std::size_t N>
consteval std::size_t bitrev_swap_count() {
  constexpr unsigned bits = static_cast<unsigned>(std::countr_zero(N));
  std::size_t c = 0;
  for (std::size_t i = 0; i < N; ++i) {
    std::size_t r = 0;
    for (unsigned b = 0; b < bits; ++b) r |= ((i >> b) & 1u) << (bits - 1 - b);
    if (i < r) ++c;
  }
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
      std::size_t r = 0;
      for (unsigned b = 0; b < bits; ++b) r |= ((i >> b) & 1u) << (bits - 1 - b);
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
  // Bit-reversed position of every index: lets a copy into the work buffer permute for free.
  static constexpr auto make_reversed() {
    constexpr unsigned bits = static_cast<unsigned>(std::countr_zero(N));
    std::array<std::uint16_t, N> r{};
    for (std::size_t i = 0; i < N; ++i) {
      std::size_t v = 0;
      for (unsigned b = 0; b < bits; ++b) v |= ((i >> b) & 1u) << (bits - 1 - b);
      r[i] = static_cast<std::uint16_t>(v);
    }
    return r;
  }
  static constexpr auto swaps = make_swaps();
  static constexpr auto reversed = make_reversed();
  static constexpr auto twiddles = make_twiddles();
};

// b * w (forward) or b * conj(w) (inverse).
template <bool Inverse>
constexpr complex_f32 twiddle_mul(complex_f32 b, complex_f32 w) {
  const float wi = Inverse ? -w.im : w.im;
  return {b.re * w.re - b.im * wi, b.re * wi + b.im * w.re};
}

// One radix-2 stage of span l (twiddles of stage l).
template <std::size_t N, bool Inverse>
constexpr void radix2_stage(complex_f32* x, std::size_t l) {
  const std::size_t h = l / 2;
  const complex_f32* w = fft_tables<N>::twiddles.data() + (h - 4);
  for (std::size_t g = 0; g < N; g += l) {
    complex_f32* a = x + g;
    complex_f32* b = a + h;
    for (std::size_t k = 0; k < h; ++k) {
      const complex_f32 t = twiddle_mul<Inverse>(b[k], w[k]);
      b[k] = {a[k].re - t.re, a[k].im - t.im};
      a[k] = {a[k].re + t.re, a[k].im + t.im};
    }
  }
}

// Stages 2 and 4 of four bit-reversed inputs (no twiddles but -i / +i).
template <bool Inverse>
constexpr void radix4_first(const complex_f32* p, complex_f32* q) {
  const float a0r = p[0].re + p[1].re, a0i = p[0].im + p[1].im;
  const float a1r = p[0].re - p[1].re, a1i = p[0].im - p[1].im;
  const float a2r = p[2].re + p[3].re, a2i = p[2].im + p[3].im;
  const float a3r = p[2].re - p[3].re, a3i = p[2].im - p[3].im;
  // a3 * (-i) forward, a3 * (+i) inverse.
  const float tr = Inverse ? -a3i : a3i;
  const float ti = Inverse ? a3r : -a3r;
  q[0] = {a0r + a2r, a0i + a2i};
  q[2] = {a0r - a2r, a0i - a2i};
  q[1] = {a1r + tr, a1i + ti};
  q[3] = {a1r - tr, a1i - ti};
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

// Radix-2 decimation-in-time: the first two stages fused into a twiddle-free radix-4 pass, the
// others fused in pairs.
template <std::size_t N, bool Inverse, bool InputBitReversed = false>
constexpr void fft_core(complex_f32* x) {
  using tables = fft_tables<N>;
  if constexpr (!InputBitReversed)
    for (const auto& s : tables::swaps) {
      const complex_f32 t = x[s.a];
      x[s.a] = x[s.b];
      x[s.b] = t;
    }
  // Remaining stages L = 8 .. N are fused in pairs (radix-2^2: half the loads and stores of
  // radix-2). With an odd count, the first pass also does stage 8 (a radix-8 pass whose twiddles are
  // 1, (1 - i)/sqrt 2, -i, (-1 - i)/sqrt 2), otherwise it does stages 2 and 4 only.
  constexpr unsigned remaining = static_cast<unsigned>(std::countr_zero(N)) - 2;
  if constexpr (remaining % 2 == 1) {
    constexpr float r = 0.70710678118654752f;
    for (std::size_t g = 0; g < N; g += 8) {
      complex_f32 q[8];
      radix4_first<Inverse>(x + g, q);
      radix4_first<Inverse>(x + g + 4, q + 4);
      complex_f32* p = x + g;
      const complex_f32 t0 = q[4];
      // q5 * (1 -+ i)/sqrt 2, q6 * (-+i), q7 * (-1 -+ i)/sqrt 2 (upper sign forward).
      const complex_f32 t1 = Inverse ? complex_f32{r * (q[5].re - q[5].im), r * (q[5].re + q[5].im)}
                                     : complex_f32{r * (q[5].re + q[5].im), r * (q[5].im - q[5].re)};
      const complex_f32 t2 = Inverse ? complex_f32{-q[6].im, q[6].re} : complex_f32{q[6].im, -q[6].re};
      const complex_f32 t3 = Inverse ? complex_f32{r * (-q[7].re - q[7].im), r * (q[7].re - q[7].im)}
                                     : complex_f32{r * (q[7].im - q[7].re), r * (-q[7].re - q[7].im)};
      const complex_f32 t[4] = {t0, t1, t2, t3};
      for (std::size_t k = 0; k < 4; ++k) {
        p[k] = {q[k].re + t[k].re, q[k].im + t[k].im};
        p[k + 4] = {q[k].re - t[k].re, q[k].im - t[k].im};
      }
    }
  } else {
    for (std::size_t g = 0; g < N; g += 4) radix4_first<Inverse>(x + g, x + g);  // reads all, then writes
  }
  if constexpr (N >= 16) fused_pass<N, remaining % 2 == 1 ? 16 : 8, Inverse>(x);
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

}  // namespace detail

/// In-place forward complex FFT, X[k] = sum_n x[n] exp(-2 pi i k n / N) (numpy.fft.fft).
/// Usage: `ctml::dsp::fft<256>(std::span{buf});` with `std::array<complex_f32, 256> buf`.
template <std::size_t N>
constexpr void fft(std::span<complex_f32, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::fft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) detail::fft_core<N, false>(x.data());
}

/// In-place inverse complex FFT with numpy's 1/N scaling (numpy.fft.ifft).
/// Usage: `ctml::dsp::ifft<256>(std::span{buf});`
template <std::size_t N>
constexpr void ifft(std::span<complex_f32, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::ifft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    detail::fft_core<N, true>(x.data());
    constexpr float scale = 1.0f / static_cast<float>(N);
    for (auto& v : x) v = {v.re * scale, v.im * scale};
  }
}

/// Forward real FFT: N real samples -> bins 0 .. N/2 (numpy.fft.rfft). X[0].im = X[N/2].im = 0.
/// Uses only `out` as work space (an N/2-point complex FFT plus a split step).
/// Usage: `ctml::dsp::rfft<512>(frame, spectrum);` with 512 floats in, 257 complex_f32 out.
template <std::size_t N>
constexpr void rfft(std::span<const float, N> in, std::span<complex_f32, N / 2 + 1> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::rfft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    constexpr std::size_t m = N / 2;
    // Pack sample pairs straight into bit-reversed order: the copy does the FFT's permutation.
    const auto& rev = detail::fft_tables<m>::reversed;
    for (std::size_t n = 0; n < m; ++n) out[rev[n]] = {in[2 * n], in[2 * n + 1]};
    detail::fft_core<m, false, true>(out.data());
    const complex_f32 z0 = out[0];
    out[0] = {z0.re + z0.im, 0.0f};
    out[m] = {z0.re - z0.im, 0.0f};
    const auto& w = detail::rfft_tables<N>::split;
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const complex_f32 a = out[k], b = out[m - k];
      // even = (a + conj b) / 2, odd = (a - conj b) / 2i, X[k] = even + w odd, X[m-k] = conj(even - w odd)
      const float er = 0.5f * (a.re + b.re), ei = 0.5f * (a.im - b.im);
      const float or_ = 0.5f * (a.im + b.im), oi = -0.5f * (a.re - b.re);
      const float tr = w[k].re * or_ - w[k].im * oi;
      const float ti = w[k].re * oi + w[k].im * or_;
      out[k] = {er + tr, ei + ti};
      out[m - k] = {er - tr, -(ei - ti)};
    }
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
    constexpr std::size_t m = N / 2;
    auto& z = spectrum;
    const float x0 = z[0].re, xm = z[m].re;
    z[0] = {0.5f * (x0 + xm), 0.5f * (x0 - xm)};
    const auto& w = detail::rfft_tables<N>::split;
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const complex_f32 a = z[k], b = z[m - k];
      // even = (a + conj b) / 2, odd = (a - conj b) conj(w) / 2, Z[k] = even + i odd,
      // Z[m-k] = conj(even) + i conj(odd)
      const float er = 0.5f * (a.re + b.re), ei = 0.5f * (a.im - b.im);
      const float dr = 0.5f * (a.re - b.re), di = 0.5f * (a.im + b.im);
      const float or_ = dr * w[k].re + di * w[k].im;
      const float oi = di * w[k].re - dr * w[k].im;
      z[k] = {er - oi, ei + or_};
      z[m - k] = {er + oi, -ei + or_};
    }
    detail::fft_core<m, true>(z.data());
    constexpr float scale = 1.0f / static_cast<float>(m);
    for (std::size_t n = 0; n < m; ++n) {
      out[2 * n] = z[n].re * scale;
      out[2 * n + 1] = z[n].im * scale;
    }
  }
}

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

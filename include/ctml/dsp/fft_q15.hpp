#pragma once
// Q15 fixed-point complex and real FFTs (power-of-two N from 16 to 4096), in place, with
// compile-time tables. Pure integer arithmetic: every target produces the same bits.
//
// Scaling: every radix-2 stage halves its outputs (with rounding), so the transform never
// overflows for inputs of magnitude <= 1 and the result is X / N:
//   fft_q15<N>:  out[k] = round(sum_n x[n] e^{-2 pi i k n / N} / N)     (Q15)
//   ifft_q15<N>: out[n] = round(sum_k X[k] e^{+2 pi i k n / N} / N)     (Q15; numpy.fft.ifft)
//   rfft_q15<N>: out[k] = round(rfft(x)[k] / N), k = 0 .. N/2           (Q15)
// Values that would exceed the Q15 range (only possible when complex inputs have |x| > 1, e.g.
// both parts near full scale) saturate to -32768 / 32767 instead of wrapping.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

#include <ctml/core/math.hpp>
#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/fft.hpp>

namespace ctml::dsp {

namespace detail {

constexpr std::int16_t saturate_q15(std::int32_t v) {
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

template <std::size_t N, bool Inverse>
constexpr void fft_q15_core(complex_q15* x) {
  for (const auto& s : fft_tables<N>::swaps) {
    const complex_q15 t = x[s.a];
    x[s.a] = x[s.b];
    x[s.b] = t;
  }
  for (std::size_t l = 2; l <= N; l <<= 1) {
    const std::size_t h = l / 2;
    const twiddle_q15* w = fft_q15_tables<N>::twiddles.data() + (h - 1);
    for (std::size_t g = 0; g < N; g += l) {
      complex_q15* a = x + g;
      complex_q15* b = a + h;
      for (std::size_t k = 0; k < h; ++k) {
        const std::int32_t br = b[k].re, bi = b[k].im, nc = w[k].ncos, ns = w[k].nsin;
        // t = b * w (forward, w = cos - i sin) or b * conj(w) (inverse), Q15 * Q15 -> Q30 -> Q15.
        // |b| |w| <= sqrt(2) 2^30 < 2^31: the int32 sums cannot overflow.
        const std::int32_t tr = round_shift(Inverse ? -br * nc + bi * ns : -br * nc - bi * ns, 15);
        const std::int32_t ti = round_shift(Inverse ? -bi * nc - br * ns : br * ns - bi * nc, 15);
        const std::int32_t ar = a[k].re, ai = a[k].im;
        // Halve every stage: the output of log2(N) stages is X / N.
        a[k] = {saturate_q15(round_shift(ar + tr, 1)), saturate_q15(round_shift(ai + ti, 1))};
        b[k] = {saturate_q15(round_shift(ar - tr, 1)), saturate_q15(round_shift(ai - ti, 1))};
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
    for (std::size_t n = 0; n < m; ++n)
      out[n] = {static_cast<std::int16_t>(detail::round_shift(std::int32_t{in[2 * n]}, 1)),
                static_cast<std::int16_t>(detail::round_shift(std::int32_t{in[2 * n + 1]}, 1))};
    detail::fft_q15_core<m, false>(out.data());  // Z / (2 m)
    const std::int32_t z0r = out[0].re, z0i = out[0].im;
    out[0] = {detail::saturate_q15(z0r + z0i), 0};
    out[m] = {detail::saturate_q15(z0r - z0i), 0};
    const auto& w = detail::rfft_q15_tables<N>::split;
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

}  // namespace ctml::dsp

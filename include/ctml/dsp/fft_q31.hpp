#pragma once
// Q31 fixed-point complex and real FFTs (power-of-two N from 16 to 4096), forward and inverse, with
// compile-time tables: for spectra that need more than Q15's ~50-60 dB (low-level signals, long
// transforms, round trips). Pure integer arithmetic (64-bit products), so every target produces the
// same bits.
//
// Scaling is the Q15 transforms' (fft_q15.hpp): every radix-2 stage halves its outputs ((a +- t) >> 1,
// rounding down) and twiddle products are rounded to nearest, so
//   fft_q31<N>:   out[k] ~ fft(x)[k] / N              ifft_q31<N>:  out[n] ~ numpy.fft.ifft(X)[n]
//   rfft_q31<N>:  out[k] ~ rfft(x)[k] / N, k <= N/2   irfft_q31<N>: out[n] ~ numpy.fft.irfft(X)[n]
// A halving butterfly of Q31 values always fits Q31; only a twiddle product of a complex value with
// |x| > 1 can exceed it, and it saturates instead of wrapping. rfft_q31 halves its input first and
// irfft_q31 computes half of its work spectrum, so neither saturates for any input.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

#include <ctml/core/math.hpp>
#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/fft.hpp>

namespace ctml::dsp {

using complex_q31 = complex<std::int32_t>;

namespace detail {

constexpr std::int32_t saturate_q31(std::int64_t v) {
  return static_cast<std::int32_t>(v > 2147483647 ? 2147483647 : (v < -2147483647 - 1 ? -2147483647 - 1 : v));
}
// round(v / 2^s), halves rounded up (arithmetic >> on negative values, C++20).
constexpr std::int64_t round_shift_q31(std::int64_t v, int s) {
  return (v + (std::int64_t{1} << (s - 1))) >> s;
}

// Twiddles as (-cos, -sin) in Q31, like the Q15 ones: in [-1, 1) for the angles used.
struct twiddle_q31 {
  std::int32_t ncos, nsin;
};
constexpr twiddle_q31 make_twiddle_q31(double x) {  // angle pi * x
  auto q = [](double v) {
    const double r = math::round(v * 2147483648.0);
    return static_cast<std::int32_t>(r > 2147483647.0 ? 2147483647.0 : r);
  };
  return {q(-math::cospi(x)), q(-math::sinpi(x))};
}

template <std::size_t N>
struct fft_q31_tables {
  // exp(-2 pi i k / N), k < N / 2: stage L reads entry k * N / L (one table for all stages).
  static constexpr std::array<twiddle_q31, N / 2> twiddles = [] {
    std::array<twiddle_q31, N / 2> t{};
    for (std::size_t k = 0; k < N / 2; ++k)
      t[k] = make_twiddle_q31(2.0 * static_cast<double>(k) / static_cast<double>(N));
    return t;
  }();
  // exp(-2 pi i k / (2 N)), k <= N / 2: the real transforms' split step (their N is 2 * this N).
  static constexpr std::array<twiddle_q31, N / 2 + 1> split = [] {
    std::array<twiddle_q31, N / 2 + 1> t{};
    for (std::size_t k = 0; k <= N / 2; ++k)
      t[k] = make_twiddle_q31(static_cast<double>(k) / static_cast<double>(N));
    return t;
  }();
};

struct cq64 {
  std::int64_t re, im;
};
// b * w (forward) or b * conj(w) (inverse), Q31 * Q31 -> Q62 -> Q31 rounded and saturated.
// |b| |w| <= sqrt(2) 2^62 < 2^63: the int64 sums cannot overflow.
template <bool Inverse>
constexpr cq64 twiddle_mul_q31(std::int64_t br, std::int64_t bi, twiddle_q31 w) {
  const std::int64_t nc = w.ncos, ns = w.nsin;
  const std::int64_t re = Inverse ? -br * nc + bi * ns : -br * nc - bi * ns;
  const std::int64_t im = Inverse ? -bi * nc - br * ns : br * ns - bi * nc;
  return {saturate_q31(round_shift_q31(re, 31)), saturate_q31(round_shift_q31(im, 31))};
}

// Radix-2 decimation in time, every stage halving (the Q15 core's arithmetic in Q31).
template <std::size_t N, bool Inverse, bool InputBitReversed = false>
constexpr void fft_q31_core(complex_q31* x) {
  if constexpr (!InputBitReversed) bit_reverse_permute<N>(x);
  const auto& tw = fft_q31_tables<N>::twiddles;
  for (std::size_t l = 2; l <= N; l <<= 1) {
    const std::size_t h = l / 2, stride = N / l;
    for (std::size_t g = 0; g < N; g += l) {
      complex_q31* a = x + g;
      complex_q31* b = a + h;
      for (std::size_t k = 0; k < h; ++k) {
        const cq64 t = twiddle_mul_q31<Inverse>(b[k].re, b[k].im, tw[k * stride]);
        const std::int64_t ar = a[k].re, ai = a[k].im;
        a[k] = {static_cast<std::int32_t>((ar + t.re) >> 1), static_cast<std::int32_t>((ai + t.im) >> 1)};
        b[k] = {static_cast<std::int32_t>((ar - t.re) >> 1), static_cast<std::int32_t>((ai - t.im) >> 1)};
      }
    }
  }
}

}  // namespace detail

/// In-place Q31 forward FFT, output fft(x) / N (every stage halves; see the note at the top).
/// Usage: `ctml::dsp::fft_q31<256>(buf);` with `std::array<complex_q31, 256> buf`.
template <std::size_t N>
constexpr void fft_q31(std::span<complex_q31, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::fft_q31<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) detail::fft_q31_core<N, false>(x.data());
}

/// In-place Q31 inverse FFT with numpy.fft.ifft's 1/N scaling.
/// Usage: `ctml::dsp::ifft_q31<256>(buf);`
template <std::size_t N>
constexpr void ifft_q31(std::span<complex_q31, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::ifft_q31<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) detail::fft_q31_core<N, true>(x.data());
}

/// Q31 real FFT: N samples -> bins 0 .. N/2 holding rfft(x) / N. Uses `out` as its only work space.
/// Usage: `ctml::dsp::rfft_q31<512>(samples, spectrum);` (512 int32 in, 257 complex_q31 out)
template <std::size_t N>
constexpr void rfft_q31(std::span<const std::int32_t, N> in, std::span<complex_q31, N / 2 + 1> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::rfft_q31<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    constexpr std::size_t m = N / 2;
    // Pairs of samples packed as complex values, halved (|x[2n] + i x[2n+1]| can reach sqrt 2), straight
    // into bit-reversed order; the split step then divides by 2 instead of 4.
    const auto& rev = detail::fft_tables<m>::reversed;
    for (std::size_t n = 0; n < m; ++n)
      out[rev[n]] = {static_cast<std::int32_t>(detail::round_shift_q31(in[2 * n], 1)),
                     static_cast<std::int32_t>(detail::round_shift_q31(in[2 * n + 1], 1))};
    detail::fft_q31_core<m, false, true>(out.data());  // Z / (2 m), |Z / (2 m)| <= 2^31 / sqrt 2
    const std::int64_t z0r = out[0].re, z0i = out[0].im;
    out[0] = {detail::saturate_q31(z0r + z0i), 0};
    out[m] = {detail::saturate_q31(z0r - z0i), 0};
    const auto& w = detail::fft_q31_tables<m>::split;
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const std::int64_t ar = out[k].re, ai = out[k].im, br = out[m - k].re, bi = out[m - k].im;
      // P = a + conj b, Q/i = (a - conj b)/i; X[k] = (P + w Q/i) / 2, X[m-k] = conj(P - w Q/i) / 2.
      // |Q| <= sqrt 2 2^31, so the Q62 product sums stay below 2^63; w Q/i is rounded to Q31 first.
      const std::int64_t pr = ar + br, pi = ai - bi;
      const std::int64_t qr = ai + bi, qi = br - ar;
      const std::int64_t nc = w[k].ncos, ns = w[k].nsin;  // w = -nc + i ns
      const std::int64_t tr = detail::round_shift_q31(-qr * nc - qi * ns, 31);
      const std::int64_t ti = detail::round_shift_q31(qr * ns - qi * nc, 31);
      out[k] = {detail::saturate_q31(detail::round_shift_q31(pr + tr, 1)),
                detail::saturate_q31(detail::round_shift_q31(pi + ti, 1))};
      out[m - k] = {detail::saturate_q31(detail::round_shift_q31(pr - tr, 1)),
                    detail::saturate_q31(detail::round_shift_q31(ti - pi, 1))};
    }
  }
}

/// Flash bytes of the tables `rfft_q31<N>` reads: the bit-reversal permutation and the N/2-point
/// FFT's twiddles and split twiddles (for the budgets of the blocks that call it, docs/memory.md).
template <std::size_t N>
inline constexpr std::size_t rfft_q31_flash_bytes = sizeof(detail::fft_tables<N / 2>::reversed) +
                                                    sizeof(detail::fft_q31_tables<N / 2>::twiddles) +
                                                    sizeof(detail::fft_q31_tables<N / 2>::split);

/// Q31 inverse real FFT with numpy.fft.irfft's 1/N scaling: bins 0 .. N/2 -> N samples. The
/// imaginary parts of bins 0 and N/2 are ignored, as numpy does. The split step computes Z / 2, the
/// N/2-point inverse FFT halves in each stage, and the samples are doubled (saturating) on the way
/// out. irfft_q31(rfft_q31(x)) = x / N.
/// REQUIRES: nothing else reads `spectrum` afterwards: it is the work space and is overwritten.
/// Usage: `ctml::dsp::irfft_q31<512>(spectrum, samples);` (257 complex_q31 in, 512 int32 out)
template <std::size_t N>
constexpr void irfft_q31(std::span<complex_q31, N / 2 + 1> spectrum, std::span<std::int32_t, N> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::irfft_q31<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    constexpr std::size_t m = N / 2;
    auto& z = spectrum;
    const std::int64_t x0 = z[0].re, xm = z[m].re;
    z[0] = {static_cast<std::int32_t>(detail::round_shift_q31(x0 + xm, 2)),
            static_cast<std::int32_t>(detail::round_shift_q31(x0 - xm, 2))};
    const auto& w = detail::fft_q31_tables<m>::split;
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const std::int64_t ar = z[k].re, ai = z[k].im, br = z[m - k].re, bi = z[m - k].im;
      // E = (a + conj b) / 2, D = (a - conj b) / 2 (each rounded to Q31), O = conj(w) D rounded to
      // Q31 with w = exp(-2 pi i k / N) = -nc + i ns; Z[k] = E + i O, Z[m-k] = conj(E) + i conj(O),
      // stored halved. Every intermediate is below 2^63.
      const std::int64_t er = detail::round_shift_q31(ar + br, 1), ei = detail::round_shift_q31(ai - bi, 1);
      const std::int64_t dr = detail::round_shift_q31(ar - br, 1), di = detail::round_shift_q31(ai + bi, 1);
      const std::int64_t nc = w[k].ncos, ns = w[k].nsin;
      const std::int64_t o_r = detail::round_shift_q31(-nc * dr + ns * di, 31);
      const std::int64_t o_i = detail::round_shift_q31(-nc * di - ns * dr, 31);
      z[k] = {detail::saturate_q31(detail::round_shift_q31(er - o_i, 1)),
              detail::saturate_q31(detail::round_shift_q31(ei + o_r, 1))};
      z[m - k] = {detail::saturate_q31(detail::round_shift_q31(er + o_i, 1)),
                  detail::saturate_q31(detail::round_shift_q31(o_r - ei, 1))};
    }
    detail::fft_q31_core<m, true>(z.data());  // z / 2
    for (std::size_t n = 0; n < m; ++n) {
      out[2 * n] = detail::saturate_q31(2 * std::int64_t{z[n].re});
      out[2 * n + 1] = detail::saturate_q31(2 * std::int64_t{z[n].im});
    }
  }
}

}  // namespace ctml::dsp

#pragma once
// The portable Q31 FFTs: compile-time twiddles, the 64-bit butterfly arithmetic that defines every
// Q31 transform's bits, and the customization point detail::fft_q31_impl<arch> (dsp/arch.hpp) whose
// arch::generic specialisation is the oracle of the DSP-extension and Helium paths of rfft_q31. The
// public transforms and the scaling they carry are in dsp/fft_q31.hpp.

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/core/math.hpp>
#include <ctml/dsp/arch.hpp>
#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/reference/fft.hpp>

namespace ctml::dsp {

using complex_q31 = complex<std::int32_t>;

}  // namespace ctml::dsp

namespace ctml::dsp::detail {

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

/// The Q31 real FFT's customization point (dsp/arch.hpp): rfft<N>(in, out), the packing, the
/// N/2-point halving FFT and the split step of rfft_q31 (the complex and inverse transforms run the
/// portable code on every core).
/// Usage: `detail::fft_q31_impl<target_arch>::rfft<512>(in, out);`
template <arch A>
struct fft_q31_impl : fft_q31_impl<ctml::fallback_of(A)> {};

/// The portable Q31 real FFT: the bits every other path reproduces.
template <>
struct fft_q31_impl<arch::generic> {
  template <std::size_t N>
  static constexpr void rfft(const std::int32_t* in, complex_q31* out) {
    constexpr std::size_t m = N / 2;
    // Pairs of samples packed as complex values, halved (|x[2n] + i x[2n+1]| can reach sqrt 2), straight
    // into bit-reversed order; the split step then divides by 2 instead of 4.
    const auto& rev = fft_tables<m>::reversed;
    for (std::size_t n = 0; n < m; ++n)
      out[rev[n]] = {static_cast<std::int32_t>(round_shift_q31(in[2 * n], 1)),
                     static_cast<std::int32_t>(round_shift_q31(in[2 * n + 1], 1))};
    fft_q31_core<m, false, true>(out);  // Z / (2 m), |Z / (2 m)| <= 2^31 / sqrt 2
    const std::int64_t z0r = out[0].re, z0i = out[0].im;
    out[0] = {saturate_q31(z0r + z0i), 0};
    out[m] = {saturate_q31(z0r - z0i), 0};
    const auto& w = fft_q31_tables<m>::split;
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const std::int64_t ar = out[k].re, ai = out[k].im, br = out[m - k].re, bi = out[m - k].im;
      // P = a + conj b, Q/i = (a - conj b)/i; X[k] = (P + w Q/i) / 2, X[m-k] = conj(P - w Q/i) / 2.
      // P / 2 = (e.re, f.im) and Q / (2i) = (e.im, -f.re) with e = (a + b) / 2, f = (a - b) / 2 (parts
      // rounded, halves up: VRHADD's arithmetic, so Helium computes the step on vectors); then
      // T = w Q / (2i) rounded to Q31 from the exact sums of two products (VQRDMLSDH/VQRDMLADHX), and
      // X[k] = P / 2 + T, X[m-k] = conj(P / 2 - T), saturated (they never are: |X[k] / N| < 2^31).
      const std::int64_t er = round_shift_q31(ar + br, 1), fi = round_shift_q31(ai - bi, 1);
      const std::int64_t fr = round_shift_q31(ar - br, 1), ei = round_shift_q31(ai + bi, 1);
      const std::int64_t nc = w[k].ncos, ns = w[k].nsin;  // w = -nc + i ns
      const std::int64_t tr = saturate_q31(round_shift_q31(fr * ns - ei * nc, 31));
      const std::int64_t ti = saturate_q31(round_shift_q31(ei * ns + fr * nc, 31));
      out[k] = {saturate_q31(er + tr), saturate_q31(fi + ti)};
      out[m - k] = {saturate_q31(er - tr), saturate_q31(ti - fi)};
    }
  }
};

}  // namespace ctml::dsp::detail

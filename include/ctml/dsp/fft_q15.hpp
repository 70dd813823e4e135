#pragma once
// Q15 fixed-point complex and real FFTs (power-of-two N from 16 to 4096), in place, with
// compile-time tables. Pure integer arithmetic: every target produces the same bits.
//
// Scaling: every radix-2 stage halves its outputs ((a +- t) >> 1, rounding down, as the Arm
// SHADD16/SHSUB16 instructions do; twiddle products are rounded to nearest), so the result is X / N:
//   fft_q15<N>:  out[k] ~ sum_n x[n] e^{-2 pi i k n / N} / N      (Q15)
//   ifft_q15<N>: out[n] ~ sum_k X[k] e^{+2 pi i k n / N} / N      (Q15; numpy.fft.ifft)
//   rfft_q15<N>: out[k] ~ rfft(x)[k] / N, k = 0 .. N/2            (Q15)
// A halving butterfly of Q15 values always fits Q15; only a twiddle product of a value with
// |x| > 1 (a complex input with both parts near full scale) can exceed it, and it saturates to
// -32768 / 32767 instead of wrapping. rfft_q15 halves its input first, so it never saturates.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#if defined(__ARM_FEATURE_SAT) || defined(__ARM_FEATURE_DSP)
#include <cstring>

#include <arm_acle.h>
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

// Butterfly arithmetic in 32 bits; every stage's results are saturated to Q15 exactly as if stored.
struct cq32 {
  std::int32_t re, im;
};
// t = b * w (forward, w = cos - i sin) or b * conj(w) (inverse), Q15 * Q15 -> Q30 -> Q15, rounded.
// |b| |w| <= sqrt(2) 2^30 < 2^31: the int32 sums cannot overflow.
template <bool Inverse>
constexpr cq32 twiddle_mul_q15(cq32 b, twiddle_q15 w) {
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
  if (!std::is_constant_evaluated()) {
    // Dual 16-bit multiplies (SMUAD/SMUSDX, SMUSD/SMUADX) give the same exact 32-bit sums.
    const int16x2_t bp = static_cast<int16x2_t>((static_cast<std::uint32_t>(b.re) & 0xffffu) |
                                                (static_cast<std::uint32_t>(b.im) << 16));
    const int16x2_t wp =
        static_cast<int16x2_t>((static_cast<std::uint32_t>(static_cast<std::uint16_t>(w.ncos))) |
                               (static_cast<std::uint32_t>(static_cast<std::uint16_t>(w.nsin)) << 16));
    if constexpr (Inverse)
      return {saturate_q15(round_shift(-__smusd(bp, wp), 15)),
              saturate_q15(round_shift(-__smuadx(bp, wp), 15))};
    return {saturate_q15(round_shift(-__smuad(bp, wp), 15)), saturate_q15(round_shift(__smusdx(bp, wp), 15))};
  }
#endif
  const std::int32_t nc = w.ncos, ns = w.nsin;
  return {saturate_q15(round_shift(Inverse ? -b.re * nc + b.im * ns : -b.re * nc - b.im * ns, 15)),
          saturate_q15(round_shift(Inverse ? -b.im * nc - b.re * ns : b.re * ns - b.im * nc, 15))};
}
// (a + t) / 2 and (a - t) / 2 rounded down (SHADD16/SHSUB16 semantics): one radix-2 butterfly with
// its stage scaling. With a and t in Q15 the results always fit Q15, so nothing saturates here.
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

// Radix-2 decimation in time, every stage halving. Stages 2 and 4 (twiddles 1 and -i, exact in
// Q15) run as one pass without multiplies; the others are fused in pairs, which halves the loads and
// stores and gives the same bits as running them one by one.
template <std::size_t N, bool Inverse, bool InputBitReversed = false>
constexpr void fft_q15_core(complex_q15* x) {
  if constexpr (!InputBitReversed)
    for (const auto& s : fft_tables<N>::swaps) {
      const complex_q15 t = x[s.a];
      x[s.a] = x[s.b];
      x[s.b] = t;
    }
  for (std::size_t g = 0; g < N; g += 4) {
    complex_q15* p = x + g;
    const cq32 p0 = load(p[0]), p1 = load(p[1]), p2 = load(p[2]), p3 = load(p[3]);
    const cq32 a0 = half_sum(p0, p1), a1 = half_diff(p0, p1), a2 = half_sum(p2, p3), a3 = half_diff(p2, p3);
    // a3 * (-+i); negating -32768 saturates to 32767
    const cq32 t = Inverse ? cq32{saturate_q15(-a3.im), a3.re} : cq32{a3.im, saturate_q15(-a3.re)};
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
        const cq32 ak = load(a[k]), t = twiddle_mul_q15<Inverse>(load(b[k]), w[k]);
        a[k] = store(half_sum(ak, t));
        b[k] = store(half_diff(ak, t));
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
        // The same arithmetic on packed (re, im) halfword pairs: SMUAD/SMUSDX products, SSAT, then
        // SHADD16/SHSUB16 for both halves of a butterfly at once.
        auto ld = [](const void* q) {
          int16x2_t v;
          std::memcpy(&v, q, sizeof v);
          return v;
        };
        auto st = [](complex_q15* q, int16x2_t v) { std::memcpy(q, &v, sizeof v); };
        auto mul = [](int16x2_t b, int16x2_t w) {
          const std::int32_t re = Inverse ? -__smusd(b, w) : -__smuad(b, w);
          const std::int32_t im = Inverse ? -__smuadx(b, w) : __smusdx(b, w);
          const std::uint32_t r = static_cast<std::uint16_t>(__ssat((re + (1 << 14)) >> 15, 16));
          const std::uint32_t i = static_cast<std::uint16_t>(__ssat((im + (1 << 14)) >> 15, 16));
          return static_cast<int16x2_t>(r | (i << 16));
        };
        for (std::size_t k = 0; k < h; ++k) {
          const int16x2_t w1k = ld(&w1[k]);
          const int16x2_t a = mul(ld(&p1[k]), w1k), c = mul(ld(&p3[k]), w1k);
          const int16x2_t x0 = ld(&p0[k]), x2 = ld(&p2[k]);
          const int16x2_t b0 = __shadd16(x0, a), b1 = __shsub16(x0, a);
          const int16x2_t b2 = __shadd16(x2, c), b3 = __shsub16(x2, c);
          const int16x2_t t2 = mul(b2, ld(&w2[k])), t3 = mul(b3, ld(&w2[k + h]));
          st(&p0[k], __shadd16(b0, t2));
          st(&p2[k], __shsub16(b0, t2));
          st(&p1[k], __shadd16(b1, t3));
          st(&p3[k], __shsub16(b1, t3));
        }
        continue;
      }
#endif
      for (std::size_t k = 0; k < h; ++k) {
        const cq32 x0 = load(p0[k]), x2 = load(p2[k]);
        const cq32 a = twiddle_mul_q15<Inverse>(load(p1[k]), w1[k]);
        const cq32 c = twiddle_mul_q15<Inverse>(load(p3[k]), w1[k]);
        const cq32 b0 = half_sum(x0, a), b1 = half_diff(x0, a), b2 = half_sum(x2, c), b3 = half_diff(x2, c);
        // stage 2L: (b0, b2) with W_2L^k and (b1, b3) with W_2L^(k + L/2) (the table's entry k + h)
        const cq32 t2 = twiddle_mul_q15<Inverse>(b2, w2[k]);
        const cq32 t3 = twiddle_mul_q15<Inverse>(b3, w2[k + h]);
        p0[k] = store(half_sum(b0, t2));
        p2[k] = store(half_diff(b0, t2));
        p1[k] = store(half_sum(b1, t3));
        p3[k] = store(half_diff(b1, t3));
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
    // Written straight into bit-reversed order: the copy does the FFT's permutation.
    const auto& rev = detail::fft_tables<m>::reversed;
    for (std::size_t n = 0; n < m; ++n)
      out[rev[n]] = {static_cast<std::int16_t>(detail::round_shift(std::int32_t{in[2 * n]}, 1)),
                     static_cast<std::int16_t>(detail::round_shift(std::int32_t{in[2 * n + 1]}, 1))};
    detail::fft_q15_core<m, false, true>(out.data());  // Z / (2 m)
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

/// Q15 inverse real FFT with numpy.fft.irfft's 1/N scaling: bins 0 .. N/2 (Q15) -> N samples (Q15).
/// The imaginary parts of bins 0 and N/2 are ignored, as numpy does. Scaling: the split step
/// computes Z / 2 (|Z| <= 2 for Q15 bins), the N/2-point inverse FFT halves in each stage, and the
/// samples are doubled (saturating) on the way out, so any Q15 spectrum gives irfft(X) without
/// overflow. irfft_q15(rfft_q15(x)) = x / N.
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

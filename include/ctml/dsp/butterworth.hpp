#pragma once
// Butterworth low-, high- and band-pass filters as second-order sections, designed by the compiler
// (or at run time) the way scipy.signal.butter(..., output="sos") designs them: analog prototype
// poles, frequency prewarping, lp2lp / lp2hp / lp2bp, the bilinear transform, and zpk2sos's
// "nearest" pairing and ordering (the sections nearest the unit circle last, the gain in the first).

#include <array>
#include <cstddef>

#include <ctml/core/math.hpp>
#include <ctml/core/units.hpp>
#include <ctml/dsp/biquad.hpp>

namespace ctml::dsp {

namespace detail {

struct zd {  // complex double, constexpr
  double re, im;
  friend constexpr zd operator+(zd a, zd b) { return {a.re + b.re, a.im + b.im}; }
  friend constexpr zd operator-(zd a, zd b) { return {a.re - b.re, a.im - b.im}; }
  friend constexpr zd operator*(zd a, zd b) { return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }
  friend constexpr zd operator/(zd a, zd b) {
    const double d = b.re * b.re + b.im * b.im;
    return {(a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d};
  }
};
constexpr double abs(zd a) {
  return math::sqrt(a.re * a.re + a.im * a.im);
}
constexpr zd sqrt(zd a) {  // principal root, as numpy's
  const double r = abs(a);
  const double re = math::sqrt((r + a.re) / 2), im = math::sqrt((r - a.re) / 2);
  return {re, a.im < 0 ? -im : im};
}

// A set of at most M complex values.
template <std::size_t M>
struct zset {
  std::array<zd, M> v{};
  std::size_t n = 0;
  constexpr void push(zd z) { v[n++] = z; }
  constexpr void erase(std::size_t i) {
    for (std::size_t j = i + 1; j < n; ++j) v[j - 1] = v[j];
    --n;
  }
};

// scipy's _cplxreal's test for a real value (|imag| <= 100 eps |z|).
constexpr bool is_real(zd z) {
  return math::abs(z.im) <= 100 * 2.220446049250313e-16 * abs(z);
}

// Index of the value of s nearest to `to` among the real ones (real_only) or all.
template <std::size_t M>
constexpr std::size_t nearest(const zset<M>& s, zd to, bool real_only) {
  std::size_t best = M;
  for (std::size_t i = 0; i < s.n; ++i)
    if ((!real_only || is_real(s.v[i])) && (best == M || abs(s.v[i] - to) < abs(s.v[best] - to))) best = i;
  return best;
}

// scipy.signal.zpk2sos(z, p, k, pairing="nearest") for equal numbers of poles and zeros, all
// conjugate-paired (a Butterworth design): keep one of each complex pair (positive imaginary part),
// take the pole nearest the unit circle, pair it with the nearest zero(s), fill sections from last.
template <std::size_t S, std::size_t M>
constexpr std::array<sos_section, S> zpk2sos(zset<M> z, zset<M> p, double k) {
  if (p.n % 2 == 1) {  // a pole and a zero at the origin make the count even
    p.push({0, 0});
    z.push({0, 0});
  }
  auto halve = [](zset<M>& s) {  // drop the negative-imaginary twin of each complex value
    zset<M> out;
    for (std::size_t i = 0; i < s.n; ++i)
      if (is_real(s.v[i]))
        out.push({s.v[i].re, 0});
      else if (s.v[i].im > 0)
        out.push(s.v[i]);
    s = out;
  };
  halve(z);
  halve(p);
  std::array<sos_section, S> sos{};
  for (std::size_t si = S; si-- > 0;) {
    std::size_t i1 = 0;
    for (std::size_t i = 1; i < p.n; ++i)
      if (math::abs(1 - abs(p.v[i])) < math::abs(1 - abs(p.v[i1]))) i1 = i;
    const zd p1 = p.v[i1];
    p.erase(i1);
    zd z1{}, z2{}, p2{};
    std::size_t reals_left = 0;
    for (std::size_t i = 0; i < p.n; ++i) reals_left += is_real(p.v[i]) ? 1 : 0;
    if (is_real(p1) && reals_left == 0) {  // the last real pole: a first-order section
      const std::size_t iz = nearest(z, p1, true);
      z1 = z.v[iz];
      z.erase(iz);
      sos[si] = {1, -z1.re, 0, -p1.re, 0};
      continue;
    }
    const std::size_t iz1 = nearest(z, p1, false);
    z1 = z.v[iz1];
    z.erase(iz1);
    if (!is_real(p1)) {
      p2 = {p1.re, -p1.im};
      if (!is_real(z1)) {
        z2 = {z1.re, -z1.im};
      } else {
        const std::size_t iz2 = nearest(z, p1, true);
        z2 = z.v[iz2];
        z.erase(iz2);
      }
    } else {  // a real pole and a real zero: the next real pole nearest the unit circle
      std::size_t i2 = p.n;
      for (std::size_t i = 0; i < p.n; ++i)
        if (is_real(p.v[i]) && (i2 == p.n || math::abs(abs(p.v[i]) - 1) < math::abs(abs(p.v[i2]) - 1)))
          i2 = i;
      p2 = p.v[i2];
      p.erase(i2);
      const std::size_t iz2 = nearest(z, p2, true);
      z2 = z.v[iz2];
      z.erase(iz2);
    }
    // (x - a)(x - b) = x^2 - (a + b) x + ab, real for conjugate or real pairs.
    sos[si] = {1, -(z1 + z2).re, (z1 * z2).re, -(p1 + p2).re, (p1 * p2).re};
  }
  sos[0].b0 *= k;
  sos[0].b1 *= k;
  sos[0].b2 *= k;
  return sos;
}

enum class butter_type { lowpass, highpass, bandpass };

// scipy.signal.butter(N, Wn, btype, output="sos"), Wn as fractions of Nyquist.
template <std::size_t N, butter_type T>
constexpr auto butter_sos(double w1, double w2) {
  constexpr std::size_t poles = T == butter_type::bandpass ? 2 * N : N;
  constexpr std::size_t sections = (poles + 1) / 2;
  zset<poles + 1> z, p;
  // buttap: p = -exp(i pi m / (2N)), m = -N + 1, -N + 3, ..., N - 1.
  zset<N> a;
  for (std::size_t i = 0; i < N; ++i) {
    const double m = -static_cast<double>(N) + 1 + 2 * static_cast<double>(i);
    a.push(
        {-math::cospi(m / (2.0 * static_cast<double>(N))), -math::sinpi(m / (2.0 * static_cast<double>(N)))});
  }
  // Prewarp for the bilinear transform at fs = 2: 4 tan(pi w / 2).
  auto warp = [](double w) { return 4.0 * math::sinpi(w / 2) / math::cospi(w / 2); };
  double k = 1.0;
  if constexpr (T == butter_type::lowpass) {
    const double wo = warp(w1);
    for (std::size_t i = 0; i < N; ++i) {
      p.push(a.v[i] * zd{wo, 0});
      k *= wo;
    }
  } else if constexpr (T == butter_type::highpass) {
    const double wo = warp(w1);
    zd prod{1, 0};
    for (std::size_t i = 0; i < N; ++i) {
      p.push(zd{wo, 0} / a.v[i]);
      z.push({0, 0});
      prod = prod * (zd{0, 0} - a.v[i]);
    }
    k = (zd{1, 0} / prod).re;  // k prod(-z) / prod(-p), no prototype zeros
  } else {
    const double lo = warp(w1), hi = warp(w2);
    const double bw = hi - lo, wo = math::sqrt(lo * hi);
    for (std::size_t i = 0; i < N; ++i)
      p.push(a.v[i] * zd{bw / 2, 0} + sqrt(a.v[i] * a.v[i] * zd{bw * bw / 4, 0} - zd{wo * wo, 0}));
    for (std::size_t i = 0; i < N; ++i)
      p.push(a.v[i] * zd{bw / 2, 0} - sqrt(a.v[i] * a.v[i] * zd{bw * bw / 4, 0} - zd{wo * wo, 0}));
    for (std::size_t i = 0; i < N; ++i) {
      z.push({0, 0});
      k *= bw;
    }
  }
  // bilinear_zpk at fs = 2 (fs2 = 4): z -> (4 + z) / (4 - z); missing zeros go to -1.
  zd num{1, 0}, den{1, 0};
  zset<poles + 1> zz, pz;
  for (std::size_t i = 0; i < z.n; ++i) {
    num = num * (zd{4, 0} - z.v[i]);
    zz.push((zd{4, 0} + z.v[i]) / (zd{4, 0} - z.v[i]));
  }
  for (std::size_t i = 0; i < p.n; ++i) {
    den = den * (zd{4, 0} - p.v[i]);
    pz.push((zd{4, 0} + p.v[i]) / (zd{4, 0} - p.v[i]));
  }
  while (zz.n < pz.n) zz.push({-1, 0});
  k *= (num / den).re;
  return zpk2sos<sections>(zz, pz, k);
}

}  // namespace detail

/// Order-N Butterworth low-pass as (N + 1) / 2 second-order sections, as
/// scipy.signal.butter(N, cutoff, "lowpass", fs=sample_rate, output="sos") (docs/dsp.md gives the
/// measured agreement). constexpr: design at compile time and keep only the coefficients.
/// Usage: `constexpr auto sos = ctml::dsp::butter_lowpass<4>(40_Hz, 1_kHz);  // 2 sections`
template <std::size_t N>
constexpr std::array<sos_section, (N + 1) / 2> butter_lowpass(hertz cutoff, hertz sample_rate) {
  static_assert(N >= 1 && N <= 16, "ctml::dsp::butter_lowpass<N>: N must be from 1 to 16");
  return detail::butter_sos<N, detail::butter_type::lowpass>(2 * cutoff.value / sample_rate.value, 0);
}

/// Order-N Butterworth high-pass, as scipy.signal.butter(N, cutoff, "highpass", fs=..., output="sos").
/// Usage: `constexpr auto sos = ctml::dsp::butter_highpass<2>(0.5_Hz, 100_Hz);  // gravity removal`
template <std::size_t N>
constexpr std::array<sos_section, (N + 1) / 2> butter_highpass(hertz cutoff, hertz sample_rate) {
  static_assert(N >= 1 && N <= 16, "ctml::dsp::butter_highpass<N>: N must be from 1 to 16");
  return detail::butter_sos<N, detail::butter_type::highpass>(2 * cutoff.value / sample_rate.value, 0);
}

/// Order-N Butterworth band-pass (a 2N-order filter, N sections), as
/// scipy.signal.butter(N, [low, high], "bandpass", fs=..., output="sos").
/// Usage: `constexpr auto sos = ctml::dsp::butter_bandpass<3>(10_Hz, 200_Hz, 1_kHz);  // 3 sections`
template <std::size_t N>
constexpr std::array<sos_section, N> butter_bandpass(hertz low, hertz high, hertz sample_rate) {
  static_assert(N >= 1 && N <= 16, "ctml::dsp::butter_bandpass<N>: N must be from 1 to 16");
  return detail::butter_sos<N, detail::butter_type::bandpass>(2 * low.value / sample_rate.value,
                                                              2 * high.value / sample_rate.value);
}

}  // namespace ctml::dsp

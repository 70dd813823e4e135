#pragma once
// Compile-time math: constexpr versions of the <cmath> functions that tables and quantization
// parameters need. Accurate to about 1 ulp of double over the documented ranges; they also work
// at run time (no libm), but are written for correctness, not speed.

#include <bit>
#include <cstdint>
#include <limits>

namespace ctml::math {

inline constexpr double pi = 3.14159265358979323846264338327950288;
inline constexpr double ln2 = 0.693147180559945309417232121458176568;
inline constexpr double ln10 = 2.30258509299404568401799145468436421;

constexpr double abs(double x) {
  return x < 0 ? -x : x;
}
constexpr bool isnan(double x) {
  return x != x;
}
constexpr bool isinf(double x) {
  return x == std::numeric_limits<double>::infinity() || x == -std::numeric_limits<double>::infinity();
}
constexpr bool isfinite(double x) {
  return !isnan(x) && !isinf(x);
}

/// Rounds toward zero. REQUIRES: |x| < 2^63.
constexpr double trunc(double x) {
  if (abs(x) >= 4503599627370496.0) return x;  // 2^52: already an integer
  return static_cast<double>(static_cast<std::int64_t>(x));
}
constexpr double floor(double x) {
  const double t = trunc(x);
  return t > x ? t - 1.0 : t;
}
constexpr double ceil(double x) {
  const double t = trunc(x);
  return t < x ? t + 1.0 : t;
}
/// Rounds half away from zero, like std::round.
constexpr double round(double x) {
  if (abs(x) >= 4503599627370496.0) return x;
  const double t = trunc(x);
  const double f = x - t;  // exact: x and t share exponent range
  if (f >= 0.5) return t + 1.0;
  if (f <= -0.5) return t - 1.0;
  return t;
}

/// x * 2^e, exact while the result is a normal double.
constexpr double ldexp(double x, int e) {
  while (e > 0) {
    const int s = e > 60 ? 60 : e;
    x *= static_cast<double>(std::uint64_t{1} << s);
    e -= s;
  }
  while (e < 0) {
    const int s = -e > 60 ? 60 : -e;
    x /= static_cast<double>(std::uint64_t{1} << s);
    e += s;
  }
  return x;
}

/// Splits x into m * 2^e with 0.5 <= |m| < 1, like std::frexp (exact, via the bit pattern).
struct frexp_result {
  double mantissa;
  int exponent;
};
constexpr frexp_result frexp(double x) {
  if (x == 0.0 || !isfinite(x)) return {x, 0};
  auto bits = std::bit_cast<std::uint64_t>(x);
  int e = static_cast<int>((bits >> 52) & 0x7ff);
  if (e == 0) {                                             // subnormal: scale up first
    const frexp_result r = frexp(x * 18014398509481984.0);  // 2^54
    return {r.mantissa, r.exponent - 54};
  }
  bits = (bits & ~(std::uint64_t{0x7ff} << 52)) | (std::uint64_t{1022} << 52);
  return {std::bit_cast<double>(bits), e - 1022};
}

constexpr double sqrt(double x) {
  if (x < 0 || isnan(x)) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0 || isinf(x)) return x;
  const auto [m, e] = frexp(x);
  // sqrt(m * 2^e) with e made even; Newton from a good start converges in a few steps.
  double mm = m;
  int ee = e;
  if (ee & 1) {
    mm *= 2.0;
    --ee;
  }
  double r = 0.5 + 0.5 * mm;  // within [0.5, 1.5)
  for (int i = 0; i < 8; ++i) r = 0.5 * (r + mm / r);
  return ldexp(r, ee / 2);
}

/// e^x.
constexpr double exp(double x) {
  if (isnan(x)) return x;
  if (x > 709.78) return std::numeric_limits<double>::infinity();
  if (x < -745.2) return 0.0;
  // x = k ln2 + r with |r| <= ln2 / 2.
  const double k = round(x / ln2);
  const double r = (x - k * 0.693147180369123816490) - k * 1.90821492927058770002e-10;
  double term = 1.0, sum = 1.0;
  for (int n = 1; n < 30; ++n) {
    term *= r / n;
    sum += term;
    if (abs(term) < 1e-18 * abs(sum)) break;
  }
  return ldexp(sum, static_cast<int>(k));
}

/// Natural logarithm; -inf at 0, NaN below.
constexpr double log(double x) {
  if (isnan(x) || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (isinf(x)) return x;
  auto [m, e] = frexp(x);
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    --e;
  }
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172.
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double term = s, sum = 0.0;
  for (int n = 1; n < 60; n += 2) {
    sum += term / n;
    term *= s2;
    if (abs(term) < 1e-20) break;
  }
  return 2.0 * sum + e * ln2;
}
constexpr double log10(double x) {
  return log(x) / ln10;
}
constexpr double log2(double x) {
  return log(x) / ln2;
}
/// x^y for x > 0 (and y integral for x < 0 is not supported).
constexpr double pow(double x, double y) {
  if (x == 0) return y == 0 ? 1.0 : 0.0;
  return exp(y * log(x));
}

namespace detail {
// sin and cos on |r| <= pi/4 by Taylor series.
constexpr double sin_kernel(double r) {
  const double r2 = r * r;
  double term = r, sum = r;
  for (int n = 1; n < 14; ++n) {
    term *= -r2 / ((2 * n) * (2 * n + 1));
    sum += term;
  }
  return sum;
}
constexpr double cos_kernel(double r) {
  const double r2 = r * r;
  double term = 1.0, sum = 1.0;
  for (int n = 1; n < 14; ++n) {
    term *= -r2 / ((2 * n - 1) * (2 * n));
    sum += term;
  }
  return sum;
}
// sin(pi * t / 2 + q * pi / 2) evaluated from quadrant q and |t| <= 1/2.
constexpr double quadrant_sin(double t, std::int64_t q) {
  const double r = t * (pi / 2);
  switch (((q % 4) + 4) % 4) {
    case 0:
      return sin_kernel(r);
    case 1:
      return cos_kernel(r);
    case 2:
      return -sin_kernel(r);
    default:
      return -cos_kernel(r);
  }
}
}  // namespace detail

/// sin(pi * x), exact at multiples of 1/2: the form twiddle and window tables want.
constexpr double sinpi(double x) {
  // pi * x = (q + t) * pi/2 with integer q and |t| <= 1/2; 2x is exact.
  const double q = round(2.0 * x);
  const double t = 2.0 * x - q;
  if (t == 0.0) return detail::quadrant_sin(0.0, static_cast<std::int64_t>(q));
  return detail::quadrant_sin(t, static_cast<std::int64_t>(q));
}
/// cos(pi * x).
constexpr double cospi(double x) {
  return sinpi(x + 0.5);
}

constexpr double sin(double x) {
  const double q = round(x / (pi / 2));
  // Cody-Waite reduction with pi/2 split in two parts.
  const double t = (x - q * 1.57079632673412561417) - q * 6.07710050650619224932e-11;
  return detail::quadrant_sin(t / (pi / 2), static_cast<std::int64_t>(q));
}
constexpr double cos(double x) {
  const double q = round(x / (pi / 2));
  const double t = (x - q * 1.57079632673412561417) - q * 6.07710050650619224932e-11;
  return detail::quadrant_sin(t / (pi / 2), static_cast<std::int64_t>(q) + 1);
}
constexpr double tanh(double x) {
  if (x > 20) return 1.0;
  if (x < -20) return -1.0;
  const double e2 = exp(2.0 * x);
  return (e2 - 1.0) / (e2 + 1.0);
}

}  // namespace ctml::math

#pragma once
// Statistics over a window of samples, with numpy/scipy.stats definitions (population moments,
// bias=True), for vibration and motion features. float32 and Q15 (exact 64-bit integer sums).

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include <ctml/dsp/reference/sqrt.hpp>
#include <ctml/dsp/reference/statistics.hpp>
#include <ctml/dsp/select.hpp>

namespace ctml::dsp {

namespace detail {
// round((n q - s^2) / n^2) (halves up) from q = sum x^2 (Q30), s = sum x (Q15), exactly, in 64 bits
// for n < 2^32: n q - s^2 itself would need 96 bits, so it is split by whole multiples of n.
//   n q - s^2 = n^2 (q1 - s1^2) + n (r1 - 2 s1 r2) - r2^2, q = q1 n + r1, |s| = s1 n + r2
constexpr std::int32_t variance_q30(std::uint64_t q, std::int64_t s, std::uint64_t un) {
  const auto n = static_cast<std::int64_t>(un);
  const auto a = static_cast<std::uint64_t>(s < 0 ? -s : s);
  const auto q1 = static_cast<std::int64_t>(q / un), r1 = static_cast<std::int64_t>(q % un);
  const auto s1 = static_cast<std::int64_t>(a / un), r2 = static_cast<std::int64_t>(a % un);
  const std::int64_t c = r2 * r2, c1 = c / n, c2 = c % n;               // r2^2 / n = c1 + c2 / n
  const std::int64_t w = n * (q1 - s1 * s1) + (r1 - 2 * s1 * r2) - c1;  // n var = w - c2 / n
  // floor(var + 1/2) = floor((2 w + n - g1 - g2 / n) / (2 n)) with 2 c2 = g1 n + g2; that numerator
  // is >= n > 0 because var >= 0.
  const std::int64_t g1 = (2 * c2) / n, g2 = (2 * c2) % n;
  const auto num = static_cast<std::uint64_t>(2 * w + n - g1), den = 2 * un;
  std::uint64_t r = num / den;
  if (g2 != 0 && num % den == 0) --r;
  return static_cast<std::int32_t>(r);
}

// The mean as shift + delta, shift = x[0] and delta the mean of x - shift. Sensor data sit on large
// offsets (raw ADC counts, gravity, temperatures): there x - x[0] is exact (Sterbenz) and small, so
// delta is summed almost without rounding, a constant gives exactly shift + 0, and central moments
// taken as (x - shift) - delta have exact-zero deviations for a constant signal (a float32 sum of the
// raw samples gave 4096 x 10000.1f a mean of 10000.024).
struct shifted_mean {
  float shift, delta;
};
constexpr shifted_mean mean_parts(std::span<const float> x) {
  const float c = x[0];
  return {c, sum4(x, [c](float v) { return v - c; }) / static_cast<float>(x.size())};
}

// sum over x of f((x - shift) - delta), the deviations of a non-empty span from its mean.
template <typename F>
constexpr float sum_deviations(std::span<const float> x, shifted_mean m, F f) {
  return sum4(x, [m, f](float v) { return f((v - m.shift) - m.delta); });
}
}  // namespace detail

/// Arithmetic mean (numpy.mean); 0 for an empty span. Summed relative to the first sample, so large
/// offsets keep their precision and a constant signal gives exactly its value.
/// Usage: `float m = ctml::dsp::mean(samples);`
constexpr float mean(std::span<const float> x) {
  if (x.empty()) return 0.0f;
  const detail::shifted_mean m = detail::mean_parts(x);
  return m.shift + m.delta;
}

/// Root mean square, sqrt(mean(x^2)); 0 for an empty span.
/// Usage: `float r = ctml::dsp::rms(samples);`
inline float rms(std::span<const float> x) {
  if (x.empty()) return 0.0f;
  return detail::rms_impl<target_arch>::run(x);
}

/// Variance with `ddof` delta degrees of freedom (numpy.var; ddof = 0 is the population variance).
/// Two passes (mean first, deviations taken relative to the first sample) for accuracy on offset
/// signals; exactly 0 for a constant signal. 0 when x.size() <= ddof.
/// Usage: `float v = ctml::dsp::variance(samples);`
constexpr float variance(std::span<const float> x, std::size_t ddof = 0) {
  if (x.size() <= ddof) return 0.0f;
  return detail::sum_deviations(x, detail::mean_parts(x), [](float d) { return d * d; }) /
         static_cast<float>(x.size() - ddof);
}

/// Standard deviation, sqrt(variance(x, ddof)) (numpy.std).
/// Usage: `float s = ctml::dsp::stddev(samples);`
inline float stddev(std::span<const float> x, std::size_t ddof = 0) {
  return std::sqrt(variance(x, ddof));
}

/// Smallest sample; +inf for an empty span. NaN samples are skipped (unlike numpy.min).
/// Usage: `float lo = ctml::dsp::minimum(samples);`
constexpr float minimum(std::span<const float> x) {
  float m = std::numeric_limits<float>::infinity();
  for (float v : x) m = v < m ? v : m;
  return m;
}

/// Largest sample; -inf for an empty span. NaN samples are skipped (unlike numpy.max).
/// Usage: `float hi = ctml::dsp::maximum(samples);`
constexpr float maximum(std::span<const float> x) {
  float m = -std::numeric_limits<float>::infinity();
  for (float v : x) m = v > m ? v : m;
  return m;
}

/// maximum - minimum (numpy.ptp); 0 for an empty span.
/// Usage: `float p2p = ctml::dsp::peak_to_peak(samples);`
constexpr float peak_to_peak(std::span<const float> x) {
  return x.empty() ? 0.0f : maximum(x) - minimum(x);
}

/// Fraction of adjacent sample pairs whose sign bits differ (0 counts as positive, -0 as negative):
/// numpy `mean(diff(signbit(x)) != 0)`. 0 for fewer than two samples.
/// Usage: `float z = ctml::dsp::zero_crossing_rate(samples);`
inline float zero_crossing_rate(std::span<const float> x) {
  if (x.size() < 2) return 0.0f;
  std::size_t c = 0;
  for (std::size_t i = 1; i < x.size(); ++i) c += std::signbit(x[i]) != std::signbit(x[i - 1]) ? 1u : 0u;
  return static_cast<float>(c) / static_cast<float>(x.size() - 1);
}

/// Sample skewness m3 / m2^1.5 with population moments (scipy.stats.skew, bias=True).
/// Returns 0 for constant input (its deviations are exactly 0), where scipy returns NaN (0/0).
/// Usage: `float s = ctml::dsp::skewness(samples);`
inline float skewness(std::span<const float> x) {
  if (x.empty()) return 0.0f;
  const detail::shifted_mean m = detail::mean_parts(x);
  const float n = static_cast<float>(x.size());
  const float m2 = detail::sum_deviations(x, m, [](float d) { return d * d; }) / n;
  const float m3 = detail::sum_deviations(x, m, [](float d) { return d * d * d; }) / n;
  if (!(m2 > 0.0f)) return m2 == 0.0f ? 0.0f : m2;  // constant -> 0, NaN stays NaN
  return m3 / (m2 * std::sqrt(m2));
}

/// Excess (Fisher) kurtosis m4 / m2^2 - 3 with population moments (scipy.stats.kurtosis defaults).
/// Returns 0 for constant input, where scipy returns NaN.
/// Usage: `float k = ctml::dsp::kurtosis(samples);`
inline float kurtosis(std::span<const float> x) {
  if (x.empty()) return 0.0f;
  const detail::shifted_mean m = detail::mean_parts(x);
  const float n = static_cast<float>(x.size());
  const float m2 = detail::sum_deviations(x, m, [](float d) { return d * d; }) / n;
  const float m4 = detail::sum_deviations(x, m, [](float d) { return (d * d) * (d * d); }) / n;
  if (!(m2 > 0.0f)) return m2 == 0.0f ? 0.0f : m2;
  return m4 / (m2 * m2) - 3.0f;
}

/// Crest factor max|x| / rms(x) (1 for a square wave, sqrt 2 for a sine; impulsive vibration
/// shows higher); 0 for an empty or all-zero span.
/// Usage: `float c = ctml::dsp::crest_factor(samples);`
inline float crest_factor(std::span<const float> x) {
  float peak = 0.0f;
  for (float v : x) peak = std::fabs(v) > peak ? std::fabs(v) : peak;
  const float r = rms(x);
  return r > 0.0f ? peak / r : 0.0f;
}

/// All of the above in one call (a common feature vector for vibration/motion models).
/// Usage: `auto [mean, rms, var, sd, lo, hi, p2p, zcr, skew, kurt] = ctml::dsp::describe(samples);`
struct summary {
  float mean, rms, variance, stddev, min, max, peak_to_peak, zero_crossing_rate, skewness, kurtosis;
};

/// Usage: `ctml::dsp::summary s = ctml::dsp::describe(samples);`
inline summary describe(std::span<const float> x) {
  const float v = variance(x);
  return {mean(x),
          rms(x),
          v,
          std::sqrt(v),
          minimum(x),
          maximum(x),
          peak_to_peak(x),
          zero_crossing_rate(x),
          skewness(x),
          kurtosis(x)};
}

/// Q15 RMS: round(sqrt(mean(x^2))) in Q15, saturated to 32767 (the RMS of a constant -32768 would be
/// 1.0). Pure integer arithmetic (64-bit sum of squares, integer square root), so every target gives
/// the same bits; within 1 LSB of the float64 RMS. 0 for an empty span.
/// Usage: `std::int16_t r = ctml::dsp::rms_q15(samples);`
constexpr std::int16_t rms_q15(std::span<const std::int16_t> x) {
  if (x.empty()) return 0;
  const std::uint64_t s = detail::sum_squares_q15_impl<target_arch>::run(x);  // Q30
  const std::uint64_t n = x.size();
  // mean square, Q30, rounded; a shift for power-of-two lengths (no 64-bit division call)
  const std::uint64_t m = std::has_single_bit(n) ? (s + n / 2) >> std::countr_zero(n) : (s + n / 2) / n;
  return detail::sqrt_impl<target_arch>::q30_to_q15(m);
}

/// Q15 mean: round(mean(x)) in Q15 (halves rounded up), from an exact 64-bit sum; the same bits on
/// every target. 0 for an empty span.
/// Usage: `std::int16_t m = ctml::dsp::mean_q15(samples);`
constexpr std::int16_t mean_q15(std::span<const std::int16_t> x) {
  if (x.empty()) return 0;
  std::int64_t s = 0;
  for (std::int16_t v : x) s += v;
  const auto n = static_cast<std::int64_t>(x.size());
  const std::int64_t num = 2 * s + n, den = 2 * n;  // floor(mean + 1/2)
  return static_cast<std::int16_t>(num >= 0 ? num / den : -((-num + den - 1) / den));
}

/// Q15 population variance (numpy.var, ddof = 0) returned in **Q30** (an int32: variance of Q15 data
/// is < 1.0 = 2^30), rounded to nearest from exact 64-bit sums — no rounding before the last step, so
/// every target gives the same bits and the result is within 0.5 LSB (2^-31) of the exact variance.
/// Any span length up to 2^32. 0 for an empty span.
/// Usage: `std::int32_t v = ctml::dsp::variance_q15(samples);  // Q30`
constexpr std::int32_t variance_q15(std::span<const std::int16_t> x) {
  if (x.empty()) return 0;
  std::int64_t s = 0;
  std::uint64_t q = 0;
  for (std::int16_t v : x) {
    s += v;
    q += static_cast<std::uint64_t>(std::int32_t{v} * v);
  }
  return detail::variance_q30(q, s, x.size());
}

/// Q15 population standard deviation, round(sqrt(variance_q15(x))) in Q15 (within 1 LSB of numpy.std).
/// Usage: `std::int16_t sd = ctml::dsp::stddev_q15(samples);`
constexpr std::int16_t stddev_q15(std::span<const std::int16_t> x) {
  return detail::sqrt_impl<target_arch>::q30_to_q15(static_cast<std::uint64_t>(variance_q15(x)));
}

}  // namespace ctml::dsp

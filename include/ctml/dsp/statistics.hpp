#pragma once
// Statistics over a window of samples, with numpy/scipy.stats definitions (population moments,
// bias=True), for vibration and motion features. float32 and Q15 (exact 64-bit integer sums).

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>

#if defined(__ARM_FEATURE_DSP)
#include <cstring>

#include <arm_acle.h>
#endif
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 2) && !defined(CTML_FORCE_GENERIC)
#include <arm_mve.h>  // rms (float)
#endif
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
#include <arm_mve.h>  // rms_q15 (integer Helium)
#endif

namespace ctml::dsp {

namespace detail {
// Sum with four partial accumulators: shorter dependency chains and a smaller rounding error than one
// running sum.
template <typename F>
constexpr float sum4(std::span<const float> x, F f) {
  const float* p = x.data();
  const std::size_t n = x.size();
  const std::size_t n4 = n - n % 4;
  float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (std::size_t i = 0; i < n4; i += 4) {
    s0 += f(p[i]);
    s1 += f(p[i + 1]);
    s2 += f(p[i + 2]);
    s3 += f(p[i + 3]);
  }
  for (std::size_t i = n4; i < n; ++i) s0 += f(p[i]);
  return (s0 + s1) + (s2 + s3);
}

// round(sqrt(m)) for m in Q30 (m <= 2^30), saturated to 32767: a bitwise restoring square root.
constexpr std::int16_t sqrt_q30_to_q15(std::uint64_t m) {
#if defined(__ARM_FP) && (__ARM_FP & 4) && !defined(CTML_FORCE_GENERIC)
  if (!std::is_constant_evaluated()) {
    // One VSQRT.F32 gives floor(sqrt(m)) within 1 (float's relative error 2^-24); the integer
    // corrections make it exact, so the result is the bitwise loop's on every core.
    auto r = static_cast<std::uint32_t>(__builtin_sqrtf(static_cast<float>(static_cast<std::uint32_t>(m))));
    if (std::uint64_t{r} * r > m) --r;
    if ((std::uint64_t{r} + 1) * (r + 1) <= m) ++r;
    if (m - std::uint64_t{r} * r > r) ++r;
    return static_cast<std::int16_t>(r > 32767 ? 32767 : r);
  }
#endif
  std::uint64_t r = 0, rem = m;
  for (std::uint64_t bit = std::uint64_t{1} << 30; bit != 0; bit >>= 2) {
    if (rem >= r + bit) {
      rem -= r + bit;
      r = (r >> 1) + bit;
    } else {
      r >>= 1;
    }
  }
  if (m - r * r > r) ++r;  // round to nearest: (r + 1/2)^2 = r^2 + r + 1/4
  return static_cast<std::int16_t>(r > 32767 ? 32767 : r);
}

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
}  // namespace detail

/// Arithmetic mean (numpy.mean); 0 for an empty span.
/// Usage: `float m = ctml::dsp::mean(samples);`
constexpr float mean(std::span<const float> x) {
  if (x.empty()) return 0.0f;
  return detail::sum4(x, [](float v) { return v; }) / static_cast<float>(x.size());
}

/// Root mean square, sqrt(mean(x^2)); 0 for an empty span.
/// Usage: `float r = ctml::dsp::rms(samples);`
inline float rms(std::span<const float> x) {
  if (x.empty()) return 0.0f;
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 2) && !defined(CTML_FORCE_GENERIC)
  // Helium: lane j of one vector accumulator is sum4's partial sum j (same elements, same order, one
  // fused multiply-add each); results agree with the portable code within 2 ulp (whether the compiler
  // fuses the scalar multiply-adds varies).
  const float* p = x.data();
  const std::size_t n = x.size(), n16 = n - n % 16, n4 = n - n % 4;
  float32x4_t acc = vdupq_n_f32(0.0f);
  std::size_t i = 0;
  for (; i < n16; i += 16) {
    const float32x4_t a = vld1q_f32(p + i), b = vld1q_f32(p + i + 4);
    const float32x4_t c = vld1q_f32(p + i + 8), d = vld1q_f32(p + i + 12);
    acc = vfmaq_f32(vfmaq_f32(vfmaq_f32(vfmaq_f32(acc, a, a), b, b), c, c), d, d);
  }
  for (; i < n4; i += 4) {
    const float32x4_t a = vld1q_f32(p + i);
    acc = vfmaq_f32(acc, a, a);
  }
  float s0 = vgetq_lane_f32(acc, 0);
  for (; i < n; ++i) s0 += p[i] * p[i];
  const float s = (s0 + vgetq_lane_f32(acc, 1)) + (vgetq_lane_f32(acc, 2) + vgetq_lane_f32(acc, 3));
  return std::sqrt(s / static_cast<float>(n));
#else
  return std::sqrt(detail::sum4(x, [](float v) { return v * v; }) / static_cast<float>(x.size()));
#endif
}

/// Variance with `ddof` delta degrees of freedom (numpy.var; ddof = 0 is the population variance).
/// Two passes (mean first) for accuracy. 0 when x.size() <= ddof.
/// Usage: `float v = ctml::dsp::variance(samples);`
constexpr float variance(std::span<const float> x, std::size_t ddof = 0) {
  if (x.size() <= ddof) return 0.0f;
  const float m = mean(x);
  return detail::sum4(x, [m](float v) { return (v - m) * (v - m); }) / static_cast<float>(x.size() - ddof);
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
/// Returns 0 for constant input, where scipy returns NaN (0/0).
/// Usage: `float s = ctml::dsp::skewness(samples);`
inline float skewness(std::span<const float> x) {
  if (x.empty()) return 0.0f;
  const float m = mean(x);
  const float m2 = detail::sum4(x, [m](float v) { return (v - m) * (v - m); }) / static_cast<float>(x.size());
  const float m3 =
      detail::sum4(x, [m](float v) { return (v - m) * (v - m) * (v - m); }) / static_cast<float>(x.size());
  if (!(m2 > 0.0f)) return m2 == 0.0f ? 0.0f : m2;  // constant -> 0, NaN stays NaN
  return m3 / (m2 * std::sqrt(m2));
}

/// Excess (Fisher) kurtosis m4 / m2^2 - 3 with population moments (scipy.stats.kurtosis defaults).
/// Returns 0 for constant input, where scipy returns NaN.
/// Usage: `float k = ctml::dsp::kurtosis(samples);`
inline float kurtosis(std::span<const float> x) {
  if (x.empty()) return 0.0f;
  const float m = mean(x);
  const float m2 = detail::sum4(x, [m](float v) { return (v - m) * (v - m); }) / static_cast<float>(x.size());
  const float m4 = detail::sum4(x,
                                [m](float v) {
                                  const float d = (v - m) * (v - m);
                                  return d * d;
                                }) /
                   static_cast<float>(x.size());
  if (!(m2 > 0.0f)) return m2 == 0.0f ? 0.0f : m2;
  return m4 / (m2 * m2) - 3.0f;
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
  std::uint64_t s = 0;
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
  if (!std::is_constant_evaluated()) {
    // VMLALDAVA: eight 16x16 products summed exactly into 64 bits per instruction (the same sum as
    // the generic loop). Inline assembly keeps the accumulator in one even/odd register pair (GCC 12
    // moves it between pairs every iteration): 32 samples per low-overhead-loop iteration, then a
    // tail-predicated loop (WLSTP/LETP) for the remaining < 32.
    const std::int16_t* p = x.data();
    const auto blocks = static_cast<std::uint32_t>(x.size() / 32),
               rest = static_cast<std::uint32_t>(x.size() % 32);
    std::uint32_t lo, hi;
    __asm__ volatile(
        "movs r4, #0\n\tmovs r5, #0\n\t"
        "wls lr, %[blocks], 2f\n"
        "1:\n\t"
        "vldrh.s16 q0, [%[p]], #16\n\tvldrh.s16 q1, [%[p]], #16\n\t"
        "vmlaldava.s16 r4, r5, q0, q0\n\tvldrh.s16 q2, [%[p]], #16\n\t"
        "vmlaldava.s16 r4, r5, q1, q1\n\tvldrh.s16 q3, [%[p]], #16\n\t"
        "vmlaldava.s16 r4, r5, q2, q2\n\tvmlaldava.s16 r4, r5, q3, q3\n\t"
        "le lr, 1b\n"
        "2:\n\t"
        "wlstp.16 lr, %[rest], 4f\n"
        "3:\n\t"
        "vldrh.s16 q0, [%[p]], #16\n\tvmlaldava.s16 r4, r5, q0, q0\n\t"
        "letp lr, 3b\n"
        "4:\n\t"
        "mov %[lo], r4\n\tmov %[hi], r5"
        : [lo] "=r"(lo), [hi] "=r"(hi), [p] "+r"(p)
        : [blocks] "r"(blocks), [rest] "r"(rest)
        : "r4", "r5", "lr", "q0", "q1", "q2", "q3", "memory", "cc");
    s = (std::uint64_t{hi} << 32) | lo;
  } else
#elif defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
  if (!std::is_constant_evaluated()) {
    // SMLALD: two 16x16 products summed into 64 bits per instruction; the sum is exact, so the
    // result is the generic loop's bit for bit.
    std::int64_t acc = 0;
    std::size_t i = 0;
    const std::size_t n2 = x.size() - x.size() % 2;
#pragma GCC unroll 4
    for (; i < n2; i += 2) {
      int16x2_t pair;
      std::memcpy(&pair, x.data() + i, sizeof pair);
      acc = __smlald(pair, pair, acc);
    }
    if (n2 < x.size()) acc += static_cast<std::int32_t>(x[n2]) * x[n2];
    s = static_cast<std::uint64_t>(acc);
  } else
#endif
    for (std::int16_t v : x) s += static_cast<std::uint64_t>(static_cast<std::int32_t>(v) * v);  // Q30
  const std::uint64_t n = x.size();
  // mean square, Q30, rounded; a shift for power-of-two lengths (no 64-bit division call)
  const std::uint64_t m = std::has_single_bit(n) ? (s + n / 2) >> std::countr_zero(n) : (s + n / 2) / n;
  return detail::sqrt_q30_to_q15(m);
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
  return detail::sqrt_q30_to_q15(static_cast<std::uint64_t>(variance_q15(x)));
}

}  // namespace ctml::dsp

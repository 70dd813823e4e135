// Statistics vs numpy (mean/var/std/min/max/ptp, the zero-crossing statement) and scipy.stats
// (skew, kurtosis); Q15 RMS vs numpy float64. Data: tests/dsp/data/stats.bin.
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <ctml/dsp/statistics.hpp>

#include "ref_data.hpp"

namespace {
const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("stats.bin");
  return f;
}
}  // namespace

TEST_CASE("float statistics match numpy and scipy.stats on varied signals") {
  INFO(data().provenance());
  for (const char* sig : {"sine_bin", "sine_between", "chirp", "white", "pink", "impulse", "dc", "full_scale",
                          "near_silent", "skewed"}) {
    const std::string p = std::string("1000/") + sig + "/";
    INFO(p);
    const auto x = data()[p + "x"].as_float();
    const std::span<const float> s(x);
    const double scale = std::fmax(data()[p + "rms"][0], 1e-30);
    // Moments of float32 data summed in float32 (1000 samples): within 5e-6 of the signal's RMS scale
    // (docs/dsp.md states this bound).
    CHECK(std::fabs(ctml::dsp::mean(s) - data()[p + "mean"][0]) <= 5e-6 * scale);
    CHECK(std::fabs(ctml::dsp::rms(s) - data()[p + "rms"][0]) <= 5e-6 * scale);
    CHECK(std::fabs(ctml::dsp::variance(s) - data()[p + "var"][0]) <= 1e-5 * scale * scale);
    CHECK(std::fabs(ctml::dsp::stddev(s) - data()[p + "std"][0]) <= 5e-6 * scale);
    CHECK(ctml::dsp::minimum(s) == data()[p + "min"][0]);
    CHECK(ctml::dsp::maximum(s) == data()[p + "max"][0]);
    CHECK(std::fabs(ctml::dsp::peak_to_peak(s) - data()[p + "ptp"][0]) <=
          1e-7 * std::fabs(data()[p + "ptp"][0]));
    CHECK(std::fabs(ctml::dsp::zero_crossing_rate(s) - data()[p + "zcr"][0]) <= 1e-7);
    if (data().has(p + "skew")) {
      const double sk = data()[p + "skew"][0], ku = data()[p + "kurtosis"][0];
      CHECK(std::fabs(ctml::dsp::skewness(s) - sk) <= 1e-5 * std::fmax(1.0, std::fabs(sk)));
      CHECK(std::fabs(ctml::dsp::kurtosis(s) - ku) <= 1e-5 * std::fmax(1.0, std::fabs(ku)));
    } else {
      // Constant input: scipy gives NaN (0/0); ctml documents 0.
      CHECK(ctml::dsp::skewness(s) == 0.0f);
      CHECK(ctml::dsp::kurtosis(s) == 0.0f);
    }
    const auto d = ctml::dsp::describe(s);
    CHECK(d.mean == ctml::dsp::mean(s));
    CHECK(d.kurtosis == ctml::dsp::kurtosis(s));
  }
}

TEST_CASE("Q15 RMS is within 1 LSB of numpy's float64 RMS, full scale saturates") {
  for (const char* sig :
       {"sine_bin", "sine_between", "chirp", "white", "pink", "impulse", "dc", "full_scale", "near_silent"}) {
    const std::string p = std::string("q15/") + sig + "/";
    const auto x = data()[p + "x"].as<std::int16_t>();
    const double expect = std::fmin(32767.0, data()[p + "rms"][0] * 32768.0);
    CHECK_MESSAGE(std::fabs(ctml::dsp::rms_q15(x) - expect) <= 1.0, sig);
  }
  constexpr std::array<std::int16_t, 4> neg_full{-32768, -32768, -32768, -32768};
  static_assert(ctml::dsp::rms_q15(neg_full) == 32767);  // 1.0 saturates
  constexpr std::array<std::int16_t, 3> small{3, -4, 0};
  static_assert(ctml::dsp::rms_q15(small) == 3);  // sqrt(25 / 3) = 2.89
  static_assert(ctml::dsp::rms_q15(std::span<const std::int16_t>{}) == 0);
}

TEST_CASE("statistics: documented behaviour on empty, constant, NaN and Inf input") {
  const std::span<const float> empty;
  CHECK(ctml::dsp::mean(empty) == 0.0f);
  CHECK(ctml::dsp::rms(empty) == 0.0f);
  CHECK(ctml::dsp::variance(empty) == 0.0f);
  CHECK(ctml::dsp::zero_crossing_rate(empty) == 0.0f);
  CHECK(ctml::dsp::peak_to_peak(empty) == 0.0f);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const std::array<float, 4> with_nan{1.0f, nan, -2.0f, 3.0f};
  CHECK(std::isnan(ctml::dsp::mean(with_nan)));  // NaN propagates through sums
  CHECK(std::isnan(ctml::dsp::rms(with_nan)));
  CHECK(std::isnan(ctml::dsp::skewness(with_nan)));
  CHECK(ctml::dsp::maximum(with_nan) == 3.0f);  // min/max skip NaN
  CHECK(ctml::dsp::minimum(with_nan) == -2.0f);
  const std::array<float, 3> with_inf{1.0f, inf, 0.0f};
  CHECK(std::isinf(ctml::dsp::rms(with_inf)));
  CHECK(ctml::dsp::maximum(with_inf) == inf);
  // variance of a constant signal is exactly 0
  const std::array<float, 5> c{0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
  CHECK(ctml::dsp::variance(c) >= 0.0f);
  CHECK(ctml::dsp::variance(c, 1) == doctest::Approx(0.0).epsilon(1e-12));
}

TEST_CASE("float statistics on constants and large DC offsets (sensor.bin) match numpy and scipy.stats") {
  // Constants, raw-ADC-like counts, 1e4 + N(0, 0.01), gravity, kelvin: the mean is summed relative
  // to the first sample, so the bounds are relative to the signal's spread (std), not its offset.
  static const ctml_test::ref_file f("sensor.bin");
  INFO(f.provenance());
  double worst_mean = 0.0, worst_var = 0.0, worst_shape = 0.0;
  for (const char* sig : {"const_0.1", "const_10000.1", "const_neg", "adc_32768", "offset_1e4",
                          "adc12_counts", "gravity", "kelvin_skewed"}) {
    const std::string p = std::string("stats/") + sig + "/";
    INFO(p);
    const auto x = f[p + "x"].as_float();
    const std::span<const float> s(x);
    const double mean = f[p + "mean"][0], var = f[p + "var"][0], sd = f[p + "std"][0];
    // The mean within one float32 rounding of numpy's float64 mean (plus 1e-6 of the spread).
    const double em = std::fabs(ctml::dsp::mean(s) - mean);
    CHECK(em <= 0.5 * std::ldexp(1.0, std::ilogb(mean) - 23) + 1e-6 * sd);
    worst_mean = std::fmax(worst_mean, em / std::fmax(sd, 1e-30));
    if (!f.has(p + "skew")) {
      // A constant: every deviation is exactly zero (docs/dsp.md, Bad input).
      CHECK(ctml::dsp::mean(s) == x[0]);
      CHECK(ctml::dsp::variance(s) == 0.0f);
      CHECK(ctml::dsp::variance(s, 1) == 0.0f);
      CHECK(ctml::dsp::stddev(s) == 0.0f);
      CHECK(ctml::dsp::skewness(s) == 0.0f);
      CHECK(ctml::dsp::kurtosis(s) == 0.0f);
      const auto d = ctml::dsp::describe(s);
      CHECK(d.variance == 0.0f);
      CHECK(d.skewness == 0.0f);
      continue;
    }
    const double ev = std::fabs(ctml::dsp::variance(s) - var) / var;
    CHECK(ev <= 1e-5);
    CHECK(std::fabs(ctml::dsp::stddev(s) - sd) <= 5e-6 * sd);
    const double sk = f[p + "skew"][0], ku = f[p + "kurtosis"][0];
    const double es = std::fabs(ctml::dsp::skewness(s) - sk), ek = std::fabs(ctml::dsp::kurtosis(s) - ku);
    CHECK(es <= 1e-5 * std::fmax(1.0, std::fabs(sk)));
    CHECK(ek <= 1e-5 * std::fmax(1.0, std::fabs(ku)));
    worst_var = std::fmax(worst_var, ev);
    worst_shape = std::fmax(worst_shape, std::fmax(es, ek));
  }
  std::printf("statistics on offsets: mean %.3g std, variance %.3g relative, skew/kurtosis %.3g\n",
              worst_mean, worst_var, worst_shape);
}

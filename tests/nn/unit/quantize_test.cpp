// quantize / dequantize against TFLite's published rules: QUANTIZE rounds x / scale half away from
// zero (TfLiteRound) and saturates; DEQUANTIZE is scale * (q - zero point); int8 -> int8 requantizes
// with the multiplier of in_scale / out_scale. Whole models are checked against TFLM's bytes in
// tests/importer (float_io).
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <doctest/doctest.h>

#include "test_support.hpp"

namespace {
constexpr ctml::quantization q_half{0.5f, 3};
using float_in = ctml::tensor_spec<ctml::shape<12>, float>;
using l_quantize = ctml::quantize<q_half>::bind<float_in>;

constexpr ctml::quantization q_a{0.1f, -20};
using int8_in = ctml::tensor_spec<ctml::shape<256>, std::int8_t, ctml::quant_ref<q_a>>;
using l_dequantize = ctml::dequantize::bind<int8_in>;
constexpr ctml::quantization q_b{0.3f, 7};
using l_requantize = ctml::quantize<q_b>::bind<int8_in>;
}  // namespace

TEST_CASE("quantize: float -> int8 rounds half away from zero, saturates, NaN to -128") {
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> x{1.25f, -1.25f, 0.75f,  -0.75f, 0.0f, 62.0f,
                             62.5f, -65.5f, -66.0f, inf,    -inf, std::numeric_limits<float>::quiet_NaN()};
  // x / 0.5 = 2.5, -2.5, 1.5, -1.5, 0, 124, 125, -131, -132 -> round away: 3, -3, 2, -2, 0, 124, 125, -131,
  // -132
  const std::vector<std::int8_t> want{6, 0, 5, 1, 3, 127, 127, -128, -128, 127, -128, -128};
  CHECK(test::run<l_quantize>(x) == want);
}

TEST_CASE("dequantize: int8 -> float is scale * (q - zero point), rounded once") {
  std::vector<std::int8_t> x(256);
  for (int i = 0; i < 256; ++i) x[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(i - 128);
  const auto y = test::run<l_dequantize>(x);
  for (int i = 0; i < 256; ++i) {
    // TFLite computes in double, then rounds to float: the same value as one float multiply.
    const auto want = static_cast<float>(static_cast<double>(q_a.scale) * (i - 128 - q_a.zero_point));
    CHECK(y[static_cast<std::size_t>(i)] == want);
  }
}

TEST_CASE("quantize: int8 -> int8 requantizes like TFLite (multiplier of in / out scale)") {
  std::vector<std::int8_t> x(256);
  for (int i = 0; i < 256; ++i) x[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(i - 128);
  const auto y = test::run<l_requantize>(x);
  const ctml::multiplier m = ctml::quantize_multiplier(double{q_a.scale} / double{q_b.scale});
  REQUIRE(m.shift <= 0);  // the form below is for a right shift
  for (int i = 0; i < 256; ++i) {
    // MultiplyByQuantizedMultiplier written out from its published definition, in exact double
    // arithmetic: the doubling high multiply rounds v * M / 2^31 to nearest with ties up, then the
    // right shift rounds to nearest with ties away from zero (two roundings: 10 / 3 gives 4 here).
    const double v = i - 128 - q_a.zero_point;
    const double high = std::floor(v * m.value / 2147483648.0 + 0.5);
    const double r = std::round(std::ldexp(high, m.shift)) + q_b.zero_point;
    const double c = r < -128 ? -128 : (r > 127 ? 127 : r);
    CHECK(y[static_cast<std::size_t>(i)] == static_cast<std::int8_t>(c));
  }
}

TEST_CASE("quantize / dequantize: model facts") {
  CHECK(l_quantize::output::bytes == 12);
  CHECK(l_dequantize::output::bytes == 256 * sizeof(float));
  CHECK(l_requantize::in_place);
  CHECK_FALSE(l_quantize::in_place);
}

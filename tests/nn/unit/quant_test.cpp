// Quantization arithmetic against TFLite's published semantics: hand-worked values of
// QuantizeMultiplier, SaturatingRoundingDoublingHighMul and RoundingDivideByPOT, and an exhaustive
// comparison with a 128-bit-exact statement of the same rounding rules.
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>

#include <doctest/doctest.h>

#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/quantization.hpp>

using ctml::multiplier;

TEST_CASE("quantize_multiplier: TFLite's frexp + round to Q31") {
  // 0.5 = 0.5 * 2^0 -> 2^30, shift 0; 1.0 = 0.5 * 2^1; 0.75 -> 0.75 * 2^31.
  CHECK(ctml::quantize_multiplier(0.5).value == 1073741824);
  CHECK(ctml::quantize_multiplier(0.5).shift == 0);
  CHECK(ctml::quantize_multiplier(1.0).shift == 1);
  CHECK(ctml::quantize_multiplier(0.75).value == 1610612736);
  CHECK(ctml::quantize_multiplier(0.0).value == 0);
  // A mantissa that rounds up to 2^31 is renormalised: (1 - 2^-33) -> 2^30 with shift + 1.
  const multiplier m = ctml::quantize_multiplier(1.0 - std::ldexp(1.0, -33));
  CHECK(m.value == 1073741824);
  CHECK(m.shift == 1);
  // Tiny multipliers flush to zero (shift < -31).
  CHECK(ctml::quantize_multiplier(std::ldexp(1.0, -40)).value == 0);
  // Against std::frexp/std::round for a sweep of scales like real models have.
  for (double s = 1e-6; s < 100.0; s *= 1.37) {
    int e = 0;
    const double mant = std::frexp(s, &e);
    auto q = static_cast<std::int64_t>(std::round(mant * 2147483648.0));
    if (q == (std::int64_t{1} << 31)) {
      q /= 2;
      ++e;
    }
    const multiplier got = ctml::quantize_multiplier(s);
    CHECK(got.value == q);
    CHECK(got.shift == e);
  }
}

TEST_CASE("saturating_rounding_doubling_high_mul: a*b/2^31 rounded to nearest, ties upward") {
  constexpr std::int32_t lo = std::numeric_limits<std::int32_t>::min();
  CHECK(ctml::saturating_rounding_doubling_high_mul(lo, lo) == std::numeric_limits<std::int32_t>::max());
  CHECK(ctml::saturating_rounding_doubling_high_mul(1 << 30, 1 << 30) == 1 << 29);
  CHECK(ctml::saturating_rounding_doubling_high_mul(3, 1 << 30) == 2);    // 1.5 -> 2
  CHECK(ctml::saturating_rounding_doubling_high_mul(-3, 1 << 30) == -1);  // -1.5 -> -1 (nudge 1 - 2^30)
  CHECK(ctml::saturating_rounding_doubling_high_mul(1, 1 << 30) == 1);    // 0.5 -> 1
  CHECK(ctml::saturating_rounding_doubling_high_mul(-1, 1 << 30) == 0);   // -0.5 -> 0
  // Independent statement in long double: a*b is exact in 64 bits, /2^31 exact in long double.
  std::uint32_t s = 12345;
  for (int i = 0; i < 20000; ++i) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    const auto a = static_cast<std::int32_t>(s);
    const auto b = static_cast<std::int32_t>(s * 2654435761u);
    if (a == lo && b == lo) continue;
    const long double exact = static_cast<long double>(std::int64_t{a} * b) / 2147483648.0L;
    const long double r = std::floor(exact + 0.5L);
    CHECK(ctml::saturating_rounding_doubling_high_mul(a, b) == static_cast<std::int64_t>(r));
  }
}

TEST_CASE("rounding_divide_by_pot: ties away from zero") {
  CHECK(ctml::rounding_divide_by_pot(5, 1) == 3);
  CHECK(ctml::rounding_divide_by_pot(-5, 1) == -3);
  CHECK(ctml::rounding_divide_by_pot(4, 1) == 2);
  CHECK(ctml::rounding_divide_by_pot(-3, 1) == -2);
  CHECK(ctml::rounding_divide_by_pot(7, 2) == 2);    // 1.75
  CHECK(ctml::rounding_divide_by_pot(-6, 2) == -2);  // -1.5 -> -2
  CHECK(ctml::rounding_divide_by_pot(100, 0) == 100);
  for (std::int32_t x = -3000; x <= 3000; x += 7)
    for (int e = 0; e < 12; ++e) {
      const double exact = x / std::ldexp(1.0, e);
      CHECK(ctml::rounding_divide_by_pot(x, e) == static_cast<std::int32_t>(std::round(exact)));
    }
}

TEST_CASE("multiply_by_quantized_multiplier approximates x * M within one") {
  for (double real : {0.0020076, 0.0150232, 0.00465014, 0.3, 1.7, 12.5}) {
    const multiplier m = ctml::quantize_multiplier(real);
    for (std::int32_t x = -200000; x <= 200000; x += 997) {
      const double want = x * real;
      CHECK(std::fabs(ctml::multiply_by_quantized_multiplier(x, m) - want) <= 1.0 + std::fabs(want) * 1e-9);
    }
  }
}

TEST_CASE("activation ranges are TFLite's quantized bounds") {
  const ctml::quantization q{0.0787253976f, -128};
  CHECK(ctml::activation_range<std::int8_t>(ctml::activation::relu, q).min == -128);
  CHECK(ctml::activation_range<std::int8_t>(ctml::activation::relu, q).max == 127);
  const ctml::quantization q6{0.05f, 10};
  // relu6: [zp, zp + round(6 / 0.05)] = [10, 130] clamped to 127.
  CHECK(ctml::activation_range<std::int8_t>(ctml::activation::relu6, q6).min == 10);
  CHECK(ctml::activation_range<std::int8_t>(ctml::activation::relu6, q6).max == 127);
  const ctml::quantization q1{0.1f, -3};
  CHECK(ctml::activation_range<std::int8_t>(ctml::activation::relu_n1_to_1, q1).min == -13);
  CHECK(ctml::activation_range<std::int8_t>(ctml::activation::relu_n1_to_1, q1).max == 7);
  CHECK(ctml::activation_range<std::int8_t>(ctml::activation::none, q1).min == -128);
}

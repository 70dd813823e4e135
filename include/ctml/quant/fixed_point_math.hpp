#pragma once
// Fixed-point transcendental functions in the exact arithmetic TFLite's int8 softmax uses (the
// gemmlowp fixed-point formulation): exp on negative values and 1 / (1 + x), on raw Q-format int32.
//
// A value with I integer bits is stored as raw / 2^(31 - I). All functions are constexpr and
// bit-exact with TFLite Micro's reference softmax.

#include <cstdint>
#include <limits>

#include <ctml/quant/fixed_point.hpp>

namespace ctml::fixed {

inline constexpr std::int32_t raw_max = std::numeric_limits<std::int32_t>::max();
inline constexpr std::int32_t raw_min = std::numeric_limits<std::int32_t>::min();

/// Product of two fixed-point numbers (integer bits add up): the rounded doubling high multiply.
constexpr std::int32_t mul(std::int32_t a, std::int32_t b) {
  return saturating_rounding_doubling_high_mul(a, b);
}

/// raw * 2^exponent with rounding (exponent < 0) or saturation (exponent > 0).
constexpr std::int32_t saturating_rounding_mul_pot(std::int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return rounding_divide_by_pot(x, -exponent);
  const std::int32_t threshold = static_cast<std::int32_t>((std::int64_t{1} << (31 - exponent)) - 1);
  if (x > threshold) return raw_max;
  if (x < -threshold) return raw_min;
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << exponent);
}

/// Changes the number of integer bits of a value from `from` to `to` (gemmlowp's Rescale).
constexpr std::int32_t rescale(std::int32_t raw, int from, int to) {
  return saturating_rounding_mul_pot(raw, from - to);
}

/// (a + b) / 2 rounded half away from zero, without overflow.
constexpr std::int32_t rounding_half_sum(std::int32_t a, std::int32_t b) {
  const std::int64_t sum = std::int64_t{a} + std::int64_t{b};
  const std::int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<std::int32_t>((sum + sign) / 2);
}

/// exp(a) for a in [-1/4, 0), a in Q0.31; result Q0.31. Taylor expansion around -1/8.
constexpr std::int32_t exp_on_interval_between_negative_one_quarter_and_0_excl(std::int32_t a) {
  constexpr std::int32_t exp_minus_one_eighth = 1895147668;  // exp(-1/8) in Q0.31
  constexpr std::int32_t one_third = 715827883;              // 1/3 in Q0.31
  const std::int32_t x = a + (1 << 28);                      // x = a + 1/8
  const std::int32_t x2 = mul(x, x);
  const std::int32_t x3 = mul(x2, x);
  const std::int32_t x4 = mul(x2, x2);
  const std::int32_t x4_over_4 = saturating_rounding_mul_pot(x4, -2);
  // (x4/4 + x3) / 3 + x2, halved: x^4/24 + x^3/6 + x^2/2.
  const std::int32_t poly = saturating_rounding_mul_pot(mul(x4_over_4 + x3, one_third) + x2, -1);
  return exp_minus_one_eighth + mul(exp_minus_one_eighth, x + poly);
}

/// exp(a) for a <= 0 with `integer_bits` integer bits in a; result in Q0.31 (1.0 saturates to max).
constexpr std::int32_t exp_on_negative_values(std::int32_t a, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const std::int32_t one_quarter = std::int32_t{1} << (fractional_bits - 2);
  const std::int32_t mask = one_quarter - 1;
  const std::int32_t a_mod_quarter_minus_one_quarter = (a & mask) - one_quarter;
  std::int32_t result = exp_on_interval_between_negative_one_quarter_and_0_excl(
      rescale(a_mod_quarter_minus_one_quarter, integer_bits, 0));
  const std::int32_t remainder = a_mod_quarter_minus_one_quarter - a;
  // Barrel shifter: multiply by exp(-2^k) for each bit k set in the remainder (k = -2 .. 4).
  constexpr std::int32_t exp_of_minus_pot[] = {1672461947, 1302514674, 790015084, 290630308,
                                               39332535,   720401,     242};
  for (int k = -2; k <= 4; ++k) {
    if (integer_bits > k) {
      const int shift = fractional_bits + k;
      if (remainder & (std::int32_t{1} << shift)) result = mul(result, exp_of_minus_pot[k + 2]);
    }
  }
  if (integer_bits > 5) {
    const int b = 36 - integer_bits;  // clamp: exp(x) for x < -32 is zero
    if (a < -(std::int32_t{1} << b)) result = 0;
  }
  if (a == 0) result = raw_max;
  return result;
}

/// 1 / (1 + a) for a in [0, 1), a in Q0.31; result Q0.31. Newton-Raphson division, three steps.
constexpr std::int32_t one_over_one_plus_x_for_x_in_0_1(std::int32_t a) {
  const std::int32_t half_denominator = rounding_half_sum(a, raw_max);  // (1 + a) / 2, Q0.31
  constexpr std::int32_t c48_over_17 = 1515870810;                      // Q2.29
  constexpr std::int32_t c_neg32_over_17 = -1010580540;                 // Q2.29
  constexpr std::int32_t one_q2 = std::int32_t{1} << 29;
  std::int32_t x = c48_over_17 + mul(half_denominator, c_neg32_over_17);  // Q2.29
  for (int i = 0; i < 3; ++i) {
    const std::int32_t half_denominator_times_x = mul(half_denominator, x);  // Q2.29
    const std::int32_t one_minus = one_q2 - half_denominator_times_x;
    x = x + rescale(mul(x, one_minus), 4, 2);
  }
  // x / 2 reinterpreted in Q1.30, then brought to Q0.31.
  return rescale(x, 1, 0);
}

/// Reciprocal of a positive fixed-point value with `integer_bits` integer bits, TFLite's
/// GetReciprocal: returns 1/x as Q0.31 scaled by 2^-num_bits_over_unit.
struct reciprocal_result {
  std::int32_t value;
  int num_bits_over_unit;
};
constexpr reciprocal_result get_reciprocal(std::int32_t x, int integer_bits) {
  const auto ux = static_cast<std::uint32_t>(x);
  int headroom_plus_one = 0;
  while (headroom_plus_one < 32 && !(ux & (0x80000000u >> headroom_plus_one))) ++headroom_plus_one;
  const int num_bits_over_unit = integer_bits - headroom_plus_one;
  const auto shifted_minus_one =
      static_cast<std::int32_t>((ux << headroom_plus_one) - (std::uint32_t{1} << 31));
  return {one_over_one_plus_x_for_x_in_0_1(shifted_minus_one), num_bits_over_unit};
}

}  // namespace ctml::fixed

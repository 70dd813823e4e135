#pragma once
// Fixed-point logistic (sigmoid) and tanh on raw Q-format int32, built from the gemmlowp-style exp
// and 1 / (1 + x) that TFLite's integer softmax and int16 LSTM gates use (quant/fixed_point_math.hpp).
//
// Input: raw int32 with `integer_bits` integer bits (value = raw / 2^(31 - integer_bits)).
// Output: Q0.31 (value = raw / 2^31). Absolute error below 1e-7 (logistic) and 2e-7 (tanh) over the
// whole input range (tests/gru/fixed_point_activation_test.cpp measures it against double precision).

#include <array>
#include <cstdint>

#include <ctml/core/math.hpp>
#include <ctml/quant/fixed_point_math.hpp>

namespace ctml::fixed {

/// 1 / (1 + e^-a), a with `integer_bits` integer bits (1 <= integer_bits <= 30); result in Q0.31.
/// Usage: `ctml::fixed::logistic(raw_q5_26, 5)` is sigmoid(raw / 2^26) * 2^31.
constexpr std::int32_t logistic(std::int32_t a, int integer_bits) {
  if (a == 0) return std::int32_t{1} << 30;
  // Evaluate on -|a| where exp is defined, then mirror: sigmoid(-x) = 1 - sigmoid(x).
  const std::int32_t neg_abs = a < 0 ? a : -a;
  const std::int32_t e = exp_on_negative_values(neg_abs, integer_bits);  // e^-|a|, in (0, 1)
  const std::int32_t p = one_over_one_plus_x_for_x_in_0_1(e);            // sigmoid(|a|), in [1/2, 1)
  if (a > 0) return p;
  return static_cast<std::int32_t>((std::int64_t{1} << 31) - std::int64_t{p});
}

/// tanh(a), a with `integer_bits` integer bits (0 <= integer_bits <= 29); result in Q0.31.
/// tanh(x) = 2 sigmoid(2x) - 1, and 2x is the same raw value read with one more integer bit.
/// Usage: `ctml::fixed::tanh(raw_q5_26, 5)`
constexpr std::int32_t tanh(std::int32_t a, int integer_bits) {
  const std::int64_t s = logistic(a, integer_bits + 1);
  const std::int64_t t = 2 * s - (std::int64_t{1} << 31);
  return static_cast<std::int32_t>(t > raw_max ? raw_max : (t < -raw_max ? -raw_max : t));
}

/// sigmoid(k / 32) in Q0.31 for k = 0 .. 512 (x in [0, 16]), computed at compile time: 2 KiB of flash.
inline constexpr std::array<std::int32_t, 513> sigmoid_table = [] {
  std::array<std::int32_t, 513> t{};
  for (int k = 0; k <= 512; ++k)
    t[static_cast<std::size_t>(k)] =
        static_cast<std::int32_t>(math::round(2147483648.0 / (1.0 + math::exp(-k / 32.0))));
  return t;
}();

/// sigmoid by table lookup and linear interpolation (step 1/32 on [0, 16], mirrored for x < 0):
/// the fast alternative to `logistic` (about 20 instructions instead of a few hundred). Absolute
/// error below 1.3e-5 (interpolation: step^2 / 8 * max|sigmoid''|); 1e-7 beyond |x| = 16.
/// a with `integer_bits` integer bits (1 <= integer_bits <= 10); result in Q0.31.
/// Usage: `ctml::fixed::logistic_table(raw_q5_26, 5)`
constexpr std::int32_t logistic_table(std::int32_t a, int integer_bits) {
  // 32-bit arithmetic except one 32 x 32 -> 64 multiply (cheap on Cortex-M: SMULL).
  const std::uint32_t m = a < 0 ? 0u - static_cast<std::uint32_t>(a) : static_cast<std::uint32_t>(a);
  // |x| in table steps (1/32) with 16 fractional bits: m / 2^(31 - I) * 32 * 2^16.
  const std::uint32_t pos = m >> (10 - integer_bits);
  const std::uint32_t k = pos >> 16;
  std::int32_t s = sigmoid_table[512];
  if (k < 512) {
    const std::int32_t lo = sigmoid_table[k];
    const std::int32_t hi = sigmoid_table[k + 1];
    s = lo +
        static_cast<std::int32_t>((std::int64_t{hi - lo} * static_cast<std::int32_t>(pos & 0xFFFFu)) >> 16);
  }
  // sigmoid(-x) = 1 - sigmoid(x); s >= 2^30, so 2^31 - s fits.
  return a < 0 ? static_cast<std::int32_t>(0x80000000u - static_cast<std::uint32_t>(s)) : s;
}

/// tanh(x) = 2 sigmoid(2x) - 1 through `logistic_table`: absolute error below 2.6e-5.
/// a with `integer_bits` integer bits (0 <= integer_bits <= 9); result in Q0.31.
constexpr std::int32_t tanh_table(std::int32_t a, int integer_bits) {
  // 2 s - 2^31 for s in (0, 2^31): in (-2^31, 2^31), computed modulo 2^32 without overflow.
  const auto s = static_cast<std::uint32_t>(logistic_table(a, integer_bits + 1));
  return static_cast<std::int32_t>(2u * s - 0x80000000u);
}

}  // namespace ctml::fixed

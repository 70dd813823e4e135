#pragma once
// TFLite's integer requantization arithmetic, bit for bit: the Q31 multiplier computed from a real
// scale (`QuantizeMultiplier`), the saturating rounding doubling high multiply, and the rounding
// divide by a power of two ("double rounding", as TFLM's reference kernels use it).

#include <cstdint>
#include <limits>

#include <ctml/core/math.hpp>

namespace ctml {

/// A real multiplier M stored as value * 2^(shift - 31), value in [2^30, 2^31) (or 0).
struct multiplier {
  std::int32_t value = 0;
  int shift = 0;  ///< > 0: shift left before multiplying; < 0: rounding shift right after
};

/// TFLite's QuantizeMultiplier: frexp, round the mantissa to Q31, renormalise 2^31, flush tiny
/// multipliers (shift < -31) to zero. Exact at compile time (frexp and round are exact here).
constexpr multiplier quantize_multiplier(double real) {
  if (real == 0.0) return {0, 0};
  const auto [mantissa, exponent] = math::frexp(real);
  int shift = exponent;
  auto q = static_cast<std::int64_t>(math::round(mantissa * 2147483648.0));
  if (q == (std::int64_t{1} << 31)) {
    q /= 2;
    ++shift;
  }
  if (shift < -31) return {0, 0};
  if (shift > 30) return {std::numeric_limits<std::int32_t>::max(), 30};
  return {static_cast<std::int32_t>(q), shift};
}

/// (a * b * 2) >> 32 with rounding to nearest; saturates the single overflow case (min * min).
constexpr std::int32_t saturating_rounding_doubling_high_mul(std::int32_t a, std::int32_t b) {
  if (a == b && a == std::numeric_limits<std::int32_t>::min())
    return std::numeric_limits<std::int32_t>::max();
  const std::int64_t ab = std::int64_t{a} * std::int64_t{b};
  const std::int64_t nudge = ab >= 0 ? (std::int64_t{1} << 30) : (1 - (std::int64_t{1} << 30));
  // Division (not shift) truncates toward zero, as TFLite's reference does.
  return static_cast<std::int32_t>((ab + nudge) / (std::int64_t{1} << 31));
}

/// x / 2^exponent rounded to nearest, ties away from zero. REQUIRES: 0 <= exponent <= 31.
constexpr std::int32_t rounding_divide_by_pot(std::int32_t x, int exponent) {
  const std::int32_t mask = static_cast<std::int32_t>((std::int64_t{1} << exponent) - 1);
  const std::int32_t remainder = x & mask;
  const std::int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/// x * M for a quantized multiplier, TFLite's MultiplyByQuantizedMultiplier (reference, double rounding).
constexpr std::int32_t multiply_by_quantized_multiplier(std::int32_t x, multiplier m) {
  const int left = m.shift > 0 ? m.shift : 0;
  const int right = m.shift > 0 ? 0 : -m.shift;
  // Shift in unsigned arithmetic: TFLite assumes no overflow here, and we must not invoke UB if it does.
  const auto shifted = static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << left);
  return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(shifted, m.value), right);
}

/// x * M for a 64-bit accumulator (TFLite's 16x8 scheme: int16 activations, int64 bias), as TFLite's
/// MultiplyByQuantizedMultiplier(int64_t, ...): the multiplier rounded to 16 bits (saturating at
/// 0x7FFF), one rounding shift. REQUIRES: |x| < 2^47, m.shift < 8 (TFLite's contract; the int16
/// layers check the shift at compile time).
constexpr std::int32_t multiply_by_quantized_multiplier_64(std::int64_t x, multiplier m) {
  const std::int64_t reduced = m.value < 0x7FFF0000 ? (std::int64_t{m.value} + (1 << 15)) >> 16 : 0x7FFF;
  const int total_shift = 15 - m.shift;
  // The sum is truncated to 32 bits like TFLite's `int32_t result = x >> total_shift`.
  return static_cast<std::int32_t>((x * reduced + (std::int64_t{1} << (total_shift - 1))) >> total_shift);
}

/// The requantization multiplier of a conv/dense output channel: in_scale * w_scale / out_scale,
/// each widened to double first, as TFLite computes it.
constexpr multiplier output_multiplier(float input_scale, float weight_scale, float output_scale) {
  return quantize_multiplier(static_cast<double>(input_scale) * static_cast<double>(weight_scale) /
                             static_cast<double>(output_scale));
}

}  // namespace ctml

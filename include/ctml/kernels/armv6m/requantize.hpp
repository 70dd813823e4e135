#pragma once
// Requantization for Armv6-M without the 64-bit multiply. Thumb-1 has no SMULL: GCC 12 calls
// __aeabi_lmul (a 64 x 64 multiply) for TFLite's saturating rounding doubling high multiply and
// then adds, shifts and divides in 64 bits, about 80 instructions per output. Here the 62-bit
// product |x| * M is formed from four 16 x 16 -> 32 MULS and its high part rounded in 32-bit
// arithmetic: bit-exact with MultiplyByQuantizedMultiplier (quant/fixed_point.hpp), in about 35.
// Portable C++ (tested on every target against the reference).

#include <cstdint>

#include <ctml/core/config.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::armv6m {

/// TFLite's SaturatingRoundingDoublingHighMul(x, b) for b >= 0 (every multiplier from a positive
/// scale): round(x * b / 2^31), halves away from zero, with 32-bit multiplies only.
/// Usage: `std::int32_t h = armv6m::rounding_high_mul(acc << left, m.value);`
CTML_FORCE_INLINE constexpr std::int32_t rounding_high_mul(std::int32_t x, std::int32_t b) noexcept {
  // s = 0 or all ones (x < 0): |x| = (x ^ s) - s, and the same undoes it; no branches.
  const std::uint32_t s = static_cast<std::uint32_t>(x >> 31);
  const std::uint32_t ua = (static_cast<std::uint32_t>(x) ^ s) - s;
  const auto ub = static_cast<std::uint32_t>(b);
  const std::uint32_t ah = ua >> 16, al = ua & 0xFFFFu, bh = ub >> 16, bl = ub & 0xFFFFu;
  // |x| * b = hh * 2^32 + mid * 2^16 + ll; ah <= 2^15 and bh < 2^15, so mid fits 32 bits.
  const std::uint32_t ll = al * bl, mid = ah * bl + al * bh;
  std::uint32_t high = ah * bh + (mid >> 16);
  const std::uint32_t low = ll + (mid << 16);
  high += low < ll ? 1u : 0u;
  // + 2^30 (rounds half up), or 2^30 - 1 for a negative product (rounds half away from zero).
  const std::uint32_t nudged = low + ((1u << 30) + s);
  high += nudged < low ? 1u : 0u;
  const std::uint32_t r = (high << 1) | (nudged >> 31);  // < 2^31
  return static_cast<std::int32_t>((r ^ s) - s);
}

/// The int8 output of an accumulator, as kernels::requantize<Q> (bit for bit), without the 64-bit
/// multiply. REQUIRES: m.value >= 0. Usage: `out[u] = armv6m::requantize<Q>(acc, mult[u]);`
template <requant_constants Q>
CTML_FORCE_INLINE constexpr std::int8_t requantize(std::int32_t acc, multiplier m) noexcept {
  const int left = m.shift > 0 ? m.shift : 0;
  const int right = m.shift > 0 ? 0 : -m.shift;
  const auto shifted = static_cast<std::int32_t>(static_cast<std::uint32_t>(acc) << left);
  const std::int32_t v = rounding_divide_by_pot(rounding_high_mul(shifted, m.value), right) + Q.output_offset;
  return static_cast<std::int8_t>(v < Q.act_min ? Q.act_min : (v > Q.act_max ? Q.act_max : v));
}

}  // namespace ctml::kernels::armv6m

#pragma once
// Requantization for the specialised kernels: the same function as
// ctml::multiply_by_quantized_multiplier (TFLite's reference double rounding), written so that a
// 32-bit core needs one SMULL and a few ALU instructions instead of a 64-bit division.
// Portable C++ (no intrinsics): tests/kernels checks it against the reference on the host too.

#include <cstdint>
#include <type_traits>

#if defined(__ARM_FEATURE_SAT)
#include <arm_acle.h>
#endif

#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::arm_dsp {

/// multiply_by_quantized_multiplier(x, m) for m.value >= 0 (every multiplier quantize_multiplier
/// makes). Why the shortcut is exact: the reference computes trunc((ab + nudge) / 2^31) with
/// nudge = 2^30 for ab >= 0 and 1 - 2^30 for ab < 0. For ab >= 0 truncation is a floor, i.e.
/// (ab + 2^30) >> 31. For ab < 0 the quotient is negative, truncation is a ceiling, and
/// ceil(n / 2^31) = (n + 2^31 - 1) >> 31 = (ab + 2^30) >> 31 again. The saturating case
/// (both operands INT32_MIN) cannot occur because m.value >= 0.
constexpr std::int32_t requantize(std::int32_t x, multiplier m) noexcept {
  // Branch-free: both shifts from one comparison, the 64-bit rounding constant folded into the
  // multiply-accumulate (SMLAL), and the rounding divide as mask / threshold arithmetic.
  const int left = m.shift > 0 ? m.shift : 0;
  const int right = left - m.shift;
  const auto shifted = static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << left);
  const std::int64_t ab = std::int64_t{shifted} * std::int64_t{m.value} + (std::int64_t{1} << 30);
  const auto high = static_cast<std::int32_t>(ab >> 31);
  // rounding_divide_by_pot(high, right): round half away from zero.
  const auto mask = static_cast<std::int32_t>((std::uint32_t{1} << right) - 1u);
  const std::int32_t remainder = high & mask;
  const std::int32_t threshold =
      (mask >> 1) + static_cast<std::int32_t>(static_cast<std::uint32_t>(high) >> 31);
  return (high >> right) + (remainder > threshold ? 1 : 0);
}

/// requantize, add the output zero point, clamp, narrow.
template <std::int32_t OutputOffset, std::int32_t ActMin, std::int32_t ActMax>
constexpr std::int8_t requantize_s8(std::int32_t acc, multiplier m) noexcept {
  std::int32_t v = requantize(acc, m) + OutputOffset;
#if defined(__ARM_FEATURE_SAT)
  // One SSAT for the int8 range; GCC 12 does not form it from the two comparisons.
  if (!std::is_constant_evaluated()) {
    v = __ssat(v, 8);
    if constexpr (ActMin > -128) v = v < ActMin ? ActMin : v;
    if constexpr (ActMax < 127) v = v > ActMax ? ActMax : v;
    return static_cast<std::int8_t>(v);
  }
#endif
  v = v < ActMin ? ActMin : (v > ActMax ? ActMax : v);
  return static_cast<std::int8_t>(v);
}

}  // namespace ctml::kernels::arm_dsp

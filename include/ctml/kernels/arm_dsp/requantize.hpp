#pragma once
// Requantization for the specialised kernels: the same function as
// ctml::multiply_by_quantized_multiplier (TFLite's reference double rounding), written so that a
// 32-bit core needs one SMULL and a few ALU instructions instead of a 64-bit division.
// Portable C++ (no intrinsics): tests/nn/kernels checks it against the reference on the host too.

#include <cstdint>
#include <type_traits>

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/quant/fixed_point.hpp>

#if CTML_ARCH_ARM_SAT
#include <arm_acle.h>
#endif

namespace ctml::kernels::arm_dsp {

// Why requantize() below equals multiply_by_quantized_multiplier(x, m) for m.value >= 0 (every
// multiplier quantize_multiplier makes) with one SMLAL and a shift: the reference computes
// high = trunc((ab + nudge) / 2^31), nudge = 2^30 for ab >= 0 and 1 - 2^30 for ab < 0, which for
// either sign is floor((ab + 2^30) / 2^31) (for ab < 0 truncation is a ceiling, and
// ceil(n / 2^31) = floor((n + 2^31 - 1) / 2^31)). The saturating case (both operands INT32_MIN)
// cannot occur because m.value >= 0.
// - shift >= 0 (no rounding divide): the result is that floor, bits 31..62 of ab + 2^30.
// - shift = -r < 0: the rounding divide (half away from zero) is floor((high + 2^(r-1) - [high < 0])
//   / 2^r). [high < 0] may be replaced by [x < 0]: x >= 0 gives ab >= 0, and x < 0 with high >= 0
//   means high = 0, where both give 0. A floor of a floor is one floor, so the result is
//   floor((ab + 2^30 + (2^(r-1) - [x < 0]) * 2^31) / 2^(31 + r)): the 64-bit addend folds both
//   roundings, and the division is the high word shifted right by r - 1 (no 32-bit overflow).

/// The per-channel constants of requantize() for a multiplier with a right shift (shift < 0, every
/// multiplier below 0.5: the usual case for conv and dense outputs), prepared once per channel so
/// that each output costs one SMLAL and five ALU instructions.
struct right_shift_multiplier {
  std::int32_t value;
  std::int32_t half;  ///< 2^(r-1), r = -shift
  int rs;             ///< r - 1

  constexpr right_shift_multiplier() noexcept : value{0}, half{1}, rs{0} {}
  constexpr explicit right_shift_multiplier(multiplier m) noexcept
      : value{m.value}, half{std::int32_t{1} << (-m.shift - 1)}, rs{-m.shift - 1} {}

  /// requantize(x, m) (see there for why it is exact).
  constexpr std::int32_t operator()(std::int32_t x) const noexcept {
    const std::int32_t v = half + (x >> 31);  // 2^(r-1) - [x < 0], in [0, 2^30]
    // The 64-bit addend v * 2^31 + 2^30, as two words (no carry between them).
    auto lo = static_cast<std::uint32_t>((static_cast<std::uint32_t>(v) << 31) | (1u << 30));
    std::int32_t hi = v >> 1;
#if CTML_ARCH_ARM_DSP
    if (!std::is_constant_evaluated()) {
      // GCC 12 builds the 64-bit addend with a carry chain; this is the one SMLAL it needs.
      __asm__("smlal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(x), "r"(value));
      return hi >> rs;
    }
#endif
    const std::int64_t y =
        static_cast<std::int64_t>((static_cast<std::uint64_t>(static_cast<std::uint32_t>(hi)) << 32) | lo) +
        std::int64_t{x} * value;
    return static_cast<std::int32_t>(y >> 32) >> rs;
  }
};

/// multiply_by_quantized_multiplier(x, m) for m.value >= 0 (every multiplier quantize_multiplier
/// makes), branch-free but for the sign of the shift.
constexpr std::int32_t requantize(std::int32_t x, multiplier m) noexcept {
  if (m.shift < 0) return right_shift_multiplier{m}(x);
  const auto shifted = static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << m.shift);
  return static_cast<std::int32_t>((std::int64_t{shifted} * m.value + (std::int64_t{1} << 30)) >> 31);
}

/// Adds the output zero point, clamps to [ActMin, ActMax] (SSAT for the int8 range), narrows.
template <std::int32_t OutputOffset, std::int32_t ActMin, std::int32_t ActMax>
constexpr std::int8_t clamp_s8(std::int32_t r) noexcept {
  std::int32_t v = r + OutputOffset;
#if CTML_ARCH_ARM_SAT
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

/// requantize, add the output zero point, clamp, narrow.
template <std::int32_t OutputOffset, std::int32_t ActMin, std::int32_t ActMax>
constexpr std::int8_t requantize_s8(std::int32_t acc, multiplier m) noexcept {
  return clamp_s8<OutputOffset, ActMin, ActMax>(requantize(acc, m));
}

/// requantize_s8 with the zero point and clamp bounds as run-time values: the kernels of the
/// size-first policy (CTML_KERNELS_SIZE_FIRST), one instantiation shared by every layer of a kind.
CTML_FORCE_INLINE std::int8_t requantize_s8(std::int32_t acc, multiplier m,
                                            const requant_constants& q) noexcept {
  std::int32_t v = requantize(acc, m) + q.output_offset;
#if CTML_ARCH_ARM_SAT
  v = __ssat(v, 8);
#endif
  v = v < q.act_min ? q.act_min : (v > q.act_max ? q.act_max : v);
  return static_cast<std::int8_t>(v);
}

/// Requantizes a block of accumulators acc[j][o] (NP pixels x NO channels) into
/// out[j * PixelStride + o], with the multiplier of channel o at mult[o * MultStep] (MultStep 0:
/// one per-tensor multiplier). When every multiplier of the block shifts right (the usual case) the
/// per-channel constants are prepared once and shared by the NP pixels.
template <requant_constants Q, int NP, int NO, int PixelStride, int MultStep = 1>
CTML_FORCE_INLINE void requantize_block(const std::int32_t (&acc)[NP][NO], const multiplier* mult,
                                        std::int8_t* out) noexcept {
  constexpr int nm = MultStep == 0 ? 1 : NO;
  // Every multiplier is read before the first store: out is int8, which may alias anything.
  multiplier m[nm];
  int shifts = 0;
#pragma GCC unroll 8
  for (int o = 0; o < nm; ++o) {
    m[o] = mult[o * MultStep];
    shifts &= m[o].shift;
    if (o == 0) shifts = m[o].shift;
  }
  if (shifts < 0) {  // the sign bit survives the AND only if every shift is negative
    right_shift_multiplier r[nm] = {};
#pragma GCC unroll 8
    for (int o = 0; o < nm; ++o) r[o] = right_shift_multiplier{m[o]};
#pragma GCC unroll 8
    for (int j = 0; j < NP; ++j)
#pragma GCC unroll 8
      for (int o = 0; o < NO; ++o)
        out[j * PixelStride + o] =
            clamp_s8<Q.output_offset, Q.act_min, Q.act_max>(r[MultStep == 0 ? 0 : o](acc[j][o]));
  } else {
#pragma GCC unroll 8
    for (int j = 0; j < NP; ++j)
#pragma GCC unroll 8
      for (int o = 0; o < NO; ++o)
        out[j * PixelStride + o] =
            requantize_s8<Q.output_offset, Q.act_min, Q.act_max>(acc[j][o], m[MultStep == 0 ? 0 : o]);
  }
}

}  // namespace ctml::kernels::arm_dsp

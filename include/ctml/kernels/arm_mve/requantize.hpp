#pragma once
// Requantization of four int32 lanes at a time with Helium (MVE), bit-identical to
// ctml::multiply_by_quantized_multiplier (TFLite's double rounding):
//
// - SaturatingRoundingDoublingHighMul(a, m) is VQRDMULH: both compute floor((a*m + 2^30) / 2^31)
//   for every sign (TFLite's sign-dependent nudge followed by truncation toward zero equals this
//   floor, see arm_dsp/requantize.hpp), and both saturate only for a = m = INT32_MIN, which cannot
//   occur because multipliers are non-negative.
// - RoundingDivideByPOT(x, r) rounds ties away from zero; VRSHL by -r rounds ties up. They differ
//   only for negative x exactly halfway, so negative x is first moved down by one when r > 0:
//   x + (x & -r) >> 31 is x - 1 exactly when x < 0 and r > 0 (-r has its sign bit set iff r > 0),
//   and the saturating add keeps INT32_MIN (whose quotient is exact) in range.

#include <cstdint>

#include <ctml/core/arch.hpp>

#if CTML_ARCH_ARM_MVE
#include <arm_mve.h>

#include <ctml/core/config.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::arm_mve {

/// CTML_KERNELS_SIZE_FIRST: the conv and depthwise kernels keep one requantization variant (the
/// general one) instead of adding a right-shift-only copy of their code (docs/kernels.md).
#if defined(CTML_KERNELS_SIZE_FIRST)
inline constexpr bool size_first = true;
#else
inline constexpr bool size_first = false;
#endif

/// A compiler barrier for memory (no instruction). GCC 12 does not treat MVE's predicated and
/// scatter stores (VSTRBT, VSTRB [Rn, Qm]) as writes to the memory they store to: it moved later
/// loads of those bytes above them (seen in tests/nn/kernels). Every such store is followed by this.
CTML_FORCE_INLINE void stored() noexcept {
  asm volatile("" ::: "memory");
}

/// multiply_by_quantized_multiplier on 4 lanes sharing one multiplier (4 pixels of one channel).
CTML_FORCE_INLINE int32x4_t requantize_n(int32x4_t x, multiplier m) noexcept {
  const std::int32_t left = m.shift > 0 ? m.shift : 0;
  const std::int32_t neg_right = m.shift > 0 ? 0 : m.shift;
  x = vqrdmulhq_n_s32(vshlq_r_s32(x, left), m.value);
  x = vqaddq_s32(x, vshrq_n_s32(vandq_s32(x, vdupq_n_s32(neg_right)), 31));
  return vrshlq_n_s32(x, neg_right);
}

/// requantize_n for a multiplier with shift < 0 (right shift only): the fixup needs no mask.
CTML_FORCE_INLINE int32x4_t requantize_n_right(int32x4_t x, multiplier m) noexcept {
  x = vqrdmulhq_n_s32(x, m.value);
  x = vqaddq_s32(x, vshrq_n_s32(x, 31));
  return vrshlq_n_s32(x, m.shift);
}

/// Whether each of the layer's Channels multipliers shifts right only (TFLite's usual case): the
/// kernels then requantize with requantize_n_right (no left shift, no mask).
/// Usage: `const bool right_only = all_right_shifts<G.out_c>(mult);`
template <int Channels>
CTML_FORCE_INLINE bool all_right_shifts(const multiplier* mult) noexcept {
  bool right_only = true;
  for (int c = 0; c < Channels; ++c) right_only = right_only && mult[c].shift < 0;
  return right_only;
}

/// Runs `all.template operator()<RightOnly>()` with RightOnly = right_only (one check per call
/// picks the variant); size_first: the general variant only, one copy of the kernel's code.
/// Usage: `with_right_only(right_only, [&]<bool R>() { ... });`
template <class F>
CTML_FORCE_INLINE void with_right_only(bool right_only, const F& all) noexcept {
  if constexpr (size_first) {
    static_cast<void>(right_only);
    all.template operator()<false>();
  } else {
    if (right_only)
      all.template operator()<true>();
    else
      all.template operator()<false>();
  }
}

/// multiply_by_quantized_multiplier on 4 lanes with their own multipliers (4 channels).
/// `left` = max(shift, 0), `neg_right` = min(shift, 0) per lane.
CTML_FORCE_INLINE int32x4_t requantize_v(int32x4_t x, int32x4_t value, int32x4_t left,
                                         int32x4_t neg_right) noexcept {
  x = vqrdmulhq_s32(vshlq_s32(x, left), value);
  x = vqaddq_s32(x, vshrq_n_s32(vandq_s32(x, neg_right), 31));
  return vrshlq_s32(x, neg_right);
}

/// The multipliers of 4 consecutive channels as lane vectors: value, max(shift, 0), min(shift, 0).
struct multiplier_lanes {
  int32x4_t value, left, neg_right;
};

/// Loads the multipliers of channels [c, c + 4) (lanes past `n` channels are zero).
CTML_FORCE_INLINE multiplier_lanes load_multipliers(const multiplier* m, int n = 4) noexcept {
  static_assert(sizeof(multiplier) == 8, "multiplier: {int32 value, int32 shift} expected");
  // Gather the interleaved {value, shift} pairs: word offsets 0, 2, 4, 6 from each field.
  const uint32x4_t idx = vidupq_n_u32(0, 2);
  const mve_pred16_t p = vctp32q(static_cast<std::uint32_t>(n));
  const auto* base = reinterpret_cast<const std::int32_t*>(m);
  const int32x4_t value = vldrwq_gather_shifted_offset_z_s32(base, idx, p);
  const int32x4_t shift = vldrwq_gather_shifted_offset_z_s32(base + 1, idx, p);
  const int32x4_t zero = vdupq_n_s32(0);
  return {value, vmaxq_s32(shift, zero), vminq_s32(shift, zero)};
}

/// requantize_v, or for lanes whose shifts are all negative (R) without left shift and mask.
template <bool R>
CTML_FORCE_INLINE int32x4_t requantize_lanes(int32x4_t x, const multiplier_lanes& m) noexcept {
  if constexpr (R) {
    x = vqrdmulhq_s32(x, m.value);
    x = vqaddq_s32(x, vshrq_n_s32(x, 31));
    return vrshlq_s32(x, m.neg_right);
  } else {
    return requantize_v(x, m.value, m.left, m.neg_right);
  }
}

/// Adds the output zero point and clamps to [ActMin, ActMax] (4 lanes, still int32).
template <requant_constants Q>
CTML_FORCE_INLINE int32x4_t offset_clamp(int32x4_t x) noexcept {
  x = vaddq_n_s32(x, Q.output_offset);
  return vminq_s32(vmaxq_s32(x, vdupq_n_s32(Q.act_min)), vdupq_n_s32(Q.act_max));
}

}  // namespace ctml::kernels::arm_mve

#endif  // CTML_ARCH_ARM_MVE

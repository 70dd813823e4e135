#pragma once
// int8 fully connected with Helium (MVE): 4 units share each 16-element input vector, one
// VMLADAVA (16 MACs) per unit. The input offset is folded as sum (x + off) * w = sum x * w +
// off * sum w, the weight sums taken in the same pass (VADDVA). The 4 accumulators become one
// vector, requantized together (requantize.hpp) and stored as 4 bytes. Tails: the last k % 16
// inputs with predicated loads, the last Units % 4 units with a narrower block.

#include <cstdint>

#include <ctml/kernels/arm_mve/requantize.hpp>
#include <ctml/kernels/geometry.hpp>

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)

namespace ctml::kernels::arm_mve {

namespace detail {

/// NU (1..4) units starting at unit u: returns the requantized int32 lanes.
template <int Units, int In, bool PerChannel, requant_constants Q, int NU>
CTML_FORCE_INLINE void dense_block(const std::int8_t* in, const std::int8_t* weights,
                                   const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                   int u) noexcept {
  constexpr bool sums = Q.input_offset != 0;
  const std::int8_t* w = weights + u * In;
  std::int32_t a[4] = {0, 0, 0, 0}, s[4] = {0, 0, 0, 0};
#pragma GCC unroll 4
  for (int i = 0; i + 16 <= In; i += 16) {
    const int8x16_t x = vldrbq_s8(in + i);
#pragma GCC unroll 4
    for (int j = 0; j < NU; ++j) {
      const int8x16_t wv = vldrbq_s8(w + j * In + i);
      a[j] = vmladavaq_s8(a[j], x, wv);
      if constexpr (sums) s[j] = vaddvaq_s8(s[j], wv);
    }
  }
  if constexpr (In % 16 != 0) {
    constexpr int i = In & ~15;
    const mve_pred16_t p = vctp8q(In % 16);
    const int8x16_t x = vldrbq_z_s8(in + i, p);
#pragma GCC unroll 4
    for (int j = 0; j < NU; ++j) {
      const int8x16_t wv = vldrbq_z_s8(w + j * In + i, p);
      a[j] = vmladavaq_s8(a[j], x, wv);
      if constexpr (sums) s[j] = vaddvaq_s8(s[j], wv);
    }
  }
  const mve_pred16_t lanes = vctp32q(NU);
  int32x4_t v = vldrwq_z_s32(bias + u, lanes);
  int32x4_t av = vdupq_n_s32(a[0]), sv = vdupq_n_s32(s[0]);
  if constexpr (NU > 1) av = vsetq_lane_s32(a[1], av, 1), sv = vsetq_lane_s32(s[1], sv, 1);
  if constexpr (NU > 2) av = vsetq_lane_s32(a[2], av, 2), sv = vsetq_lane_s32(s[2], sv, 2);
  if constexpr (NU > 3) av = vsetq_lane_s32(a[3], av, 3), sv = vsetq_lane_s32(s[3], sv, 3);
  v = vaddq_s32(v, av);
  if constexpr (sums) v = vmlaq_n_s32(v, sv, Q.input_offset);
  if constexpr (PerChannel) {
    const multiplier_lanes m = load_multipliers(mult + u, NU);
    v = requantize_v(v, m.value, m.left, m.neg_right);
  } else {
    v = requantize_n(v, mult[0]);
  }
  v = offset_clamp<Q>(v);
  if constexpr (NU == 4)
    vstrbq_s32(out + u, v);
  else
    vstrbq_p_s32(out + u, v, lanes);
}

}  // namespace detail

/// int8 dense, weights [Units][In]. Bit-identical to reference::dense_s8.
template <int Units, int In, bool PerChannel, requant_constants Q>
void dense_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
              const multiplier* mult, std::int8_t* out) noexcept {
  constexpr int blocks_end = Units & ~3;
  for (int u = 0; u < blocks_end; u += 4)
    detail::dense_block<Units, In, PerChannel, Q, 4>(in, weights, bias, mult, out, u);
  if constexpr (Units % 4 != 0)
    detail::dense_block<Units, In, PerChannel, Q, Units % 4>(in, weights, bias, mult, out, blocks_end);
}

}  // namespace ctml::kernels::arm_mve

#endif  // __ARM_FEATURE_MVE

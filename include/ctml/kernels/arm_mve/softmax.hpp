#pragma once
// int8 softmax with Helium (MVE), bit-identical to reference::softmax_s8 (TFLite's gemmlowp
// fixed-point arithmetic). Per row: the max over 16 lanes (VMAXV), then exp on 4 int32 lanes in
// the exact gemmlowp steps, summed (VADDVA), one scalar reciprocal, and the output scaling.
//
// Exactness of the vector steps:
// - gemmlowp's SaturatingRoundingDoublingHighMul is VQRDMULH for every pair of operands,
//   saturation included (see arm_mve/requantize.hpp).
// - RoundingDivideByPOT rounds ties away from zero, VRSHR/VRSHL round them up: the two agree on
//   values >= 0, and every value this kernel divides is >= 0: x^4 (a square of a square), the
//   Taylor polynomial's x^2 + (x^4/4 + x^3)/3 (|x| < 1/8 makes |x^3| < x^2/8; it is 0 when
//   x^2 rounds to 0, because then x^3 and x^4 are 0 too), exp results, and their product with
//   the positive reciprocal.
// - Rescale(a, 5, 0) of a value in [-1/4, 0) is a plain left shift (no saturation possible).
// - gemmlowp's barrel shifter multiplies by exp(-2^k) for each set bit of the remainder, in order:
//   a predicated VQRDMULH per bit keeps the rounding of every step.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_mve/requantize.hpp>
#include <ctml/kernels/reference/softmax.hpp>
#include <ctml/quant/fixed_point_math.hpp>

#if CTML_ARCH_ARM_MVE

namespace ctml::kernels::arm_mve {

/// Whether the Helium softmax covers rows of `Depth`: the sum of exps (each <= 2^19 in Q12.19)
/// must stay below 2^28, so that the output division shifts by at most 31 bits.
template <int Depth>
constexpr bool softmax_fits() {
  return Depth >= 1 && Depth <= 511;
}

namespace detail {

/// One step of gemmlowp's barrel shifter: r * exp(-2^(k-2)) in the lanes whose remainder has bit
/// 24 + k set (moved to the sign bit, so the test is one compare with 0).
template <int K, std::int32_t ExpOfMinusPot>
CTML_FORCE_INLINE int32x4_t barrel_step(int32x4_t r, int32x4_t rem) noexcept {
  return vqrdmulhq_m_n_s32(r, r, ExpOfMinusPot, vcmpltq_n_s32(vshlq_n_s32(rem, 7 - K), 0));
}

/// gemmlowp's exp_on_negative_values(a, 5) on 4 lanes (a <= 0 in Q5.26, result in Q0.31).
CTML_FORCE_INLINE int32x4_t exp_on_negative_values_q5(int32x4_t a) noexcept {
  constexpr std::int32_t one_quarter = std::int32_t{1} << 24;
  const int32x4_t a_mod = vsubq_n_s32(vandq_s32(a, vdupq_n_s32(one_quarter - 1)), one_quarter);
  // exp on [-1/4, 0): Taylor expansion around -1/8.
  const int32x4_t x = vaddq_n_s32(vshlq_n_s32(a_mod, 5), std::int32_t{1} << 28);
  const int32x4_t x2 = vqrdmulhq_s32(x, x);
  const int32x4_t x3 = vqrdmulhq_s32(x2, x);
  const int32x4_t x4_over_4 = vrshrq_n_s32(vqrdmulhq_s32(x2, x2), 2);
  const int32x4_t poly = vrshrq_n_s32(vaddq_s32(vqrdmulhq_n_s32(vaddq_s32(x4_over_4, x3), 715827883), x2), 1);
  constexpr std::int32_t exp_minus_one_eighth = 1895147668;
  int32x4_t r = vaddq_n_s32(vqrdmulhq_n_s32(vaddq_s32(x, poly), exp_minus_one_eighth), exp_minus_one_eighth);
  // Barrel shifter over the remainder's bits 2^-2 .. 2^4 (bits 24 .. 30 of the raw value).
  const int32x4_t rem = vsubq_s32(a_mod, a);
  r = barrel_step<0, 1672461947>(r, rem);
  r = barrel_step<1, 1302514674>(r, rem);
  r = barrel_step<2, 790015084>(r, rem);
  r = barrel_step<3, 290630308>(r, rem);
  r = barrel_step<4, 39332535>(r, rem);
  r = barrel_step<5, 720401>(r, rem);
  r = barrel_step<6, 242>(r, rem);
  return vdupq_m_n_s32(r, fixed::raw_max, vcmpeqq_n_s32(a, 0));
}

}  // namespace detail

/// int8 softmax over rows of `Depth`. Bit-identical to reference::softmax_s8<Rows, Depth, K>.
/// Usage: `arm_mve::softmax_s8<1, 12, constants>(in, out)`.
template <int Rows, int Depth, reference::softmax_constants K>
void softmax_s8(const std::int8_t* in, std::int8_t* out) noexcept {
  static_assert(softmax_fits<Depth>(), "arm_mve::softmax_s8: rows of 1 to 511 elements");
  static_assert(K.input_left_shift >= 0 && K.input_left_shift < 32, "arm_mve::softmax_s8: input shift");
  constexpr int accumulation_integer_bits = 12;
  // diff * beta * input_scale in Q5.26 (the shift wraps as the reference's unsigned shift does),
  // then exp in Q0.31.
  const auto scaled_exp = [](int32x4_t diff) {
    return detail::exp_on_negative_values_q5(
        vqrdmulhq_n_s32(vshlq_r_s32(diff, K.input_left_shift), K.input_multiplier));
  };
  // Short rows keep their exps on the stack (at most 128 bytes) instead of computing them twice.
  constexpr bool keep_exps = Depth <= 32;
  std::int32_t exps[keep_exps ? (Depth + 3) / 4 * 4 : 1];
  for (int r = 0; r < Rows; ++r) {
    const std::int8_t* x = in + r * Depth;
    std::int8_t* y = out + r * Depth;
    std::int8_t max_in_row = -128;
    for (int c = 0; c < Depth; c += 16) {
      const mve_pred16_t lanes = vctp8q(static_cast<std::uint32_t>(Depth - c));
      max_in_row = vmaxvq_p_s8(max_in_row, vldrbq_z_s8(x + c, lanes), lanes);
    }
    const std::int32_t row_max = max_in_row;

    std::int32_t sum_of_exps = 0;  // Q12.19
    for (int c = 0; c < Depth; c += 4) {
      const mve_pred16_t lanes = vctp32q(static_cast<std::uint32_t>(Depth - c));
      const int32x4_t diff = vsubq_n_s32(vldrbq_z_s32(x + c, lanes), row_max);
      const mve_pred16_t used = vcmpgeq_m_n_s32(diff, K.diff_min, lanes);
      const int32x4_t e = scaled_exp(diff);
      if constexpr (keep_exps) {
        // Unused lanes as exp 0: their output, -128 + round(0 * recip), is the reference's -128.
        vst1q_s32(exps + c, vpselq_s32(e, vdupq_n_s32(0), used));
        stored();
      }
      sum_of_exps = vaddvaq_p_s32(sum_of_exps, vrshrq_n_s32(e, accumulation_integer_bits), used);
    }
    // TFLite's GetReciprocal with one CLZ (sum_of_exps > 0: the max element contributes 2^19).
    const int headroom_plus_one = __builtin_clz(static_cast<std::uint32_t>(sum_of_exps));
    const std::int32_t recip = fixed::one_over_one_plus_x_for_x_in_0_1(static_cast<std::int32_t>(
        (static_cast<std::uint32_t>(sum_of_exps) << headroom_plus_one) - (std::uint32_t{1} << 31)));
    const std::int32_t neg_shift = -(accumulation_integer_bits - headroom_plus_one + 31 - 8);
    for (int c = 0; c < Depth; c += 4) {
      const mve_pred16_t lanes = vctp32q(static_cast<std::uint32_t>(Depth - c));
      if constexpr (keep_exps) {
        const int32x4_t unsat = vrshlq_n_s32(vqrdmulhq_n_s32(vld1q_s32(exps + c), recip), neg_shift);
        vstrbq_p_s32(y + c, vminq_s32(vsubq_n_s32(unsat, 128), vdupq_n_s32(127)), lanes);
      } else {
        const int32x4_t diff = vsubq_n_s32(vldrbq_z_s32(x + c, lanes), row_max);
        const int32x4_t unsat = vrshlq_n_s32(vqrdmulhq_n_s32(scaled_exp(diff), recip), neg_shift);
        // unsat >= 0, so only the upper clamp; lanes under diff_min give -128.
        int32x4_t v = vminq_s32(vsubq_n_s32(unsat, 128), vdupq_n_s32(127));
        v = vdupq_m_n_s32(v, -128, vcmpltq_n_s32(diff, K.diff_min));
        vstrbq_p_s32(y + c, v, lanes);
      }
      stored();
    }
  }
}

}  // namespace ctml::kernels::arm_mve

namespace ctml::kernels {

/// int8 softmax with Helium (rows of up to 511 elements).
template <int Rows, int Depth, softmax_constants K>
requires(arm_mve::softmax_fits<Depth>()) struct softmax_s8_kernel<Rows, Depth, K, arch::arm_mve>
    : no_scratch {
  static void run(const std::int8_t* in, std::int8_t* out, std::byte* /*scratch*/) noexcept {
    arm_mve::softmax_s8<Rows, Depth, K>(in, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE

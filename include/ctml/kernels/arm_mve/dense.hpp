#pragma once
// int8 fully connected with Helium (MVE): 4 units share each 16-element input vector, one
// VMLADAVA (16 MACs) per unit. The input offset is folded as sum (x + off) * w = sum x * w +
// sum off * w, the second term one more VMLADAVA into the same accumulator (an int8 vector of
// off; see negate_sums for off = 128). The 4 accumulators become one
// vector, requantized together (requantize.hpp) and stored as 4 bytes. Tails: the last k % 16
// inputs with predicated loads, the last Units % 4 units with a narrower block.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_mve/requantize.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/dense.hpp>

#if CTML_ARCH_ARM_MVE

namespace ctml::kernels::arm_mve {

namespace detail {

/// The input offset as the int8 vector the dot products take: off itself, or for off = 128
/// (input zero point -128), which is not an int8, -127 with the input complemented:
/// -(x + 128) = ~x - 127, so the sums come out negated and are subtracted from the bias.
template <requant_constants Q>
inline constexpr bool negate_sums = Q.input_offset == 128;

/// NU (1..4) units starting at unit u: acc = sum x * w + off * sum w per unit, one accumulator
/// per unit (VMLADAVA needs even registers: 4 accumulators and the pointers fit, 8 would spill).
template <int Units, int In, bool PerChannel, requant_constants Q, int NU>
CTML_FORCE_INLINE void dense_block(const std::int8_t* in, const std::int8_t* weights,
                                   const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                   int u) noexcept {
  constexpr bool offset = Q.input_offset != 0;
  constexpr bool neg = negate_sums<Q>;
  const int8x16_t offv = vdupq_n_s8(static_cast<std::int8_t>(neg ? -127 : Q.input_offset));
  // One pointer per weight row and one for the input, stepped by 16 and hidden from the optimiser
  // each step: loads with write-back, no address arithmetic (rows are In bytes apart, beyond the
  // load offsets' reach), and no loads hoisted and spilled by GCC 12.
  const std::int8_t* xp = in;
  const std::int8_t* w0 = weights + u * In;
  const std::int8_t* w1 = w0 + (NU > 1 ? In : 0);
  const std::int8_t* w2 = w0 + (NU > 2 ? 2 * In : 0);
  const std::int8_t* w3 = w0 + (NU > 3 ? 3 * In : 0);
  std::int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const auto step = [&](int8x16_t x, int8x16_t wv, std::int32_t& a) {
    a = vmladavaq_s8(a, x, wv);
    if constexpr (offset) a = vmladavaq_s8(a, offv, wv);
  };
#pragma GCC unroll 4
  for (int i = 0; i + 16 <= In; i += 16) {
    asm("" : "+r"(xp), "+r"(w0), "+r"(w1), "+r"(w2), "+r"(w3));
    int8x16_t x = vldrbq_s8(xp);
    if constexpr (neg) x = vmvnq_s8(x);
    step(x, vldrbq_s8(w0), a0);
    if constexpr (NU > 1) step(x, vldrbq_s8(w1), a1);
    if constexpr (NU > 2) step(x, vldrbq_s8(w2), a2);
    if constexpr (NU > 3) step(x, vldrbq_s8(w3), a3);
    xp += 16;
    w0 += 16;
    w1 += 16;
    w2 += 16;
    w3 += 16;
  }
  if constexpr (In % 16 != 0) {
    const mve_pred16_t p = vctp8q(In % 16);
    int8x16_t x = vldrbq_z_s8(xp, p);
    if constexpr (neg) x = vmvnq_s8(x);
    // Weights loaded with zeros in the inactive lanes: no product from x or off there.
    step(x, vldrbq_z_s8(w0, p), a0);
    if constexpr (NU > 1) step(x, vldrbq_z_s8(w1, p), a1);
    if constexpr (NU > 2) step(x, vldrbq_z_s8(w2, p), a2);
    if constexpr (NU > 3) step(x, vldrbq_z_s8(w3, p), a3);
  }
  const std::int32_t a[4] = {a0, a1, a2, a3};
  const mve_pred16_t lanes = vctp32q(NU);
  int32x4_t v = vldrwq_z_s32(bias + u, lanes);
  int32x4_t av = vdupq_n_s32(a[0]);
  if constexpr (NU > 1) av = vsetq_lane_s32(a[1], av, 1);
  if constexpr (NU > 2) av = vsetq_lane_s32(a[2], av, 2);
  if constexpr (NU > 3) av = vsetq_lane_s32(a[3], av, 3);
  v = neg ? vsubq_s32(v, av) : vaddq_s32(v, av);
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
  stored();
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

namespace ctml::kernels {

/// dense with Helium (every shape).
template <int Units, int In, bool PerChannel, requant_constants Q>
struct dense_s8_kernel<Units, In, PerChannel, Q, arch::arm_mve> : imported_weights {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    arm_mve::dense_s8<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE

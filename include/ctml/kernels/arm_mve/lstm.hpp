#pragma once
// The int8 LSTM step with Helium (MVE, Cortex-M55): a unit's four gate rows share each 16-element
// vector of x (and of h), one VMLADAVA (16 MACs) a row. The zero point is folded as
// sum w (x + off) = sum w x + sum w off, a second VMLADAVA with a vector of off into the same
// accumulator (four accumulators: eight, with separate row sums, spilled). Tails: predicated loads
// with zeros in the inactive lanes. Then a unit's four gates are one vector (rescaling, the sigmoid /
// tanh table walk by gathers, a scatter store) and the cell update takes four units a vector: the
// scalar work per gate was larger than the products. Integer sums in another order give the same
// int32, and the vector rescaling is TFLite's rounding exactly: TFLite Micro's bytes.

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/arm_dsp/lstm.hpp>
#include <ctml/kernels/reference/lstm.hpp>

#if CTML_ARCH_ARM_MVE

#include <cstddef>
#include <cstdint>

#include <arm_mve.h>

namespace ctml::kernels::arm_mve {

/// acc[r] = sum_i w_r[i] (v[i] + offset) for the four rows w_r = w + r * stride (N columns).
template <int N>
CTML_FORCE_INLINE void lstm_dot4(const std::int8_t* w, int stride, const std::int8_t* v, std::int32_t offset,
                                 std::int32_t* acc) noexcept {
  // offset = -zero point is in [-127, 128]; 128 is not an int8: then x is complemented,
  // ~x - 127 = -(x + 128), and the sums come out negated (as arm_mve/dense.hpp does).
  const bool neg = offset == 128;
  const int8x16_t flip = vdupq_n_s8(static_cast<std::int8_t>(neg ? -1 : 0));
  const int8x16_t offv = vdupq_n_s8(static_cast<std::int8_t>(neg ? -127 : offset));
  const std::int8_t* vp = v;
  const std::int8_t* w0 = w;
  const std::int8_t* w1 = w + stride;
  const std::int8_t* w2 = w + 2 * stride;
  const std::int8_t* w3 = w + 3 * stride;
  std::int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const auto step = [&](int8x16_t x, int8x16_t wv, std::int32_t& a) {
    a = vmladavaq_s8(a, x, wv);
    a = vmladavaq_s8(a, offv, wv);
  };
  for (int i = 0; i + 16 <= N; i += 16) {
    // Hidden from the optimiser each step: loads with write-back, no address arithmetic (the rows
    // are U·F bytes apart, beyond the load offsets' reach).
    asm("" : "+r"(vp), "+r"(w0), "+r"(w1), "+r"(w2), "+r"(w3));
    const int8x16_t x = veorq_s8(vldrbq_s8(vp), flip);
    step(x, vldrbq_s8(w0), a0);
    step(x, vldrbq_s8(w1), a1);
    step(x, vldrbq_s8(w2), a2);
    step(x, vldrbq_s8(w3), a3);
    vp += 16;
    w0 += 16;
    w1 += 16;
    w2 += 16;
    w3 += 16;
  }
  if constexpr (N % 16 != 0) {
    // Weights loaded with zeros in the inactive lanes: no product from x or the offset there.
    const mve_pred16_t p = vctp8q(N % 16);
    const int8x16_t x = veorq_s8(vldrbq_z_s8(vp, p), flip);
    step(x, vldrbq_z_s8(w0, p), a0);
    step(x, vldrbq_z_s8(w1, p), a1);
    step(x, vldrbq_z_s8(w2, p), a2);
    step(x, vldrbq_z_s8(w3, p), a3);
  }
  acc[0] = neg ? -a0 : a0;
  acc[1] = neg ? -a1 : a1;
  acc[2] = neg ? -a2 : a2;
  acc[3] = neg ? -a3 : a3;
}

/// multiply_by_quantized_multiplier of four lanes, each with its own multiplier: the left shift, one
/// VQRDMULH (TFLite's saturating rounding doubling high multiply), then the rounding right shift half
/// away from zero (VRSHL rounds half up: a negative x is lowered by one first, saturating).
struct lstm_requantize4 {
  int32x4_t value, left, right, negative_fix;
  /// The same multiplier in every lane.
  explicit lstm_requantize4(multiplier m) noexcept
      : value{vdupq_n_s32(m.value)},
        left{vdupq_n_s32(m.shift > 0 ? m.shift : 0)},
        right{vdupq_n_s32(m.shift > 0 ? 0 : m.shift)},
        negative_fix{vdupq_n_s32(m.shift < 0 ? -1 : 0)} {}
  explicit lstm_requantize4(const multiplier* m) noexcept {
    std::int32_t v[4], l[4], r[4], f[4];
    for (int k = 0; k < 4; ++k) {
      v[k] = m[k].value;
      l[k] = m[k].shift > 0 ? m[k].shift : 0;
      r[k] = m[k].shift > 0 ? 0 : m[k].shift;
      f[k] = m[k].shift < 0 ? -1 : 0;
    }
    value = vldrwq_s32(v), left = vldrwq_s32(l), right = vldrwq_s32(r), negative_fix = vldrwq_s32(f);
  }
  CTML_FORCE_INLINE int32x4_t operator()(int32x4_t x) const noexcept {
    const int32x4_t high = vqrdmulhq_s32(vshlq_s32(x, left), value);
    return vrshlq_s32(vqaddq_s32(high, vandq_s32(vshrq_n_s32(high, 31), negative_fix)), right);
  }
};

/// The per-step constants of lstm_gates4: the requantizations and, a lane a gate (ONNX order i, o, f,
/// c: sigmoid, sigmoid, sigmoid, tanh), the table walk of reference::sigmoid_s16 / tanh_s16<-12>.
struct lstm_gate_consts {
  lstm_requantize4 x_to_gate, h_to_gate;
  int32x4_t index_shift, fraction_mask, saturated, positive_add, negative_from, out_shift;
  explicit lstm_gate_consts(const reference::lstm_s8_params& p) noexcept
      : x_to_gate{p.w_to_gate}, h_to_gate{p.r_to_gate} {
    // sigmoid: k = |3x| >> 9, r = (lo << 9) + frac (hi - lo), else 0x7FFF << 10; out: (r + 2^9) >> 10
    //   for x >= 0, (2^25 - r + 2^9 - 1) >> 10 below.
    // tanh:    k = |3x| >> 8, r = (lo << 8) + frac (hi - lo), else 0xFFFF << 8; out: (r - 2^23 + 2^7)
    //   >> 8 for x >= 0, (2^23 + 2^7 - 1 - r) >> 8 below.
    const std::int32_t is[4] = {-9, -9, -9, -8}, fm[4] = {0x1FF, 0x1FF, 0x1FF, 0xFF};
    const std::int32_t sat[4] = {0x7FFF << 10, 0x7FFF << 10, 0x7FFF << 10, 0xFFFF << 8};
    const std::int32_t pa[4] = {1 << 9, 1 << 9, 1 << 9, (1 << 7) - (1 << 23)};
    const std::int32_t nf[4] = {(1 << 25) + (1 << 9) - 1, (1 << 25) + (1 << 9) - 1, (1 << 25) + (1 << 9) - 1,
                                (1 << 23) + (1 << 7) - 1};
    const std::int32_t os[4] = {-10, -10, -10, -8};
    index_shift = vldrwq_s32(is), fraction_mask = vldrwq_s32(fm), saturated = vldrwq_s32(sat);
    positive_add = vldrwq_s32(pa), negative_from = vldrwq_s32(nf), out_shift = vldrwq_s32(os);
  }
};

/// Unit u's four activated gates from its sums (lanes i, o, f, c: W x + b and R h), stored i, f, g, o
/// at u, U + u, 2U + u, 3U + u: arm_dsp::lstm_unit_gates four lanes at a time, the same integers.
CTML_FORCE_INLINE void lstm_gates4(int U, int u, int32x4_t xb, int32x4_t rh, const lstm_gate_consts& g,
                                   std::int16_t* gates) noexcept {
  const int32x4_t lo16 = vdupq_n_s32(-32768), hi16 = vdupq_n_s32(32767);
  const auto sat16 = [&](int32x4_t v) { return vminq_s32(vmaxq_s32(v, lo16), hi16); };
  const int32x4_t x = sat16(vaddq_s32(sat16(g.x_to_gate(xb)), sat16(g.h_to_gate(rh))));
  const int32x4_t v = vmulq_n_s32(x, 3);
  const int32x4_t a = vabsq_s32(v);
  const int32x4_t k = vshlq_s32(a, g.index_shift);  // |3x| <= 98304: k >= 0, a signed compare
  const mve_pred16_t in_table = vcmpltq_n_s32(k, 255);
  const uint32x4_t kc = vreinterpretq_u32_s32(vminq_s32(k, vdupq_n_s32(254)));
  const uint32x4_t tlo = vldrhq_gather_shifted_offset_u32(reference::sigmoid_table_u16.data(), kc);
  const uint32x4_t thi = vldrhq_gather_shifted_offset_u32(reference::sigmoid_table_u16.data() + 1, kc);
  const int32x4_t frac = vandq_s32(a, g.fraction_mask);
  const int32x4_t walk = vaddq_s32(vshlq_s32(vreinterpretq_s32_u32(tlo), vnegq_s32(g.index_shift)),
                                   vmulq_s32(frac, vreinterpretq_s32_u32(vsubq_u32(thi, tlo))));
  const int32x4_t r = vpselq_s32(walk, g.saturated, in_table);
  const int32x4_t out =
      vpselq_s32(vaddq_s32(r, g.positive_add), vsubq_s32(g.negative_from, r), vcmpgeq_n_s32(v, 0));
  // Lanes i, o, f, c to u, 3U + u, U + u, 2U + u.
  const std::uint32_t at[4] = {0, static_cast<std::uint32_t>(3 * U), static_cast<std::uint32_t>(U),
                               static_cast<std::uint32_t>(2 * U)};
  vstrhq_scatter_shifted_offset_s32(gates + u, vldrwq_u32(at), vshlq_s32(out, g.out_shift));
}

/// reference::tanh_s16<ScalePower> of four lanes (the same table walk).
template <int ScalePower>
CTML_FORCE_INLINE int32x4_t lstm_tanh4(int32x4_t x) noexcept {
  constexpr int shift = 15 + ScalePower - 3;
  int32x4_t v;
  if constexpr (shift >= 0) {
    v = vmulq_n_s32(x, 3 << shift);
  } else {
    v = vshrq_n_s32(vaddq_n_s32(vmulq_n_s32(x, 3), 1 << (-shift - 1)), -shift);
  }
  const int32x4_t a = vabsq_s32(v);
  const int32x4_t k = vshrq_n_s32(a, 8);
  const mve_pred16_t in_table = vcmpltq_n_s32(k, 255);
  const uint32x4_t kc = vreinterpretq_u32_s32(vminq_s32(k, vdupq_n_s32(254)));
  const uint32x4_t tlo = vldrhq_gather_shifted_offset_u32(reference::sigmoid_table_u16.data(), kc);
  const uint32x4_t thi = vldrhq_gather_shifted_offset_u32(reference::sigmoid_table_u16.data() + 1, kc);
  const int32x4_t walk =
      vaddq_s32(vshlq_n_s32(vreinterpretq_s32_u32(tlo), 8),
                vmulq_s32(vandq_s32(a, vdupq_n_s32(0xFF)), vreinterpretq_s32_u32(vsubq_u32(thi, tlo))));
  const int32x4_t r = vpselq_s32(walk, vdupq_n_s32(0xFFFF << 8), in_table);
  const int32x4_t out = vpselq_s32(vaddq_n_s32(r, (1 << 7) - (1 << 23)),
                                   vsubq_s32(vdupq_n_s32((1 << 23) + (1 << 7) - 1), r), vcmpgeq_n_s32(v, 0));
  return vshrq_n_s32(out, 8);
}

/// arm_dsp::lstm_update four units at a time (the same integers): c and h from the activated gates.
template <int Units, int CellPower>
void lstm_update4(std::int8_t* h, std::int16_t* c, const reference::lstm_s8_params& p,
                  const std::int16_t* gates) noexcept {
  constexpr int U = Units;
  const lstm_requantize4 forget_cell{p.forget_cell}, input_cell{p.input_cell}, hidden{p.hidden};
  const int32x4_t lo16 = vdupq_n_s32(-32768), hi16 = vdupq_n_s32(32767);
  // Saturating to int16 then clipping to [-clip, clip] (clip <= 32767) is one clamp.
  const int32x4_t c_lo = vdupq_n_s32(p.cell_clip >= 0 ? -p.cell_clip : -32768);
  const int32x4_t c_hi = vdupq_n_s32(p.cell_clip >= 0 ? p.cell_clip : 32767);
  const auto sat16 = [&](int32x4_t v) { return vminq_s32(vmaxq_s32(v, lo16), hi16); };
  for (int u = 0; u < U; u += 4) {
    const mve_pred16_t lanes = vctp32q(static_cast<std::uint32_t>(U - u));
    const int32x4_t ig = vldrhq_z_s32(gates + u, lanes), fg = vldrhq_z_s32(gates + U + u, lanes);
    const int32x4_t gg = vldrhq_z_s32(gates + 2 * U + u, lanes), og = vldrhq_z_s32(gates + 3 * U + u, lanes);
    const int32x4_t fc = sat16(forget_cell(vmulq_s32(fg, vldrhq_z_s32(c + u, lanes))));
    const int32x4_t ic = sat16(input_cell(vmulq_s32(ig, gg)));
    const int32x4_t cu = vminq_s32(vmaxq_s32(vaddq_s32(fc, ic), c_lo), c_hi);
    vstrhq_p_s32(c + u, cu, lanes);
    const int32x4_t hv = vaddq_n_s32(hidden(vmulq_s32(lstm_tanh4<CellPower>(cu), og)), p.hidden_zero_point);
    vstrbq_p_s32(h + u, vminq_s32(vmaxq_s32(hv, vdupq_n_s32(-128)), vdupq_n_s32(127)), lanes);
  }
}

/// One step. `scratch`: 4 * Units int16 (the gates).
template <int Units, int Features, int CellPower>
void lstm_step_s8(const std::int8_t* x, std::int8_t* h, std::int16_t* c, const reference::lstm_s8_params& p,
                  std::int16_t* gates) noexcept {
  constexpr int U = Units, F = Features;
  const lstm_gate_consts consts{p};
  const std::uint32_t bias_at[4] = {0, static_cast<std::uint32_t>(U), static_cast<std::uint32_t>(2 * U),
                                    static_cast<std::uint32_t>(3 * U)};
  const uint32x4_t bias_offsets = vldrwq_u32(bias_at);
  for (int u = 0; u < U; ++u) {
    // Rows u, U + u, 2U + u, 3U + u: the unit's gates in ONNX order (i, o, f, c).
    std::int32_t xb[4] = {0, 0, 0, 0};
    std::int32_t rh[4] = {0, 0, 0, 0};
    lstm_dot4<F>(p.w + u * F, U * F, x, p.x_offset, xb);
    lstm_dot4<U>(p.r + u * U, U * U, h, p.h_offset, rh);
    const int32x4_t b = vldrwq_gather_shifted_offset_s32(p.b + u, bias_offsets);
    lstm_gates4(U, u, vaddq_s32(vldrwq_s32(xb), b), vldrwq_s32(rh), consts, gates);
  }
  lstm_update4<U, CellPower>(h, c, p, gates);
}

}  // namespace ctml::kernels::arm_mve

namespace ctml::kernels {

/// The int8 LSTM step with Helium.
template <int Units, int Features, int CellPower>
struct lstm_s8_kernel<Units, Features, CellPower, arch::arm_mve> {
  static constexpr std::size_t scratch_bytes = 4 * static_cast<std::size_t>(Units) * sizeof(std::int16_t);
  static void run(const std::int8_t* x, std::int8_t* h, std::int16_t* c, const lstm_s8_params& p,
                  std::byte* scratch) noexcept {
    arm_mve::lstm_step_s8<Units, Features, CellPower>(x, h, c, p, reinterpret_cast<std::int16_t*>(scratch));
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE

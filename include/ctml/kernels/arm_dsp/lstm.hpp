#pragma once
// The int8 LSTM step on the DSP extension (Cortex-M4, M7, M33, M55): the eight matrix-vector
// products (input and recurrent, four gates) with SMLAD, two multiply-accumulates per instruction,
// the four gate rows of a unit in one pass so each input word is loaded once for four rows. Same
// arithmetic as kernels/reference/lstm.hpp (integer sums in another order give the same int32), so
// the bytes are TFLite Micro's.
//
// Why no compile-time folding of zero point x row sum into the bias: x and h are widened to int16
// once per step with their offsets added (F + U halfword stores, under 1 % of the 4U(F + U) MACs),
// which costs nothing in the inner loop and no compile-time evaluation of the weights.

#include <ctml/core/arch.hpp>
#include <ctml/kernels/reference/lstm.hpp>

#if CTML_ARCH_ARM_DSP

#include <cstddef>
#include <cstdint>
#include <cstring>

#include <ctml/kernels/arm_dsp/intrinsics.hpp>

namespace ctml::kernels::arm_dsp {

/// v (N int8) plus `offset` as int16 in SXTB16 order (v0, v2, v1, v3 per whole group of four).
template <int N>
inline void widen_offset(const std::int8_t* v, std::int32_t offset, std::int16_t* out) noexcept {
  for (int g = 0; g < N / 4; ++g) {
    const std::int8_t* vg = v + 4 * g;
    out[4 * g + 0] = static_cast<std::int16_t>(vg[0] + offset);
    out[4 * g + 1] = static_cast<std::int16_t>(vg[2] + offset);
    out[4 * g + 2] = static_cast<std::int16_t>(vg[1] + offset);
    out[4 * g + 3] = static_cast<std::int16_t>(vg[3] + offset);
  }
}

/// acc[r] += sum_i w_r[i] (v[i] + offset) for the four rows w_r = w + r * stride (N columns); `vs` is
/// v widened by widen_offset.
template <int N>
inline void dot4_s8(const std::int8_t* w, int stride, const std::int8_t* v, const std::int16_t* vs,
                    std::int32_t offset, std::int32_t* acc) noexcept {
  const std::int8_t* w0 = w;
  const std::int8_t* w1 = w + stride;
  const std::int8_t* w2 = w + 2 * stride;
  const std::int8_t* w3 = w + 3 * stride;
  std::int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  for (int g = 0; g < N / 4; ++g) {
    std::int32_t lo, hi;
    std::memcpy(&lo, vs + 4 * g, 4);
    std::memcpy(&hi, vs + 4 * g + 2, 4);
    std::int32_t ww = load4(w0 + 4 * g);
    a0 = smlad(sxtb16(ww), lo, a0);
    a0 = smlad(sxtb16_ror8(ww), hi, a0);
    ww = load4(w1 + 4 * g);
    a1 = smlad(sxtb16(ww), lo, a1);
    a1 = smlad(sxtb16_ror8(ww), hi, a1);
    ww = load4(w2 + 4 * g);
    a2 = smlad(sxtb16(ww), lo, a2);
    a2 = smlad(sxtb16_ror8(ww), hi, a2);
    ww = load4(w3 + 4 * g);
    a3 = smlad(sxtb16(ww), lo, a3);
    a3 = smlad(sxtb16_ror8(ww), hi, a3);
  }
  for (int i = N / 4 * 4; i < N; ++i) {
    const std::int32_t vi = std::int32_t{v[i]} + offset;
    a0 += std::int32_t{w0[i]} * vi;
    a1 += std::int32_t{w1[i]} * vi;
    a2 += std::int32_t{w2[i]} * vi;
    a3 += std::int32_t{w3[i]} * vi;
  }
  acc[0] = a0, acc[1] = a1, acc[2] = a2, acc[3] = a3;
}

/// One step. `scratch`: 4 * Units int16 (the gates), then x and h widened (Features and Units rounded
/// up to 4, int16).
template <int Units, int Features, int CellPower>
void lstm_step_s8(const std::int8_t* x, std::int8_t* h, std::int16_t* c, const reference::lstm_s8_params& p,
                  std::int16_t* scratch) noexcept {
  constexpr int U = Units, F = Features;
  std::int16_t* gates = scratch;
  std::int16_t* xs = scratch + 4 * U;
  std::int16_t* hs = xs + (F + 3) / 4 * 4;
  widen_offset<F>(x, p.x_offset, xs);
  widen_offset<U>(h, p.h_offset, hs);
  for (int u = 0; u < U; ++u) {
    // Rows u, U + u, 2U + u, 3U + u: the unit's gates in ONNX order (i, o, f, c).
    std::int32_t xb[4] = {p.b[u], p.b[U + u], p.b[2 * U + u], p.b[3 * U + u]};
    std::int32_t rh[4] = {0, 0, 0, 0};
    dot4_s8<F>(p.w + u * F, U * F, x, xs, p.x_offset, xb);
    dot4_s8<U>(p.r + u * U, U * U, h, hs, p.h_offset, rh);
    using reference::lstm_cell, reference::lstm_forget, reference::lstm_input, reference::lstm_output;
    gates[u] = reference::sigmoid_s16(
        reference::detail::lstm_gate_s8(xb[lstm_input], rh[lstm_input], p, lstm_input));
    gates[U + u] = reference::sigmoid_s16(
        reference::detail::lstm_gate_s8(xb[lstm_forget], rh[lstm_forget], p, lstm_forget));
    gates[2 * U + u] =
        reference::tanh_s16<-12>(reference::detail::lstm_gate_s8(xb[lstm_cell], rh[lstm_cell], p, lstm_cell));
    gates[3 * U + u] = reference::sigmoid_s16(
        reference::detail::lstm_gate_s8(xb[lstm_output], rh[lstm_output], p, lstm_output));
  }
  reference::detail::lstm_update_s8<U, CellPower>(h, c, p, gates);
}

}  // namespace ctml::kernels::arm_dsp

namespace ctml::kernels {

/// The int8 LSTM step on the DSP extension.
template <int Units, int Features, int CellPower>
struct lstm_s8_kernel<Units, Features, CellPower, arch::arm_dsp> {
  static constexpr std::size_t scratch_bytes =
      (4 * static_cast<std::size_t>(Units) + (Features + 3) / 4 * 4 + (Units + 3) / 4 * 4) *
      sizeof(std::int16_t);
  static void run(const std::int8_t* x, std::int8_t* h, std::int16_t* c, const lstm_s8_params& p,
                  std::byte* scratch) noexcept {
    arm_dsp::lstm_step_s8<Units, Features, CellPower>(x, h, c, p, reinterpret_cast<std::int16_t*>(scratch));
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP

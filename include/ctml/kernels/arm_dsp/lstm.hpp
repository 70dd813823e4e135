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
#include <ctml/core/config.hpp>
#include <ctml/kernels/reference/lstm.hpp>

#if CTML_ARCH_ARM_DSP

#include <cstddef>
#include <cstdint>
#include <cstring>

#include <ctml/kernels/arm_dsp/intrinsics.hpp>
#include <ctml/kernels/arm_dsp/requantize.hpp>

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
  if constexpr (N >= 4) {
    // In asm: written in C, GCC 12 keeps four row pointers plus their 20 KB offsets live and spills
    // (31 instructions a group instead of 23). Rows 1 and 3 are read at a register offset from rows
    // 0 and 2, so 13 registers hold the loop.
    const std::int8_t* p = w0;
    const std::int8_t* q = w2;
    const std::int16_t* pv = vs;
    std::int32_t lo, hi, t0, t1;
// One group of four columns of the four rows (16 MACs, 21 instructions).
#define CTML_LSTM_DOT4_GROUP             \
  "ldrd %[lo], %[hi], [%[pv]], #8\n\t"   \
  "ldr %[t0], [%[p], %[s]]\n\t"          \
  "sxtb16 %[t1], %[t0]\n\t"              \
  "smlad %[a1], %[t1], %[lo], %[a1]\n\t" \
  "sxtb16 %[t0], %[t0], ror #8\n\t"      \
  "smlad %[a1], %[t0], %[hi], %[a1]\n\t" \
  "ldr %[t0], [%[p]], #4\n\t"            \
  "sxtb16 %[t1], %[t0]\n\t"              \
  "smlad %[a0], %[t1], %[lo], %[a0]\n\t" \
  "sxtb16 %[t0], %[t0], ror #8\n\t"      \
  "smlad %[a0], %[t0], %[hi], %[a0]\n\t" \
  "ldr %[t0], [%[q], %[s]]\n\t"          \
  "sxtb16 %[t1], %[t0]\n\t"              \
  "smlad %[a3], %[t1], %[lo], %[a3]\n\t" \
  "sxtb16 %[t0], %[t0], ror #8\n\t"      \
  "smlad %[a3], %[t0], %[hi], %[a3]\n\t" \
  "ldr %[t0], [%[q]], #4\n\t"            \
  "sxtb16 %[t1], %[t0]\n\t"              \
  "smlad %[a2], %[t1], %[lo], %[a2]\n\t" \
  "sxtb16 %[t0], %[t0], ror #8\n\t"      \
  "smlad %[a2], %[t0], %[hi], %[a2]\n\t"

    // Two groups an iteration (the loop's CMP and BNE once per 32 MACs), then the odd group.
    if constexpr (N / 8 > 0) {
      const std::int16_t* end = vs + N / 8 * 8;
      __asm__ volatile("1:\n\t" CTML_LSTM_DOT4_GROUP CTML_LSTM_DOT4_GROUP
                       "cmp %[pv], %[end]\n\t"
                       "bne 1b"
                       : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [p] "+r"(p), [q] "+r"(q),
                         [pv] "+r"(pv), [lo] "=&r"(lo), [hi] "=&r"(hi), [t0] "=&r"(t0), [t1] "=&r"(t1)
                       : [s] "r"(stride), [end] "r"(end)
                       : "cc", "memory");
    }
    if constexpr (N / 4 % 2 != 0) {
      __asm__ volatile(CTML_LSTM_DOT4_GROUP
                       : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [p] "+r"(p), [q] "+r"(q),
                         [pv] "+r"(pv), [lo] "=&r"(lo), [hi] "=&r"(hi), [t0] "=&r"(t0), [t1] "=&r"(t1)
                       : [s] "r"(stride)
                       : "memory");
    }
#undef CTML_LSTM_DOT4_GROUP
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

/// Unit u's four activated gates (ONNX order i, o, f, c in xb / rh; stored i, f, g, o at u, U + u,
/// 2U + u, 3U + u) from its sums: reference::detail::lstm_gate_s8 with requantize (one SMLAL) for
/// multiply_by_quantized_multiplier.
CTML_FORCE_INLINE void lstm_unit_gates(int U, int u, const std::int32_t* xb, const std::int32_t* rh,
                                       const reference::lstm_s8_params& p, std::int16_t* gates) noexcept {
  auto gate = [&](int k) {
    using reference::detail::saturate_s16;
    const std::int32_t xq = saturate_s16(requantize(xb[k], p.w_to_gate[k]));
    return saturate_s16(xq + saturate_s16(requantize(rh[k], p.r_to_gate[k])));
  };
  gates[u] = reference::sigmoid_s16(gate(reference::lstm_input));
  gates[U + u] = reference::sigmoid_s16(gate(reference::lstm_forget));
  gates[2 * U + u] = reference::tanh_s16<-12>(gate(reference::lstm_cell));
  gates[3 * U + u] = reference::sigmoid_s16(gate(reference::lstm_output));
}

/// reference::detail::lstm_update_q with requantize for multiply_by_quantized_multiplier.
template <int Units, int CellPower>
void lstm_update(std::int8_t* h, std::int16_t* c, const reference::lstm_s8_params& p,
                 const std::int16_t* gates) noexcept {
  constexpr int U = Units;
  for (int u = 0; u < U; ++u) {
    using reference::detail::saturate_s16;
    const std::int16_t fc = saturate_s16(requantize(std::int32_t{gates[U + u]} * c[u], p.forget_cell));
    const std::int16_t ic = saturate_s16(requantize(std::int32_t{gates[u]} * gates[2 * U + u], p.input_cell));
    std::int16_t cu = saturate_s16(std::int32_t{fc} + ic);
    if (p.cell_clip >= 0)
      cu =
          static_cast<std::int16_t>(cu > p.cell_clip ? p.cell_clip : (cu < -p.cell_clip ? -p.cell_clip : cu));
    c[u] = cu;
    const std::int32_t hv =
        p.hidden_zero_point +
        requantize(std::int32_t{reference::tanh_s16<CellPower>(cu)} * gates[3 * U + u], p.hidden);
    h[u] = static_cast<std::int8_t>(hv < -128 ? -128 : (hv > 127 ? 127 : hv));
  }
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
    lstm_unit_gates(U, u, xb, rh, p, gates);
  }
  lstm_update<U, CellPower>(h, c, p, gates);
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

#pragma once
// The int8 LSTM step on the DSP extension (Cortex-M4, M7, M33, M55): the eight matrix-vector
// products (input and recurrent, four gates) with SMLAD, two multiply-accumulates per instruction,
// the four gate rows of a unit in one pass so each input word is loaded once for four rows. In
// sequence mode (run2) two steps share a pass over W: x of every step is known, so each weight word
// is loaded and widened once for x_t and x_t+1 (the recurrent part stays a step at a time). Same
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

/// Gate k's input part in Q3.12: W x + b rescaled and saturated to int16 (TFLM's first half of a gate).
CTML_FORCE_INLINE std::int16_t lstm_input_part(std::int32_t xb, const reference::lstm_s8_params& p,
                                               int k) noexcept {
  return reference::detail::saturate_s16(requantize(xb, p.w_to_gate[k]));
}

/// Unit u's four activated gates (ONNX order i, o, f, c in xq / rh; stored i, f, g, o at u, U + u,
/// 2U + u, 3U + u) from the input parts (lstm_input_part) and the recurrent sums:
/// reference::detail::lstm_gate_s8 with requantize (one SMLAL) for multiply_by_quantized_multiplier.
CTML_FORCE_INLINE void lstm_unit_gates_xq(int U, int u, const std::int16_t* xq, const std::int32_t* rh,
                                          const reference::lstm_s8_params& p, std::int16_t* gates) noexcept {
  auto gate = [&](int k) {
    using reference::detail::saturate_s16;
    return saturate_s16(std::int32_t{xq[k]} + saturate_s16(requantize(rh[k], p.r_to_gate[k])));
  };
  gates[u] = reference::sigmoid_s16(gate(reference::lstm_input));
  gates[U + u] = reference::sigmoid_s16(gate(reference::lstm_forget));
  gates[2 * U + u] = reference::tanh_s16<-12>(gate(reference::lstm_cell));
  gates[3 * U + u] = reference::sigmoid_s16(gate(reference::lstm_output));
}

/// lstm_unit_gates_xq from the input sums W x + b.
CTML_FORCE_INLINE void lstm_unit_gates(int U, int u, const std::int32_t* xb, const std::int32_t* rh,
                                       const reference::lstm_s8_params& p, std::int16_t* gates) noexcept {
  const std::int16_t xq[4] = {lstm_input_part(xb[0], p, 0), lstm_input_part(xb[1], p, 1),
                              lstm_input_part(xb[2], p, 2), lstm_input_part(xb[3], p, 3)};
  lstm_unit_gates_xq(U, u, xq, rh, p, gates);
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

/// x0 and x1 (N int8 each) plus `offset` as int16, interleaved a group of four at a time in SXTB16
/// order: x0's group g at out[8g], x1's at out[8g + 4] (one pointer reads both steps' words).
template <int N>
inline void widen_offset_pair(const std::int8_t* x0, const std::int8_t* x1, std::int32_t offset,
                              std::int16_t* out) noexcept {
  for (int g = 0; g < N / 4; ++g) {
    widen_offset<4>(x0 + 4 * g, offset, out + 8 * g);
    widen_offset<4>(x1 + 4 * g, offset, out + 8 * g + 4);
  }
}

/// acc[2r + t] += sum_i w_r[i] (x_t[i] + offset) for the two rows w_0 = w, w_1 = w + stride and the
/// two steps x_0, x_1 (N columns): each weight word is loaded and widened once for both steps, 16
/// instructions per 16 MACs instead of 21 (dot4_s8). `xs` is x0, x1 widened by widen_offset_pair.
template <int N>
inline void dot2x2_s8(const std::int8_t* w, int stride, const std::int8_t* x0, const std::int8_t* x1,
                      const std::int16_t* xs, std::int32_t offset, std::int32_t* acc) noexcept {
  std::int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  if constexpr (N >= 4) {
    const std::int8_t* p = w;
    const std::int16_t* pv = xs;
    std::int32_t lo0, hi0, lo1, hi1, t0, t1;
// One group of four columns of the two rows and two steps (16 MACs, 16 instructions).
#define CTML_LSTM_DOT2X2_GROUP            \
  "ldrd %[lo1], %[hi1], [%[pv], #8]\n\t"  \
  "ldrd %[lo0], %[hi0], [%[pv]], #16\n\t" \
  "ldr %[t0], [%[p], %[s]]\n\t"           \
  "sxtb16 %[t1], %[t0]\n\t"               \
  "smlad %[a2], %[t1], %[lo0], %[a2]\n\t" \
  "smlad %[a3], %[t1], %[lo1], %[a3]\n\t" \
  "sxtb16 %[t0], %[t0], ror #8\n\t"       \
  "smlad %[a2], %[t0], %[hi0], %[a2]\n\t" \
  "smlad %[a3], %[t0], %[hi1], %[a3]\n\t" \
  "ldr %[t0], [%[p]], #4\n\t"             \
  "sxtb16 %[t1], %[t0]\n\t"               \
  "smlad %[a0], %[t1], %[lo0], %[a0]\n\t" \
  "smlad %[a1], %[t1], %[lo1], %[a1]\n\t" \
  "sxtb16 %[t0], %[t0], ror #8\n\t"       \
  "smlad %[a0], %[t0], %[hi0], %[a0]\n\t" \
  "smlad %[a1], %[t0], %[hi1], %[a1]\n\t"

    if constexpr (N / 8 > 0) {
      // 14 registers: the loop's end is read from memory (one LDR per 32 MACs).
      const std::int16_t* const end = xs + N / 8 * 16;
      __asm__ volatile("1:\n\t" CTML_LSTM_DOT2X2_GROUP CTML_LSTM_DOT2X2_GROUP
                       "ldr %[t0], %[end]\n\t"
                       "cmp %[pv], %[t0]\n\t"
                       "bne 1b"
                       : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [p] "+r"(p),
                         [pv] "+r"(pv), [lo0] "=&r"(lo0), [hi0] "=&r"(hi0), [lo1] "=&r"(lo1),
                         [hi1] "=&r"(hi1), [t0] "=&r"(t0), [t1] "=&r"(t1)
                       : [s] "r"(stride), [end] "m"(end)
                       : "cc", "memory");
    }
    if constexpr (N / 4 % 2 != 0) {
      __asm__ volatile(CTML_LSTM_DOT2X2_GROUP
                       : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [p] "+r"(p),
                         [pv] "+r"(pv), [lo0] "=&r"(lo0), [hi0] "=&r"(hi0), [lo1] "=&r"(lo1),
                         [hi1] "=&r"(hi1), [t0] "=&r"(t0), [t1] "=&r"(t1)
                       : [s] "r"(stride)
                       : "memory");
    }
#undef CTML_LSTM_DOT2X2_GROUP
  }
  const std::int8_t* w1 = w + stride;
  for (int i = N / 4 * 4; i < N; ++i) {
    const std::int32_t v0 = std::int32_t{x0[i]} + offset, v1 = std::int32_t{x1[i]} + offset;
    a0 += std::int32_t{w[i]} * v0;
    a1 += std::int32_t{w[i]} * v1;
    a2 += std::int32_t{w1[i]} * v0;
    a3 += std::int32_t{w1[i]} * v1;
  }
  acc[0] = a0, acc[1] = a1, acc[2] = a2, acc[3] = a3;
}

/// The scratch of lstm_two_steps_s8 in int16: the gates, x0 and x1 widened, h widened, then the
/// second step's input parts (4 * Units).
template <int Units, int Features>
inline constexpr std::size_t lstm_pair_scratch_s16 = 8 * static_cast<std::size_t>(Units) +
                                                     2 * ((Features + 3) / 4 * 4) + (Units + 3) / 4 * 4;

/// Two steps of a sequence: x1 is known before the first step, so W x0 and W x1 are computed in one
/// pass over W (each weight word loaded and widened once for both), the second step's input
/// parts (W x1 + b rescaled to int16) kept for it. `h_first` (if not null) receives h after the first step.
/// Same arithmetic as two lstm_step_s8.
template <int Units, int Features, int CellPower>
void lstm_two_steps_s8(const std::int8_t* x0, const std::int8_t* x1, std::int8_t* h, std::int16_t* c,
                       const reference::lstm_s8_params& p, std::int16_t* scratch,
                       std::int8_t* h_first) noexcept {
  constexpr int U = Units, F = Features;
  std::int16_t* gates = scratch;
  std::int16_t* xs = scratch + 4 * U;
  std::int16_t* hs = xs + 2 * ((F + 3) / 4 * 4);
  std::int16_t* xq1 = hs + (U + 3) / 4 * 4;
  widen_offset_pair<F>(x0, x1, p.x_offset, xs);
  widen_offset<U>(h, p.h_offset, hs);
  for (int u = 0; u < U; ++u) {
    // acc: gates i, o (rows u, U + u) then f, c (2U + u, 3U + u), each for x0 then x1.
    std::int32_t lo[4] = {p.b[u], p.b[u], p.b[U + u], p.b[U + u]};
    std::int32_t hi[4] = {p.b[2 * U + u], p.b[2 * U + u], p.b[3 * U + u], p.b[3 * U + u]};
    dot2x2_s8<F>(p.w + u * F, U * F, x0, x1, xs, p.x_offset, lo);
    dot2x2_s8<F>(p.w + (2 * U + u) * F, U * F, x0, x1, xs, p.x_offset, hi);
    const std::int32_t xb[4] = {lo[0], lo[2], hi[0], hi[2]};
    xq1[4 * u + 0] = lstm_input_part(lo[1], p, 0), xq1[4 * u + 1] = lstm_input_part(lo[3], p, 1);
    xq1[4 * u + 2] = lstm_input_part(hi[1], p, 2), xq1[4 * u + 3] = lstm_input_part(hi[3], p, 3);
    std::int32_t rh[4] = {0, 0, 0, 0};
    dot4_s8<U>(p.r + u * U, U * U, h, hs, p.h_offset, rh);
    lstm_unit_gates(U, u, xb, rh, p, gates);
  }
  lstm_update<U, CellPower>(h, c, p, gates);
  if (h_first != nullptr)
    for (int u = 0; u < U; ++u) h_first[u] = h[u];
  widen_offset<U>(h, p.h_offset, hs);
  for (int u = 0; u < U; ++u) {
    std::int32_t rh[4] = {0, 0, 0, 0};
    dot4_s8<U>(p.r + u * U, U * U, h, hs, p.h_offset, rh);
    lstm_unit_gates_xq(U, u, xq1 + 4 * u, rh, p, gates);
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
  /// Two steps of a sequence (x1 follows x0), h after the first into h_first if not null; scratch:
  /// pair_scratch_bytes.
  static constexpr std::size_t pair_scratch_bytes = arm_dsp::lstm_pair_scratch_s16<Units, Features> * 2;
  static void run2(const std::int8_t* x0, const std::int8_t* x1, std::int8_t* h, std::int16_t* c,
                   const lstm_s8_params& p, std::byte* scratch, std::int8_t* h_first) noexcept {
    arm_dsp::lstm_two_steps_s8<Units, Features, CellPower>(x0, x1, h, c, p,
                                                           reinterpret_cast<std::int16_t*>(scratch), h_first);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP

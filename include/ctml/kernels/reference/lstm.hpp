#pragma once
// Reference LSTM kernels: one time step, float, int8 and int16x8 (int16 gates and cell state), in TFLite
// Micro's order of operations and with its integer arithmetic, so the results are TFLM's bytes.
//
// Gate blocks are in ONNX order i (input), o (output), f (forget), c (cell candidate): row j of
// W [4U][F] and R [4U][U] belongs to gate j / U. The equations (TFLite UNIDIRECTIONAL_SEQUENCE_LSTM
// without peephole, projection or layer norm, which TFLM refuses):
//   i = sigmoid(Wi x + bi + Ri h)     f = sigmoid(Wf x + bf + Rf h)     o = sigmoid(Wo x + bo + Ro h)
//   g = tanh(Wc x + bc + Rc h)
//   c' = clip(f * c + i * g)          h' = o * tanh(c')

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

#include <ctml/core/arch.hpp>
#include <ctml/core/math.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/kernels/reference/elementwise.hpp>
#include <ctml/kernels/reference/sigmoid_tanh_s16.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::reference {

/// Gate block k of the stacked weights (ONNX order).
enum lstm_gate : int { lstm_input = 0, lstm_output = 1, lstm_forget = 2, lstm_cell = 3 };

namespace detail {

/// x clamped to the finite float range, as TFLite's activation clamp with no fused activation.
inline float clamp_finite(float x) noexcept {
  constexpr float lo = std::numeric_limits<float>::lowest(), hi = std::numeric_limits<float>::max();
  return x < lo ? lo : (x > hi ? hi : x);
}

/// One gate's pre-activation in float, TFLM's order: (W x + b) + (R h + 0), each clamped.
template <int F, int U>
inline float lstm_gate_f32(const float* w, const float* r, float b, const float* x, const float* h) noexcept {
  float xs = 0.0f;
  for (int i = 0; i < F; ++i) xs += x[i] * w[i];
  float hs = 0.0f;
  for (int i = 0; i < U; ++i) hs += h[i] * r[i];
  return clamp_finite(xs + b) + clamp_finite(hs + 0.0f);
}

}  // namespace detail

/// One float LSTM step: h, c <- lstm(x, h, c). W [4U][F], R [4U][U], b [4U] (gate order at the top
/// of this header); cell_clip > 0 clips c to [-cell_clip, cell_clip]. `scratch` holds 4 * Units floats.
template <int Units, int Features>
void lstm_step_f32(const float* x, float* h, float* c, const float* w, const float* r, const float* b,
                   float cell_clip, float* scratch) noexcept {
  constexpr int U = Units, F = Features;
  float* ig = scratch;
  float* fg = scratch + U;
  float* gg = scratch + 2 * U;
  float* og = scratch + 3 * U;
  auto gate = [&](int k, int u) {
    const int j = k * U + u;
    return detail::lstm_gate_f32<F, U>(w + j * F, r + j * U, b[j], x, h);
  };
  // All four gates read the previous h, so they are computed before h changes.
  for (int u = 0; u < U; ++u) {
    fg[u] = logistic_f32(gate(lstm_forget, u));
    ig[u] = logistic_f32(gate(lstm_input, u));
    gg[u] = tanh_f32(gate(lstm_cell, u));
    og[u] = logistic_f32(gate(lstm_output, u));
  }
  for (int u = 0; u < U; ++u) {
    float cu = detail::clamp_finite(fg[u] * c[u]) + detail::clamp_finite(ig[u] * gg[u]);
    if (cell_clip > 0.0f) {  // TFLM's std::max(std::min(clip, c), -clip), NaN included
      cu = cu < cell_clip ? cu : cell_clip;
      cu = cu < -cell_clip ? -cell_clip : cu;
    }
    c[u] = cu;
    h[u] = detail::clamp_finite(tanh_f32(cu) * og[u]);
  }
}

/// The compile-time constants of an int8 LSTM step (pointers into flash).
struct lstm_s8_params {
  const std::int8_t* w;         ///< [4U][F]
  const std::int8_t* r;         ///< [4U][U]
  const std::int32_t* b;        ///< [4U] at input_scale * w_scale (TFLite has no recurrent bias)
  std::int32_t x_offset;        ///< -input zero point
  std::int32_t h_offset;        ///< -h zero point
  const multiplier* w_to_gate;  ///< [4] per gate: input_scale * w_scale / 2^-12
  const multiplier* r_to_gate;  ///< [4] per gate: hidden_scale * r_scale / 2^-12
  multiplier forget_cell;       ///< 2^-15 (f * c stays at the cell scale)
  multiplier input_cell;        ///< 2^-30 / cell_scale (i * g to the cell scale)
  multiplier hidden;            ///< 2^-30 / hidden_scale (o * tanh(c) to int8)
  std::int32_t hidden_zero_point;
  std::int32_t cell_clip;  ///< quantized, clips c to [-cell_clip, cell_clip]; < 0: no clipping
};

namespace detail {

constexpr std::int16_t saturate_s16(std::int32_t v) noexcept {
  return static_cast<std::int16_t>(v < -32768 ? -32768 : (v > 32767 ? 32767 : v));
}

/// sum_i w[i] (x[i] + offset), TFLM's order.
template <int N>
inline std::int32_t dot_s8(const std::int8_t* w, const std::int8_t* x, std::int32_t offset) noexcept {
  std::int32_t acc = 0;
  for (int i = 0; i < N; ++i) acc += std::int32_t{w[i]} * (std::int32_t{x[i]} + offset);
  return acc;
}

/// Gate k's int16 Q3.12 pre-activation from its two sums, TFLM's order: each rescaled to Q3.12 and
/// saturated, then added with saturation. `xb` = W x + b, `rh` = R h (zero points added element by
/// element).
inline std::int16_t lstm_gate_s8(std::int32_t xb, std::int32_t rh, const lstm_s8_params& p, int k) noexcept {
  const std::int32_t xs = multiply_by_quantized_multiplier(xb, p.w_to_gate[k]);
  const std::int32_t hs = multiply_by_quantized_multiplier(rh, p.r_to_gate[k]);
  return saturate_s16(std::int32_t{saturate_s16(xs)} + saturate_s16(hs));
}

/// The integer step after the gates: `gates` holds the activated i, f, g, o (Q0.15, Units each); c and h
/// updated in TFLM's integer arithmetic. H: int8 (lstm_s8_params) or int16 (lstm_s16_params) h.
template <int Units, int CellPower, class H, class Params>
void lstm_update_q(H* h, std::int16_t* c, const Params& p, const std::int16_t* gates) noexcept {
  constexpr int U = Units;
  const std::int16_t* ig = gates;
  const std::int16_t* fg = gates + U;
  const std::int16_t* gg = gates + 2 * U;
  const std::int16_t* og = gates + 3 * U;
  for (int u = 0; u < U; ++u) {
    const std::int16_t fc =
        saturate_s16(multiply_by_quantized_multiplier(std::int32_t{fg[u]} * c[u], p.forget_cell));
    const std::int16_t ic =
        saturate_s16(multiply_by_quantized_multiplier(std::int32_t{ig[u]} * gg[u], p.input_cell));
    std::int16_t cu = saturate_s16(std::int32_t{fc} + ic);
    if (p.cell_clip >= 0)
      cu =
          static_cast<std::int16_t>(cu > p.cell_clip ? p.cell_clip : (cu < -p.cell_clip ? -p.cell_clip : cu));
    c[u] = cu;
    const std::int32_t hv =
        p.hidden_zero_point +
        multiply_by_quantized_multiplier(std::int32_t{tanh_s16<CellPower>(cu)} * og[u], p.hidden);
    constexpr std::int32_t lo = std::numeric_limits<H>::min(), hi = std::numeric_limits<H>::max();
    h[u] = static_cast<H>(hv < lo ? lo : (hv > hi ? hi : hv));
  }
}

}  // namespace detail

/// One int8 LSTM step: h (int8, the output's quantization), c (int16 at 2^CellPower) <- lstm(x, h, c),
/// TFLM's integer LSTM bit for bit: each gate's two matmuls rescaled to int16 Q3.12 and added with
/// saturation, int16 sigmoid / tanh (Q0.15), the cell update in int16 at the cell scale, h in int8.
/// The zero points of x and h are added element by element, as TFLM does. `scratch` holds 4 * Units
/// int16.
template <int Units, int Features, int CellPower>
void lstm_step_s8(const std::int8_t* x, std::int8_t* h, std::int16_t* c, const lstm_s8_params& p,
                  std::int16_t* scratch) noexcept {
  constexpr int U = Units, F = Features;
  auto gate = [&](int k, int u) {
    const int j = k * U + u;
    return detail::lstm_gate_s8(detail::dot_s8<F>(p.w + j * F, x, p.x_offset) + p.b[j],
                                detail::dot_s8<U>(p.r + j * U, h, p.h_offset), p, k);
  };
  // All four gates read the previous h, so they are computed before h changes.
  for (int u = 0; u < U; ++u) {
    scratch[U + u] = sigmoid_s16(gate(lstm_forget, u));
    scratch[u] = sigmoid_s16(gate(lstm_input, u));
    scratch[2 * U + u] = tanh_s16<-12>(gate(lstm_cell, u));
    scratch[3 * U + u] = sigmoid_s16(gate(lstm_output, u));
  }
  detail::lstm_update_q<U, CellPower>(h, c, p, scratch);
}

/// The compile-time constants of an int16x8 LSTM step (TFLite's 16x8: int16 x and h, zero points 0,
/// int8 weights, int64 bias, int16 cell state), as lstm_s8_params otherwise.
struct lstm_s16_params {
  const std::int8_t* w;            ///< [4U][F]
  const std::int8_t* r;            ///< [4U][U]
  const std::int64_t* b;           ///< [4U] at input_scale * w_scale
  const multiplier* w_to_gate;     ///< [4] per gate: input_scale * w_scale / 2^-12 (64-bit requantization)
  const multiplier* r_to_gate;     ///< [4] per gate: hidden_scale * r_scale / 2^-12 (64-bit requantization)
  multiplier forget_cell;          ///< 2^-15
  multiplier input_cell;           ///< 2^-30 / cell_scale
  multiplier hidden;               ///< 2^-30 / hidden_scale (o * tanh(c) to int16)
  std::int32_t hidden_zero_point;  ///< 0 (TFLite's int16 is symmetric)
  std::int32_t cell_clip;          ///< quantized, clips c to [-cell_clip, cell_clip]; < 0: no clipping
};

namespace detail {

/// sum_i w[i] x[i] in 64 bits, TFLM's order (its int16 fully connected accumulates in the bias type).
template <int N>
inline std::int64_t dot_s16(const std::int8_t* w, const std::int16_t* x) noexcept {
  std::int64_t acc = 0;
  for (int i = 0; i < N; ++i) acc += std::int32_t{w[i]} * std::int32_t{x[i]};
  return acc;
}

/// Gate k's int16 Q3.12 pre-activation of the 16x8 LSTM: each sum rescaled by TFLite's 64-bit
/// MultiplyByQuantizedMultiplier (the multiplier rounded to 16 bits), saturated, then added with saturation.
inline std::int16_t lstm_gate_s16(std::int64_t xb, std::int64_t rh, const lstm_s16_params& p,
                                  int k) noexcept {
  const std::int32_t xs = multiply_by_quantized_multiplier_64(xb, p.w_to_gate[k]);
  const std::int32_t hs = multiply_by_quantized_multiplier_64(rh, p.r_to_gate[k]);
  return saturate_s16(std::int32_t{saturate_s16(xs)} + saturate_s16(hs));
}

}  // namespace detail

/// One int16x8 LSTM step (TFLM's UNIDIRECTIONAL_SEQUENCE_LSTM with int16 activations): h (int16, the
/// output's quantization), c (int16 at 2^CellPower) <- lstm(x, h, c). As lstm_step_s8 but the matrix
/// products accumulate in int64 with the int64 bias and are rescaled with TFLite's 64-bit
/// requantization; the gates, the cell update and h (saturated to int16) are the int8 LSTM's.
/// `scratch` holds 4 * Units int16.
template <int Units, int Features, int CellPower>
void lstm_step_s16(const std::int16_t* x, std::int16_t* h, std::int16_t* c, const lstm_s16_params& p,
                   std::int16_t* scratch) noexcept {
  constexpr int U = Units, F = Features;
  auto gate = [&](int k, int u) {
    const int j = k * U + u;
    return detail::lstm_gate_s16(detail::dot_s16<F>(p.w + j * F, x) + p.b[j],
                                 detail::dot_s16<U>(p.r + j * U, h), p, k);
  };
  for (int u = 0; u < U; ++u) {
    scratch[U + u] = sigmoid_s16(gate(lstm_forget, u));
    scratch[u] = sigmoid_s16(gate(lstm_input, u));
    scratch[2 * U + u] = tanh_s16<-12>(gate(lstm_cell, u));
    scratch[3 * U + u] = sigmoid_s16(gate(lstm_output, u));
  }
  detail::lstm_update_q<U, CellPower>(h, c, p, scratch);
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

using reference::lstm_s16_params;
using reference::lstm_s8_params;

/// One int8 LSTM step on architecture `A`: the customization point of the int8 LSTM
/// (kernels/kernel.hpp). Usage: `kernels::lstm_s8_kernel<units, features, cell_power>::run(x, h, c, p,
/// scratch);` with scratch_bytes of scratch (4-byte aligned).
template <int Units, int Features, int CellPower, arch A = target_arch>
struct lstm_s8_kernel : lstm_s8_kernel<Units, Features, CellPower, fallback_of(A)> {};

template <int Units, int Features, int CellPower>
struct lstm_s8_kernel<Units, Features, CellPower, arch::generic> {
  static constexpr std::size_t scratch_bytes = 4 * static_cast<std::size_t>(Units) * sizeof(std::int16_t);
  static void run(const std::int8_t* x, std::int8_t* h, std::int16_t* c, const lstm_s8_params& p,
                  std::byte* scratch) noexcept {
    reference::lstm_step_s8<Units, Features, CellPower>(x, h, c, p, reinterpret_cast<std::int16_t*>(scratch));
  }
};

/// One int16x8 LSTM step: the portable kernel on every target (the int8 step's Arm kernels do not
/// apply). Usage as lstm_s8_kernel.
template <int Units, int Features, int CellPower>
struct lstm_s16_kernel {
  static constexpr std::size_t scratch_bytes = 4 * static_cast<std::size_t>(Units) * sizeof(std::int16_t);
  static void run(const std::int16_t* x, std::int16_t* h, std::int16_t* c, const lstm_s16_params& p,
                  std::byte* scratch) noexcept {
    reference::lstm_step_s16<Units, Features, CellPower>(x, h, c, p,
                                                         reinterpret_cast<std::int16_t*>(scratch));
  }
};

}  // namespace ctml::kernels

#pragma once
// Reference GRU kernels: one time step, float and int8 (int16 state, fixed-point gates).
//
// Gate blocks are in ONNX order z (update), r (reset), h (candidate): row j of W [3U][F] and
// R [3U][U] belongs to gate j / U. The equations (ONNX GRU, Keras GRU):
//   z = sigmoid(Wz x + Wbz + Rz h + Rbz)          r = sigmoid(Wr x + Wbr + Rr h + Rbr)
//   reset_after:  h~ = tanh(Wh x + Wbh + r * (Rh h + Rbh))       (ONNX linear_before_reset = 1)
//   reset_before: h~ = tanh(Wh x + Wbh + Rh (r * h) + Rbh)       (ONNX linear_before_reset = 0)
//   h' = (1 - z) * h~ + z * h

#include <bit>
#include <cstdint>
#include <limits>

#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/fixed_point_activation.hpp>

namespace ctml::kernels::reference {

namespace detail {

/// e^x in float: x = k ln2 + r, |r| <= ln2/2, degree-6 Taylor polynomial (relative error < 3e-7).
/// NaN propagates; the input is clamped to the finite range, so no conversion overflows.
inline float exp_f32(float x) noexcept {
  if (x != x) return x;
  x = x < -87.0f ? -87.0f : (x > 88.0f ? 88.0f : x);
  const float kf = x * 1.44269504f;
  const int k = static_cast<int>(kf + (kf >= 0.0f ? 0.5f : -0.5f));
  const auto fk = static_cast<float>(k);
  const float r = (x - fk * 0.693145752f) - fk * 1.42860677e-6f;  // ln2 split in two for exactness
  const float p =
      1.0f + r * (1.0f + r * (0.5f + r * (1.0f / 6 + r * (1.0f / 24 + r * (1.0f / 120 + r * (1.0f / 720))))));
  // 2^k built from its exponent bits; -126 <= k <= 127 after the clamp.
  return p * std::bit_cast<float>(static_cast<std::uint32_t>(k + 127) << 23);
}
inline float sigmoid_f32(float x) noexcept {
  return 1.0f / (1.0f + exp_f32(-x));
}
inline float tanh_f32(float x) noexcept {
  x = x < -10.0f ? -10.0f : (x > 10.0f ? 10.0f : x);  // tanh(10) rounds to 1 in float
  return 1.0f - 2.0f / (exp_f32(2.0f * x) + 1.0f);
}

template <int N>
inline float dot_f32(const float* w, const float* x) noexcept {
  float acc = 0.0f;
  for (int i = 0; i < N; ++i) acc += w[i] * x[i];
  return acc;
}

}  // namespace detail

/// One float GRU step: h <- gru(x, h). `scratch` holds 3 * Units floats.
/// W [3U][F], R [3U][U], Wb [3U], Rb [3U]; see the equations at the top of this header.
template <int Units, int Features, bool ResetAfter>
void gru_step_f32(const float* x, float* h, const float* w, const float* r, const float* wb, const float* rb,
                  float* scratch) noexcept {
  constexpr int U = Units, F = Features;
  float* z = scratch;
  float* rg = scratch + U;  // reset gate, then (reset_before) r * h
  float* cand = scratch + 2 * U;
  for (int u = 0; u < U; ++u) {
    z[u] = detail::sigmoid_f32(detail::dot_f32<F>(w + u * F, x) + wb[u] + detail::dot_f32<U>(r + u * U, h) +
                               rb[u]);
    const int j = U + u;
    rg[u] = detail::sigmoid_f32(detail::dot_f32<F>(w + j * F, x) + wb[j] + detail::dot_f32<U>(r + j * U, h) +
                                rb[j]);
  }
  if constexpr (ResetAfter) {
    for (int u = 0; u < U; ++u) {
      const int j = 2 * U + u;
      cand[u] = detail::tanh_f32(detail::dot_f32<F>(w + j * F, x) + wb[j] +
                                 rg[u] * (detail::dot_f32<U>(r + j * U, h) + rb[j]));
    }
  } else {
    for (int u = 0; u < U; ++u) rg[u] *= h[u];
    for (int u = 0; u < U; ++u) {
      const int j = 2 * U + u;
      cand[u] = detail::tanh_f32(detail::dot_f32<F>(w + j * F, x) + wb[j] +
                                 detail::dot_f32<U>(r + j * U, rg) + rb[j]);
    }
  }
  // h' = (1 - z) h~ + z h, written as h~ + z (h - h~): one multiply, exact at z = 0 and z = 1.
  for (int u = 0; u < U; ++u) h[u] = cand[u] + z[u] * (h[u] - cand[u]);
}

/// Gate pre-activations of the int8 GRU are int32 Q5.26 (range +-32, step 2^-26): sigmoid and tanh
/// are saturated well inside that range, so clamping there changes no result.
inline constexpr int gru_gate_integer_bits = 5;
inline constexpr int gru_gate_fraction_bits = 31 - gru_gate_integer_bits;

/// The compile-time constants of an int8 GRU step (pointers into flash).
struct gru_s8_params {
  const std::int8_t* w;         ///< [3U][F]
  const std::int8_t* r;         ///< [3U][U]
  const std::int32_t* wb;       ///< [3U], scale input_scale * w_scale[j]; minus z_x * sum_i W[j][i]
  const std::int32_t* rb;       ///< [3U], scale 2^-15 * r_scale[j]
  const multiplier* w_to_gate;  ///< [3U], input_scale * w_scale[j] * 2^26
  const multiplier* r_to_gate;  ///< [3U], 2^-15 * r_scale[j] * 2^26
};

namespace detail {

/// round(v / 2^s), ties toward +infinity. REQUIRES: 1 <= s <= 62.
constexpr std::int64_t round_shift(std::int64_t v, int s) noexcept {
  return (v + (std::int64_t{1} << (s - 1))) >> s;
}
constexpr std::int32_t saturate_i32(std::int64_t v) noexcept {
  constexpr std::int64_t lo = std::numeric_limits<std::int32_t>::min();
  constexpr std::int64_t hi = std::numeric_limits<std::int32_t>::max();
  return static_cast<std::int32_t>(v < lo ? lo : (v > hi ? hi : v));
}
/// acc * m in 64-bit arithmetic (no overflow for any int32 acc): the real value acc * M, where M is
/// value * 2^(shift - 31), rounded to an int32 and saturated.
constexpr std::int32_t scale_to_gate(std::int32_t acc, multiplier m) noexcept {
  const int s = 31 - m.shift;  // >= 1 because quantize_multiplier keeps shift <= 30
  if (s > 62) return 0;
  return saturate_i32(round_shift(std::int64_t{acc} * m.value, s));
}

template <int N, class S>
inline std::int32_t dot_s8_s16(const std::int8_t* w, const S* h) noexcept {
  std::int32_t acc = 0;
  for (int i = 0; i < N; ++i) acc += std::int32_t{w[i]} * std::int32_t{h[i]};
  return acc;
}

}  // namespace detail

/// One int8 GRU step: h (int16, Q0.15) <- gru(x, h). The input's zero point is folded into p.wb
/// (sum_i W[j][i] (x[i] - z_x) = sum_i W[j][i] x[i] - z_x sum_i W[j][i]), as TFLite folds it.
/// Gate pre-activations in Q5.26, sigmoid/tanh by ctml::fixed::logistic/tanh (Q0.31), the update in
/// Q0.31, the new state rounded to Q0.15. `scratch` holds 3 * Units int32. ExactActivations picks
/// ctml::fixed::logistic/tanh (error < 2e-7, a few hundred instructions each) over the interpolated
/// table (error < 2.6e-5, about 20 instructions).
/// REQUIRES: Units <= 512 (the recurrent int32 accumulator cannot overflow).
template <int Units, int Features, bool ResetAfter, bool ExactActivations = false>
void gru_step_s8(const std::int8_t* x, std::int16_t* h, const gru_s8_params& p,
                 std::int32_t* scratch) noexcept {
  constexpr int U = Units, F = Features, G = gru_gate_integer_bits;
  auto sigmoid = [](std::int32_t v) {
    return ExactActivations ? fixed::logistic(v, G) : fixed::logistic_table(v, G);
  };
  auto tanh = [](std::int32_t v) { return ExactActivations ? fixed::tanh(v, G) : fixed::tanh_table(v, G); };
  std::int32_t* z = scratch;
  std::int32_t* rg = scratch + U;  // reset gate Q0.31, then (reset_before) r * h in Q0.15
  std::int32_t* cand = scratch + 2 * U;
  auto input_part = [&](int j) {
    return detail::scale_to_gate(detail::dot_s8_s16<F>(p.w + j * F, x) + p.wb[j], p.w_to_gate[j]);
  };
  auto recurrent_part = [&](int j, const auto* state) {
    return detail::scale_to_gate(detail::dot_s8_s16<U>(p.r + j * U, state) + p.rb[j], p.r_to_gate[j]);
  };
  for (int u = 0; u < U; ++u) {
    z[u] = sigmoid(detail::saturate_i32(std::int64_t{input_part(u)} + recurrent_part(u, h)));
    const int j = U + u;
    rg[u] = sigmoid(detail::saturate_i32(std::int64_t{input_part(j)} + recurrent_part(j, h)));
  }
  if constexpr (ResetAfter) {
    for (int u = 0; u < U; ++u) {
      const int j = 2 * U + u;
      // r (Q0.31) times a Q5.26 value is Q5.26.
      const std::int32_t gated = saturating_rounding_doubling_high_mul(rg[u], recurrent_part(j, h));
      cand[u] = tanh(detail::saturate_i32(std::int64_t{input_part(j)} + gated));
    }
  } else {
    // r * h: Q0.31 * Q0.15 -> Q0.15, the same scale as h, so Rh's scales apply unchanged.
    for (int u = 0; u < U; ++u)
      rg[u] = static_cast<std::int32_t>(detail::round_shift(std::int64_t{rg[u]} * h[u], 31));
    for (int u = 0; u < U; ++u) {
      const int j = 2 * U + u;
      cand[u] = tanh(detail::saturate_i32(std::int64_t{input_part(j)} + recurrent_part(j, rg)));
    }
  }
  for (int u = 0; u < U; ++u) {
    // h' = h~ + z (h - h~) in Q0.31, then rounded to Q0.15.
    const std::int64_t h31 = std::int64_t{h[u]} * 65536;
    const std::int64_t next = cand[u] + detail::round_shift(std::int64_t{z[u]} * (h31 - cand[u]), 31);
    const std::int64_t q15 = detail::round_shift(next, 16);
    h[u] = static_cast<std::int16_t>(q15 > 32767 ? 32767 : (q15 < -32768 ? -32768 : q15));
  }
}

/// int8 output of a Q0.15 state: y = clamp(round(h * 2^-15 / out_scale) + out_zero_point).
template <int Units>
void gru_output_s8(const std::int16_t* h, multiplier m, std::int32_t zero_point, std::int8_t* y) noexcept {
  for (int u = 0; u < Units; ++u) {
    const std::int32_t q = multiply_by_quantized_multiplier(h[u], m) + zero_point;
    y[u] = static_cast<std::int8_t>(q < -128 ? -128 : (q > 127 ? 127 : q));
  }
}

}  // namespace ctml::kernels::reference

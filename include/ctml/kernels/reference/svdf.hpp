#pragma once
// Reference SVDF kernels: one frame, float and integer (int8 input/output, int16 or int8 state), in
// TFLite Micro's arithmetic (bit-exact).
//
// An SVDF layer of `Units` units and rank `Rank` has Units * Rank filters. Filter f keeps the last
// `Memory` values of its feature projection (the state, [filters][Memory], oldest first). One frame:
//   state[f] <- state[f][1..Memory-1], dot(feature[f], x)                  (the FIFO moves by one)
//   y[u]     <- activation(bias[u] + sum_r dot(time[u * Rank + r], state[u * Rank + r]))

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/quantization.hpp>

namespace ctml::kernels::reference {

/// TFLite Micro's fused activation of a float SVDF (std::fmax / std::fmin semantics: relu(-0) is +0).
constexpr float svdf_activation_f32(activation act, float a) noexcept {
  switch (act) {
    case activation::relu:
      return a > 0.0f ? a : 0.0f;
    case activation::relu6: {
      const float m = a <= 6.0f ? a : 6.0f;
      return m > 0.0f ? m : 0.0f;
    }
    case activation::relu_n1_to_1: {
      const float m = a <= 1.0f ? a : 1.0f;
      return m > -1.0f ? m : -1.0f;
    }
    case activation::none:
      break;
  }
  return a;
}

/// p[i] <- p[i + 1] for the first n - 1 of n elements: the memory's move by one frame, a word at a time
/// (forward, so each word is read before the word overlapping it is written). A memmove by one
/// element is byte by byte in newlib, since source and destination are not equally aligned.
template <class S>
inline void svdf_shift(S* p, std::size_t n) noexcept {
  auto* b = reinterpret_cast<unsigned char*>(p);
  const std::size_t bytes = (n - 1) * sizeof(S);
  std::size_t i = 0;
  for (; i + 4 <= bytes; i += 4) {
    std::uint32_t w;
    std::memcpy(&w, b + i + sizeof(S), 4);
    std::memcpy(b + i, &w, 4);
  }
  for (; i < bytes; ++i) b[i] = b[i + sizeof(S)];
}

/// One float SVDF frame. feature [filters][Features], time [filters][Memory], bias [Units],
/// state [filters][Memory]; sums in TFLite Micro's order (so the bytes equal its reference kernel's).
template <int Units, int Rank, int Features, int Memory, activation Act>
void svdf_step_f32(const float* x, float* state, const float* feature, const float* time, const float* bias,
                   float* y) noexcept {
  constexpr int filters = Units * Rank;
  // The whole state moves left by one element; each filter's last slot is then overwritten.
  svdf_shift(state, static_cast<std::size_t>(filters) * Memory);
  for (int f = 0; f < filters; ++f) {
    const float* w = feature + f * Features;
    float acc = 0.0f;
    for (int c = 0; c < Features; ++c) acc += w[c] * x[c];
    state[f * Memory + Memory - 1] = acc;
  }
  for (int u = 0; u < Units; ++u) {
    float out = bias[u];
    for (int r = 0; r < Rank; ++r) {
      const int f = u * Rank + r;
      const float* w = time + f * Memory;
      const float* s = state + f * Memory;
      float acc = 0.0f;
      for (int j = 0; j < Memory; ++j) acc += w[j] * s[j];
      out += acc;
    }
    y[u] = svdf_activation_f32(Act, out);
  }
}

/// The compile-time constants of an integer SVDF frame.
struct svdf_s8_params {
  multiplier to_state;   ///< input_scale * feature_scale / state_scale (TFLite's effective_scale_1)
  multiplier to_output;  ///< state_scale * time_scale / output_scale (effective_scale_2)
  std::int32_t input_zero_point, state_zero_point, output_zero_point;
};

/// One integer SVDF frame: int8 input and feature weights, state and time weights of type S (int16 or
/// int8), int32 bias (scale state_scale * time_scale), int8 output. No activation: TFLite Micro's
/// integer SVDF applies none (the int8 clamp only).
template <int Units, int Rank, int Features, int Memory, class S, svdf_s8_params P>
void svdf_step_s8(const std::int8_t* x, S* state, const std::int8_t* feature, const S* time,
                  const std::int32_t* bias, std::int8_t* y) noexcept {
  constexpr int filters = Units * Rank;
  constexpr std::int32_t lo = std::numeric_limits<S>::min(), hi = std::numeric_limits<S>::max();
  svdf_shift(state, static_cast<std::size_t>(filters) * Memory);
  for (int f = 0; f < filters; ++f) {
    const std::int8_t* w = feature + f * Features;
    std::int32_t acc = 0;
    for (int c = 0; c < Features; ++c) acc += std::int32_t{w[c]} * (std::int32_t{x[c]} - P.input_zero_point);
    acc = multiply_by_quantized_multiplier(acc, P.to_state);
    acc = acc < lo ? lo : (acc > hi ? hi : acc);
    // The zero point is added after the clamp and the sum wraps to S, as in TFLite Micro.
    state[f * Memory + Memory - 1] = static_cast<S>(P.state_zero_point + acc);
  }
  for (int u = 0; u < Units; ++u) {
    // The time sums can exceed int32 (an int16 memory and int16 time weights: 32767^2 a term); TFLite
    // Micro's int32 sums then wrap (in practice: the overflow is undefined in its C++). ctml wraps
    // them by definition, in unsigned arithmetic, so every compiler gives TFLite Micro's bytes.
    auto out = static_cast<std::uint32_t>(bias[u]);
    for (int r = 0; r < Rank; ++r) {
      const int f = u * Rank + r;
      const S* w = time + f * Memory;
      const S* s = state + f * Memory;
      for (int j = 0; j < Memory; ++j)  // each product fits in int32: |w| <= 2^15, |s - zp| < 2^16
        out += static_cast<std::uint32_t>(std::int32_t{w[j]} * (std::int32_t{s[j]} - P.state_zero_point));
    }
    const std::int32_t q =
        multiply_by_quantized_multiplier(static_cast<std::int32_t>(out), P.to_output) + P.output_zero_point;
    y[u] = static_cast<std::int8_t>(q < -128 ? -128 : (q > 127 ? 127 : q));
  }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

using reference::svdf_s8_params;

/// One integer SVDF frame on architecture `A`: the customization point of SVDF (kernels/kernel.hpp).
/// Usage: `kernels::svdf_s8_kernel<units, rank, features, memory, std::int16_t, P>::run(x, state, ...);`
template <int Units, int Rank, int Features, int Memory, class S, svdf_s8_params P, arch A = target_arch>
struct svdf_s8_kernel : svdf_s8_kernel<Units, Rank, Features, Memory, S, P, fallback_of(A)> {};

template <int Units, int Rank, int Features, int Memory, class S, svdf_s8_params P>
struct svdf_s8_kernel<Units, Rank, Features, Memory, S, P, arch::generic> : no_scratch {
  static void run(const std::int8_t* x, S* state, const std::int8_t* feature, const S* time,
                  const std::int32_t* bias, std::int8_t* y, std::byte* /*scratch*/) noexcept {
    reference::svdf_step_s8<Units, Rank, Features, Memory, S, P>(x, state, feature, time, bias, y);
  }
};

/// One float SVDF frame on architecture `A`.
template <int Units, int Rank, int Features, int Memory, activation Act, arch A = target_arch>
struct svdf_f32_kernel : svdf_f32_kernel<Units, Rank, Features, Memory, Act, fallback_of(A)> {};

template <int Units, int Rank, int Features, int Memory, activation Act>
struct svdf_f32_kernel<Units, Rank, Features, Memory, Act, arch::generic> : no_scratch {
  static void run(const float* x, float* state, const float* feature, const float* time, const float* bias,
                  float* y, std::byte* /*scratch*/) noexcept {
    reference::svdf_step_f32<Units, Rank, Features, Memory, Act>(x, state, feature, time, bias, y);
  }
};

}  // namespace ctml::kernels

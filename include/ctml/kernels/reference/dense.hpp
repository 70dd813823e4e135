#pragma once
// Reference fully connected kernels, int8 (TFLite's FullyConnected, per-tensor or per-channel), int16 x
// int8 (its 16x8 case) and float.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/kernels/reference/conv2d.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::reference {

/// Whether dense_s8 widens its input to int16 once and shares it between the units. Measured: on
/// x86-64 the widened dot product becomes pmaddwd (AD 0.60 M -> 0.43 M instructions); on 32-bit Arm
/// without the DSP extension (Cortex-M0+) it costs 16 % (Thumb-1 loads take a register offset, so
/// int16 and int8 operands need two index registers), so the int8 loop stays there.
inline constexpr bool dense_widens_input = !is_arm32;

/// int8 dense: out[u] = requant(bias[u] + sum_i (x[i] + input_offset) * w[u][i]). Weights [Units, In];
/// `mult` has one entry (per-tensor) or `Units` entries (per-channel, PerChannel = true).
template <int Units, int In, bool PerChannel, requant_constants Q>
void dense_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
              const multiplier* mult, std::int8_t* out) noexcept {
  if constexpr (dense_widens_input && In <= max_widened_input) {
    // input + offset widened once, shared by every unit
    std::int16_t xw[In];
    widen_offset<In>(in, Q.input_offset, xw);
    for (int u = 0; u < Units; ++u)
      out[u] = requantize<Q>(dot_s16_s8<In>(xw, weights + u * In) + bias[u], mult[PerChannel ? u : 0]);
  } else {
    for (int u = 0; u < Units; ++u) {
      const std::int8_t* w = weights + u * In;
      std::int32_t acc = 0;
      for (int i = 0; i < In; ++i) acc += (std::int32_t{in[i]} + Q.input_offset) * std::int32_t{w[i]};
      out[u] = requantize<Q>(acc + bias[u], mult[PerChannel ? u : 0]);
    }
  }
}

/// int8 dense in ONNX's arithmetic (QLinearMatMul): out[u] = requantize_onnx(bias[u] + sum_i (x[i] +
/// input_offset) * (w[u][i] + WeightOffset)), `mult` float32, one (per tensor) or `Units` entries.
template <int Units, int In, bool PerChannel, requant_constants Q, int WeightOffset>
void dense_s8_onnx(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                   const float* mult, std::int8_t* out) noexcept {
  for (int u = 0; u < Units; ++u) {
    const std::int8_t* w = weights + u * In;
    std::int32_t acc = bias[u];
    for (int i = 0; i < In; ++i)
      acc += (std::int32_t{in[i]} + Q.input_offset) * (std::int32_t{w[i]} + WeightOffset);
    out[u] = requantize_onnx<Q>(acc, mult[PerChannel ? u : 0]);
  }
}

/// int16 x int8 dense (TFLite's 16x8 FullyConnected, per tensor or per unit): out[u] =
/// requant64(bias[u] + sum_i x[i] * w[u][i]); zero points 0.
template <int Units, int In, bool PerChannel, requant_constants Q>
void dense_s16(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
               const multiplier* mult, std::int16_t* out) noexcept {
  for (int u = 0; u < Units; ++u)
    out[u] = requantize_s16<Q>(dot_s16_s8_64<In>(in, weights + u * In) + bias[u], mult[PerChannel ? u : 0]);
}

/// float dense.
template <int Units, int In>
void dense_f32(const float* in, const float* weights, const float* bias, float act_min, float act_max,
               float* out) noexcept {
  for (int u = 0; u < Units; ++u) {
    const float* w = weights + u * In;
    float acc = 0.0f;
    for (int i = 0; i < In; ++i) acc += in[i] * w[i];
    acc += bias[u];
    out[u] = acc < act_min ? act_min : (acc > act_max ? act_max : acc);
  }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

/// The int8 dense layer (`Units` outputs over `In` inputs, per-unit multipliers when `PerChannel`)
/// on architecture `A`: the customization point of dense (kernels/kernel.hpp).
/// Usage: `kernels::dense_s8_kernel<12, 64, true, Q>::run(in, w.data(), bias, mult, out, scratch);`
template <int Units, int In, bool PerChannel, requant_constants Q, arch A = target_arch>
struct dense_s8_kernel : dense_s8_kernel<Units, In, PerChannel, Q, fallback_of(A)> {};

template <int Units, int In, bool PerChannel, requant_constants Q>
struct dense_s8_kernel<Units, In, PerChannel, Q, arch::generic> : imported_weights {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    reference::dense_s8<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
  }
};

/// The int8 dense layer in ONNX's arithmetic (dense_options::requantization = onnx) on architecture
/// `A`: no architecture specialises it, every target runs the portable kernel (soft float on cores
/// without an FPU). Usage: `kernels::dense_s8_onnx_kernel<12, 64, false, Q, 0>::run(in, w, b, m, out, s);`
template <int Units, int In, bool PerChannel, requant_constants Q, int WeightOffset, arch A = target_arch>
struct dense_s8_onnx_kernel : dense_s8_onnx_kernel<Units, In, PerChannel, Q, WeightOffset, fallback_of(A)> {};

template <int Units, int In, bool PerChannel, requant_constants Q, int WeightOffset>
struct dense_s8_onnx_kernel<Units, In, PerChannel, Q, WeightOffset, arch::generic> : imported_weights {
  static void run(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                  const float* mult, std::int8_t* out, std::byte* /*scratch*/) noexcept {
    reference::dense_s8_onnx<Units, In, PerChannel, Q, WeightOffset>(in, weights, bias, mult, out);
  }
};

/// The int16 x int8 dense layer (TFLite's 16x8) on architecture `A` (int64 bias; the DSP extension
/// specialises it in arm_dsp/dense_s16.hpp, weights in pair order).
/// Usage: `kernels::dense_s16_kernel<12, 64, true, Q>::run(in, w.data(), bias, mult, out, scratch);`
template <int Units, int In, bool PerChannel, requant_constants Q, arch A = target_arch>
struct dense_s16_kernel : dense_s16_kernel<Units, In, PerChannel, Q, fallback_of(A)> {};

template <int Units, int In, bool PerChannel, requant_constants Q>
struct dense_s16_kernel<Units, In, PerChannel, Q, arch::generic> : imported_weights {
  static void run(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                  const multiplier* mult, std::int16_t* out, std::byte* /*scratch*/) noexcept {
    reference::dense_s16<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
  }
};

/// The float dense layer on architecture `A` (as dense_s8_kernel; `run` clamps to [act_min, act_max]).
template <int Units, int In, arch A = target_arch>
struct dense_f32_kernel : dense_f32_kernel<Units, In, fallback_of(A)> {};

template <int Units, int In>
struct dense_f32_kernel<Units, In, arch::generic> : imported_weights {
  static void run(const float* in, const float* weights, const float* bias, float act_min, float act_max,
                  float* out, std::byte* /*scratch*/) noexcept {
    reference::dense_f32<Units, In>(in, weights, bias, act_min, act_max, out);
  }
};

}  // namespace ctml::kernels

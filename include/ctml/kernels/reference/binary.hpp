#pragma once
// Reference two-input element-wise kernels with TFLite's broadcasting: ADD, SUB, MUL, MINIMUM and MAXIMUM
// for int8, int16 (TFLite's 16x8 scheme) and float, DIV for float, bit-exact with TFLite Micro's reference
// kernels; int8 ADD and MUL in ONNX's arithmetic.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/kernels/reference/elementwise.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels {

/// The operation of a two-input element-wise kernel.
enum class binary_op { add, sub, mul, div, minimum, maximum, prelu };

/// Where each output element reads its two operands (numpy/TFLite broadcasting, rank <= 4): output
/// dims padded to 4 with leading 1s, and per-axis strides of each operand (0 along an axis it
/// broadcasts). `same`: both operands have the output's shape (one flat loop).
struct broadcast_geometry {
  int dims[4] = {1, 1, 1, 1};
  int a_stride[4] = {0, 0, 0, 0};
  int b_stride[4] = {0, 0, 0, 0};
  bool same = true;
  constexpr std::size_t size() const {
    return static_cast<std::size_t>(dims[0]) * static_cast<std::size_t>(dims[1]) *
           static_cast<std::size_t>(dims[2]) * static_cast<std::size_t>(dims[3]);
  }
};

namespace reference {

/// One quantized element of ADD / SUB / MUL (int8 or int16), TFLite's arithmetic:
/// ADD, SUB: each input offset, shifted left by K.left_shift (20 int8, 15 int16), rescaled to twice the
///           larger input scale, summed (or subtracted), rescaled to the output;
/// MUL:      (a + offset1) * (b + offset2) rescaled by s1 * s2 / s_out.
/// Then the output zero point and the activation clamp.
/// MINIMUM, MAXIMUM: the smaller / larger raw value (TFLite compares the stored integers; both inputs and
/// the output share one quantization).
/// PRELU:    a + offset1 rescaled by K.input1 (in_scale / out_scale) where it is >= 0, else
///           (a + offset1) * (b + offset2) rescaled by K.output (in_scale * alpha_scale / out_scale).
template <binary_op Op, add_constants K>
constexpr std::int32_t binary_quantized(std::int32_t a, std::int32_t b) noexcept {
  std::int32_t r = 0;
  if constexpr (Op == binary_op::prelu) {
    const std::int32_t x = a + K.input1_offset;
    r = (x >= 0 ? multiply_by_quantized_multiplier(x, K.input1)
                : multiply_by_quantized_multiplier(x * (b + K.input2_offset), K.output)) +
        K.output_offset;
  } else if constexpr (Op == binary_op::minimum) {
    return a < b ? a : b;
  } else if constexpr (Op == binary_op::maximum) {
    return a > b ? a : b;
  } else if constexpr (Op == binary_op::mul) {
    r = multiply_by_quantized_multiplier((a + K.input1_offset) * (b + K.input2_offset), K.output) +
        K.output_offset;
  } else {
    const std::int32_t s1 =
        multiply_by_quantized_multiplier((a + K.input1_offset) * (std::int32_t{1} << K.left_shift), K.input1);
    const std::int32_t s2 =
        multiply_by_quantized_multiplier((b + K.input2_offset) * (std::int32_t{1} << K.left_shift), K.input2);
    r = multiply_by_quantized_multiplier(Op == binary_op::add ? s1 + s2 : s1 - s2, K.output) +
        K.output_offset;
  }
  return r < K.act_min ? K.act_min : (r > K.act_max ? K.act_max : r);
}

/// One float element: a op b, clamped to [lo, hi] (TFLite's ActivationFunctionWithMinMax). MINIMUM and
/// MAXIMUM are not clamped and pick as TFLite does (`a < b ? a : b`, `a > b ? a : b`: the second operand
/// on ties and NaN); PRELU (`a >= 0 ? a : a * b`) is not clamped either.
template <binary_op Op>
inline float binary_float(float a, float b, float lo, float hi) noexcept {
  if constexpr (Op == binary_op::prelu) {
    return a >= 0.0f ? a : a * b;
  } else if constexpr (Op == binary_op::minimum) {
    return a < b ? a : b;
  } else if constexpr (Op == binary_op::maximum) {
    return a > b ? a : b;
  } else {
    float r = 0.0f;
    if constexpr (Op == binary_op::add)
      r = a + b;
    else if constexpr (Op == binary_op::sub)
      r = a - b;
    else if constexpr (Op == binary_op::mul)
      r = a * b;
    else
      r = a / b;
    return r < lo ? lo : (r > hi ? hi : r);
  }
}

/// Applies `f(a_element, b_element)` to every output element of geometry G. `out` may be `a` when
/// `a` has the output's shape (each element is read before it is written).
template <broadcast_geometry G, class T, class F>
void broadcast_apply(const T* a, const T* b, T* out, F f) noexcept {
  if constexpr (G.same) {
    for (std::size_t i = 0; i < G.size(); ++i) out[i] = f(a[i], b[i]);
  } else {
    for (int i0 = 0; i0 < G.dims[0]; ++i0)
      for (int i1 = 0; i1 < G.dims[1]; ++i1)
        for (int i2 = 0; i2 < G.dims[2]; ++i2) {
          const T* pa = a + i0 * G.a_stride[0] + i1 * G.a_stride[1] + i2 * G.a_stride[2];
          const T* pb = b + i0 * G.b_stride[0] + i1 * G.b_stride[1] + i2 * G.b_stride[2];
          for (int i3 = 0; i3 < G.dims[3]; ++i3) *out++ = f(pa[i3 * G.a_stride[3]], pb[i3 * G.b_stride[3]]);
        }
  }
}

/// Quantized ADD / SUB / MUL / MINIMUM / MAXIMUM of int8 or int16 tensors with broadcasting.
template <binary_op Op, broadcast_geometry G, add_constants K, class T>
void binary_q(const T* a, const T* b, T* out) noexcept {
  broadcast_apply<G>(a, b, out, [](T x, T y) {
    return static_cast<T>(binary_quantized<Op, K>(std::int32_t{x}, std::int32_t{y}));
  });
}

/// Float ADD / SUB / MUL / DIV (clamped to [lo, hi]) and MINIMUM / MAXIMUM with broadcasting.
template <binary_op Op, broadcast_geometry G>
void binary_f32(const float* a, const float* b, float lo, float hi, float* out) noexcept {
  broadcast_apply<G>(a, b, out, [lo, hi](float x, float y) { return binary_float<Op>(x, y, lo, hi); });
}

/// The quantizations of an int8 ADD / MUL in ONNX's arithmetic (requantization::onnx): both inputs' and
/// the output's scale and zero point, and the output's clamp bounds (its activation).
struct onnx_binary_constants {
  float a_scale = 1.0f;
  std::int32_t a_zero_point = 0;
  float b_scale = 1.0f;
  std::int32_t b_zero_point = 0;
  float out_scale = 1.0f;
  std::int32_t out_zero_point = 0;
  std::int32_t act_min = -128;
  std::int32_t act_max = 127;
};

/// ADD / MUL of int8 tensors in ONNX's arithmetic: DequantizeLinear of both inputs ((x - zp) * scale),
/// the float op, QuantizeLinear (round half to even of (r / out_scale), plus the zero point, clamped),
/// each step one float32 operation, as onnxruntime runs a QDQ model's nodes. Exact wherever float32 is
/// IEEE and `a * b + c` is not contracted into a fused multiply-add (-ffp-contract=off on cores with one).
template <binary_op Op, broadcast_geometry G, onnx_binary_constants K>
void binary_onnx(const std::int8_t* a, const std::int8_t* b, std::int8_t* out) noexcept {
  static_assert(Op == binary_op::add || Op == binary_op::mul, "ONNX's arithmetic: ADD and MUL");
  constexpr auto lo = static_cast<float>(K.act_min - K.out_zero_point);
  constexpr auto hi = static_cast<float>(K.act_max - K.out_zero_point);
  broadcast_apply<G>(a, b, out, [](std::int8_t x, std::int8_t y) {
    const float xf = static_cast<float>(std::int32_t{x} - K.a_zero_point) * K.a_scale;
    const float yf = static_cast<float>(std::int32_t{y} - K.b_zero_point) * K.b_scale;
    const float r = Op == binary_op::add ? xf + yf : xf * yf;
    return static_cast<std::int8_t>(round_half_even(r / K.out_scale, lo, hi) + K.out_zero_point);
  });
}

}  // namespace reference

/// int8 ADD or MUL in ONNX's arithmetic with broadcasting on architecture `A` (add / mul with
/// requantization::onnx). `out` may be `a` when `a` has the output's shape.
/// Usage: `kernels::binary_onnx_kernel<binary_op::add, G, K>::run(a, b, out, scratch);`
template <binary_op Op, broadcast_geometry G, reference::onnx_binary_constants K, arch A = target_arch>
struct binary_onnx_kernel : binary_onnx_kernel<Op, G, K, fallback_of(A)> {};

template <binary_op Op, broadcast_geometry G, reference::onnx_binary_constants K>
struct binary_onnx_kernel<Op, G, K, arch::generic> : no_scratch {
  static void run(const std::int8_t* a, const std::int8_t* b, std::int8_t* out,
                  std::byte* /*scratch*/) noexcept {
    reference::binary_onnx<Op, G, K>(a, b, out);
  }
};

/// Quantized (int8, int16) ADD, SUB, MUL, MINIMUM or MAXIMUM with broadcasting on architecture `A`: the
/// customization point of the two-input element-wise ops other than the same-shape int8 ADD (add_s8_kernel).
/// `out` may be `a` when `a` has the output's shape.
/// Usage: `kernels::binary_q_kernel<binary_op::sub, G, K, std::int16_t>::run(a, b, out, scratch);`
template <binary_op Op, broadcast_geometry G, add_constants K, class T, arch A = target_arch>
struct binary_q_kernel : binary_q_kernel<Op, G, K, T, fallback_of(A)> {};

template <binary_op Op, broadcast_geometry G, add_constants K, class T>
struct binary_q_kernel<Op, G, K, T, arch::generic> : no_scratch {
  static void run(const T* a, const T* b, T* out, std::byte* /*scratch*/) noexcept {
    reference::binary_q<Op, G, K>(a, b, out);
  }
};

/// Float ADD, SUB, MUL, DIV, MINIMUM or MAXIMUM with broadcasting on architecture `A` (`run` clamps to
/// [lo, hi] but for MINIMUM and MAXIMUM).
template <binary_op Op, broadcast_geometry G, arch A = target_arch>
struct binary_f32_kernel : binary_f32_kernel<Op, G, fallback_of(A)> {};

template <binary_op Op, broadcast_geometry G>
struct binary_f32_kernel<Op, G, arch::generic> : no_scratch {
  static void run(const float* a, const float* b, float lo, float hi, float* out,
                  std::byte* /*scratch*/) noexcept {
    reference::binary_f32<Op, G>(a, b, lo, hi, out);
  }
};

}  // namespace ctml::kernels

#pragma once
// ctml::mul: element-wise product of two tensors with TFLite's broadcasting: int8 and int16 with TFLite's
// quantized MUL arithmetic (bit-exact) and float.

#include <ctml/layers/binary.hpp>

namespace ctml {

/// Options of a mul: the fused activation.
struct mul_options {
  ctml::activation activation = ctml::activation::none;
  /// int8 only: TFLite's MUL arithmetic (default) or ONNX's (DequantizeLinear, float32 mul,
  /// QuantizeLinear rounding half to even: a QDQ Mul; docs/onnx.md).
  ctml::requantization requantization = ctml::requantization::tflite;
};

/// Element-wise a * b, like `keras.layers.Multiply`, for graphs: `ctml::node<"p", ctml::mul<opts, out_q>,
/// "a", "b">`. int8 / int16: (a - za) * (b - zb) rescaled by s_a * s_b / s_out with one Q31 multiplier, as
/// TFLite's MUL; int16 zero points are 0. Broadcasting and a constant second operand
/// (`ctml::mul<opts, my_constant_operand>`) as for ctml::add.
/// Usage: `ctml::mul<ctml::mul_options{}, my_data::prod_q>`
template <mul_options O = mul_options{}, const auto&... Output>
struct mul : detail::binary_layer<mul<O, Output...>, kernels::binary_op::mul, O.activation, Output...> {
  static constexpr ctml::requantization requantization_mode = O.requantization;
};

}  // namespace ctml

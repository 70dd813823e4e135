#pragma once
// ctml::add: element-wise sum of two tensors (residual connections), with TFLite's broadcasting: int8 and
// int16 with TFLite's quantized ADD arithmetic (bit-exact) and float.

#include <ctml/layers/binary.hpp>

namespace ctml {

/// Options of an add: the fused activation.
struct add_options {
  ctml::activation activation = ctml::activation::none;
  /// int8 only: TFLite's ADD arithmetic (default) or ONNX's (DequantizeLinear, float32 add,
  /// QuantizeLinear rounding half to even: a QDQ Add; docs/onnx.md).
  ctml::requantization requantization = ctml::requantization::tflite;
};

/// Element-wise a + b, like `keras.layers.Add`, for graphs: `ctml::node<"sum", ctml::add<opts, out_q>, "a",
/// "b">`. int8 / int16: each input is rescaled to twice the larger input scale with a 20-bit (int16: 15-bit)
/// left shift, summed, and rescaled to the output scale, exactly as TFLite's ADD; int16 zero points are 0.
/// The shapes broadcast as in TFLite (aligned at the last axis, a dimension of 1 repeats; rank <= 4). The
/// second operand may be a constant in flash: `ctml::add<opts, my_constant_operand>` reads one input.
/// Runs in place over its first input when the graph no longer needs it and it has the output's shape.
/// Usage: `ctml::add<ctml::add_options{.activation = ctml::activation::relu}, my_data::sum_output_q>`
template <add_options O = add_options{}, const auto&... Output>
struct add : detail::binary_layer<add<O, Output...>, kernels::binary_op::add, O.activation, Output...> {
  static constexpr ctml::requantization requantization_mode = O.requantization;
};

}  // namespace ctml

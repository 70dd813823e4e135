#pragma once
// ctml::sub: element-wise difference of two tensors with TFLite's broadcasting: int8 and int16 with
// TFLite's quantized SUB arithmetic (bit-exact) and float.

#include <ctml/layers/binary.hpp>

namespace ctml {

/// Options of a sub: the fused activation.
struct sub_options {
  ctml::activation activation = ctml::activation::none;
};

/// Element-wise a - b, like `keras.layers.Subtract`, for graphs: `ctml::node<"d", ctml::sub<opts, out_q>,
/// "a", "b">`. int8 / int16: TFLite's SUB (ADD's rescaling, 20-bit or 15-bit left shift, the multipliers from
/// TFLite's float steps); int16 zero points are 0. Broadcasting and a constant second operand
/// (`ctml::sub<opts, my_constant_operand>`) as for ctml::add.
/// Usage: `ctml::sub<ctml::sub_options{}, my_data::diff_q>`
template <sub_options O = sub_options{}, const auto&... Output>
struct sub : detail::binary_layer<sub<O, Output...>, kernels::binary_op::sub, O.activation, Output...> {};

}  // namespace ctml

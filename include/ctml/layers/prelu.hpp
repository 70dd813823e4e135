#pragma once
// ctml::prelu: TFLite's PRELU, x for x >= 0 and alpha * x below with a per-element alpha tensor
// (broadcast), float and int8.

#include <ctml/layers/binary.hpp>

namespace ctml {

/// Parametric ReLU, like `keras.layers.PReLU` (TFLite's PRELU, bit-exact): `x >= 0 ? x : alpha * x`,
/// alpha broadcast against x as for ctml::add (usually one per channel, a constant in flash). int8:
/// TFLite's two multipliers, in_scale / out_scale for x >= the zero point and in_scale * alpha_scale /
/// out_scale below it, then the output zero point, saturated. `Alpha`: a ctml::constant_operand (its
/// `.quant` the alpha's, `.output` the output's), or for an alpha that is a second input the output's
/// ctml::quantization (float: nothing).
/// Usage: `ctml::prelu<my_data::alpha>`
template <const auto&... Alpha>
struct prelu : detail::binary_layer<prelu<Alpha...>, kernels::binary_op::prelu, activation::none, Alpha...> {
};

}  // namespace ctml

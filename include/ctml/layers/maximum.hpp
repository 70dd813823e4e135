#pragma once
// ctml::maximum: the element-wise larger of two tensors with TFLite's broadcasting (TFLite's MAXIMUM), int8,
// int16 and float.

#include <ctml/layers/binary.hpp>

namespace ctml {

/// Element-wise `a > b ? a : b` (TFLite's MAXIMUM, bit-exact). int8 / int16 compare the stored integers, so
/// both inputs and the output share one quantization (the output takes the inputs'). The shapes broadcast as
/// for ctml::add; the second operand may be a constant in flash (`ctml::maximum<my_constant_operand>`,
/// whose `.quant` and `.output` equal the input's quantization).
/// Usage: `ctml::node<"m", ctml::maximum<>, "a", "b">`
template <const auto&... Operand>
struct maximum
    : detail::binary_layer<maximum<Operand...>, kernels::binary_op::maximum, activation::none, Operand...> {};

}  // namespace ctml

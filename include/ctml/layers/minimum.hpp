#pragma once
// ctml::minimum: the element-wise smaller of two tensors with TFLite's broadcasting (TFLite's MINIMUM), int8,
// int16 and float.

#include <ctml/layers/binary.hpp>

namespace ctml {

/// Element-wise `a < b ? a : b` (TFLite's MINIMUM, bit-exact). int8 / int16 compare the stored integers, so
/// both inputs and the output share one quantization (the output takes the inputs'). The shapes broadcast as
/// for ctml::add; the second operand may be a constant in flash (`ctml::minimum<my_constant_operand>`,
/// whose `.quant` and `.output` equal the input's quantization).
/// Usage: `ctml::node<"m", ctml::minimum<>, "a", "b">`
template <const auto&... Operand>
struct minimum
    : detail::binary_layer<minimum<Operand...>, kernels::binary_op::minimum, activation::none, Operand...> {};

}  // namespace ctml

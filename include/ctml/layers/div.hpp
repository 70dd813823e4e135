#pragma once
// ctml::div: element-wise quotient of two float tensors with TFLite's broadcasting (TFLite's DIV).

#include <ctml/layers/binary.hpp>

namespace ctml {

/// Options of a div: the fused activation.
struct div_options {
  ctml::activation activation = ctml::activation::none;
};

/// Element-wise a / b of float tensors, TFLite's DIV: the quotient clamped to the activation's range
/// (to [lowest, max] without one, as TFLite does: a division by zero gives the largest float). The shapes
/// broadcast as for ctml::add; the divisor may be a constant in flash (`ctml::div<opts, my_constant>`).
/// Usage: `ctml::node<"q", ctml::div<>, "a", "b">`
template <div_options O = div_options{}, const auto&... Operand>
struct div : detail::binary_layer<div<O, Operand...>, kernels::binary_op::div, O.activation, Operand...> {};

}  // namespace ctml

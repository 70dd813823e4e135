#pragma once
// The kernels of the two-input element-wise ops with broadcasting (add, sub, mul, div, minimum, maximum):
// kernels::binary_q_kernel, kernels::binary_f32_kernel (see kernels/conv2d.hpp for the scheme). The
// same-shape int8 ADD keeps its own faster kernel, kernels::add_s8_kernel (kernels/elementwise.hpp).

#include <ctml/kernels/reference/binary.hpp>

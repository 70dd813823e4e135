#pragma once
// The kernels of the same-shape int8 add and the clamp activations: kernels::add_s8_kernel,
// kernels::clamp_kernel (see kernels/conv2d.hpp for the scheme; the other add, sub and mul kernels:
// kernels/binary.hpp).

#include <ctml/kernels/arm_dsp/elementwise.hpp>
#include <ctml/kernels/arm_mve/elementwise.hpp>
#include <ctml/kernels/reference/elementwise.hpp>

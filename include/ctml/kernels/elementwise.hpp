#pragma once
// The kernels of add and the clamp activations: kernels::add_s8_kernel, kernels::add_f32_kernel,
// kernels::clamp_kernel (see kernels/conv2d.hpp for the scheme).

#include <ctml/kernels/arm_dsp/elementwise.hpp>
#include <ctml/kernels/arm_mve/elementwise.hpp>
#include <ctml/kernels/reference/elementwise.hpp>

#pragma once
// The kernels of softmax: kernels::softmax_s8_kernel, kernels::softmax_s16_kernel,
// kernels::softmax_f32_kernel (see kernels/conv2d.hpp for the scheme).

#include <ctml/kernels/arm_mve/softmax.hpp>
#include <ctml/kernels/reference/softmax.hpp>
#include <ctml/kernels/reference/softmax_s16.hpp>

#pragma once
// The kernels of conv2d_transpose: kernels::conv2d_transpose_s8_kernel, conv2d_transpose_s16_kernel
// (16x8) and conv2d_transpose_f32_kernel (see kernels/conv2d.hpp for the scheme). Only the portable
// kernels exist: every target runs them.

#include <ctml/kernels/reference/conv2d_transpose.hpp>

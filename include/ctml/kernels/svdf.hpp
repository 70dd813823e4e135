#pragma once
// The kernels of SVDF: kernels::svdf_s8_kernel, kernels::svdf_f32_kernel (see kernels/conv2d.hpp for
// the scheme). Only the portable kernels exist so far.

#include <ctml/kernels/reference/svdf.hpp>

#pragma once
// The kernels of mean: kernels::mean_kernel, kernels::mean_f32_kernel (see kernels/conv2d.hpp for the
// scheme; reference only).

#include <ctml/kernels/reference/mean.hpp>

#pragma once
// The kernels of average_pool2d and max_pool2d: kernels::average_pool2d_kernel, kernels::max_pool2d_kernel
// (see kernels/conv2d.hpp for the scheme).

#include <ctml/kernels/arm_dsp/pooling.hpp>
#include <ctml/kernels/arm_mve/pooling.hpp>
#include <ctml/kernels/reference/pooling.hpp>

#pragma once
// The kernels of l2_normalization: kernels::l2_normalization_kernel, kernels::l2_normalization_f32_kernel
// (see kernels/conv2d.hpp for the scheme; reference only).

#include <ctml/kernels/reference/l2_normalization.hpp>

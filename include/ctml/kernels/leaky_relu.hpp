#pragma once
// The kernels of leaky_relu: kernels::leaky_relu_kernel, kernels::leaky_relu_f32_kernel (see
// kernels/conv2d.hpp for the scheme; reference only).

#include <ctml/kernels/reference/leaky_relu.hpp>

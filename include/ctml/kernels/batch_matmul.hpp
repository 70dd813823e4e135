#pragma once
// The kernel of batch_matmul: kernels::batch_matmul_kernel (see kernels/conv2d.hpp for the scheme;
// reference only).

#include <ctml/kernels/reference/batch_matmul.hpp>

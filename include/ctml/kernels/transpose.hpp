#pragma once
// The kernel of transpose: kernels::transpose_kernel (see kernels/conv2d.hpp for the scheme;
// reference only).

#include <ctml/kernels/reference/transpose.hpp>

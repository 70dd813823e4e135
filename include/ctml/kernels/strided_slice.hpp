#pragma once
// The kernel of strided_slice: kernels::strided_slice_kernel (see kernels/conv2d.hpp for the scheme;
// reference only).

#include <ctml/kernels/reference/strided_slice.hpp>

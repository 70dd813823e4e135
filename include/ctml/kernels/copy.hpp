#pragma once
// The kernels of copying bytes: kernels::copy_kernel (see kernels/conv2d.hpp for the scheme).

#include <ctml/kernels/arm_mve/copy.hpp>
#include <ctml/kernels/reference/copy.hpp>

#pragma once
// The kernel of cast: kernels::cast_kernel (see kernels/conv2d.hpp for the scheme; reference only).

#include <ctml/kernels/reference/cast.hpp>

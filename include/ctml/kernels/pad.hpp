#pragma once
// The kernel of pad: kernels::pad_kernel (see kernels/conv2d.hpp for the scheme; reference only).

#include <ctml/kernels/reference/pad.hpp>

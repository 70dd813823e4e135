#pragma once
// The kernel of concatenation: kernels::concatenation_kernel (see kernels/conv2d.hpp for the
// scheme; reference only).

#include <ctml/kernels/reference/concatenation.hpp>

#pragma once
// The kernels of SVDF: kernels::svdf_s8_kernel, kernels::svdf_f32_kernel (see kernels/conv2d.hpp for
// the scheme): the portable ones, and the int8 SVDF (int8 memory, or int16 memory of zero point 0) on
// the DSP extension and with Helium (Cortex-M55).

#include <ctml/kernels/arm_dsp/svdf.hpp>
#include <ctml/kernels/arm_mve/svdf.hpp>
#include <ctml/kernels/reference/svdf.hpp>

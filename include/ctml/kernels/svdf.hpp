#pragma once
// The kernels of SVDF: kernels::svdf_s8_kernel, kernels::svdf_f32_kernel (see kernels/conv2d.hpp for
// the scheme): the portable ones, and the int8 SVDF with int16 memory on the DSP extension (which the
// Cortex-M55 also takes, by fallback).

#include <ctml/kernels/arm_dsp/svdf.hpp>
#include <ctml/kernels/reference/svdf.hpp>

#pragma once
// The kernels of dense: kernels::dense_s8_kernel, kernels::dense_s16_kernel (16x8; Arm DSP kernel in
// arm_dsp/dense_s16.hpp), kernels::dense_f32_kernel (see
// kernels/conv2d.hpp for the scheme).

#include <ctml/kernels/arm_dsp/dense.hpp>
#include <ctml/kernels/arm_dsp/dense_s16.hpp>
#include <ctml/kernels/arm_mve/dense.hpp>
#include <ctml/kernels/arm_mve/dense_s16.hpp>
#include <ctml/kernels/armv6m/dense.hpp>
#include <ctml/kernels/reference/dense.hpp>

#pragma once
// The kernels of depthwise_conv2d: kernels::depthwise_conv2d_s8_kernel, kernels::depthwise_conv2d_s16_kernel
// (16x8, the reference on every target), kernels::depthwise_conv2d_f32_kernel (see kernels/conv2d.hpp
// for the scheme).

#include <ctml/kernels/arm_dsp/depthwise_conv2d.hpp>
#include <ctml/kernels/arm_mve/depthwise_conv2d.hpp>
#include <ctml/kernels/armv6m/depthwise_conv2d.hpp>
#include <ctml/kernels/reference/depthwise_conv2d.hpp>

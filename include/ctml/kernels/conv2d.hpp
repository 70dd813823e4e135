#pragma once
// The kernels of conv2d: kernels::conv2d_s8_kernel, kernels::conv2d_s16_kernel (int16 x int8, TFLite's
// 16x8; Arm DSP kernel in arm_dsp/conv2d_s16.hpp) and kernels::conv2d_f32_kernel. Layers include
// this header and ask those types (layout, prepare, scratch_bytes, run: kernels/kernel.hpp).
//
// The types are declared, with the portable kernel for arch::generic, in kernels/reference/; each
// header below specialises them for its architecture (it is empty when the compiler does not target
// it). Which one a translation unit gets is decided by ctml::target_arch alone (core/arch.hpp): the
// specialization for it if one covers the layer, else that of fallback_of(target_arch), down to the
// reference. A new instruction set adds its header here (docs/kernels.md, "Adding an instruction set").

#include <ctml/kernels/arm_dsp/conv2d.hpp>
#include <ctml/kernels/arm_dsp/conv2d_s16.hpp>
#include <ctml/kernels/arm_mve/conv2d.hpp>
#include <ctml/kernels/arm_mve/conv2d_s16.hpp>
#include <ctml/kernels/armv6m/conv2d.hpp>
#include <ctml/kernels/reference/conv2d.hpp>

#pragma once
// The kernels of the int8 LSTM step: kernels::lstm_s8_kernel (see kernels/conv2d.hpp for the scheme):
// the portable one, the DSP extension's and Helium's (Cortex-M55). The float LSTM has only the
// portable step (kernels/reference/lstm.hpp).

#include <ctml/kernels/arm_dsp/lstm.hpp>
#include <ctml/kernels/arm_mve/lstm.hpp>
#include <ctml/kernels/reference/lstm.hpp>

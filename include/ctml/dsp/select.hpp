#pragma once
// Every architecture-specific specialisation of the DSP customization points (dsp/arch.hpp), so that
// an algorithm sees them before it names detail::X_impl<target_arch>. Each header is empty unless the
// compiler can build its code (one CTML_ARCH_* guard line); which code runs is target_arch's choice
// (arch::generic under CTML_FORCE_GENERIC). A folder comes after the folders it falls back to.

#include <ctml/dsp/arm_dsp/biquad.hpp>
#include <ctml/dsp/arm_dsp/fft_q15.hpp>
#include <ctml/dsp/arm_dsp/fft_q31.hpp>
#include <ctml/dsp/arm_dsp/fir.hpp>
#include <ctml/dsp/arm_dsp/sqrt.hpp>
#include <ctml/dsp/arm_dsp/sum_squares_q15.hpp>
#include <ctml/dsp/arm_mve/biquad.hpp>
#include <ctml/dsp/arm_mve/dct.hpp>
#include <ctml/dsp/arm_mve/fft.hpp>
#include <ctml/dsp/arm_mve/fft_q15.hpp>
#include <ctml/dsp/arm_mve/fft_q31.hpp>
#include <ctml/dsp/arm_mve/finite.hpp>
#include <ctml/dsp/arm_mve/fir.hpp>
#include <ctml/dsp/arm_mve/log.hpp>
#include <ctml/dsp/arm_mve/rms.hpp>
#include <ctml/dsp/arm_mve/spectrum.hpp>
#include <ctml/dsp/arm_mve/sum_squares_q15.hpp>
#include <ctml/dsp/arm_mve/window.hpp>

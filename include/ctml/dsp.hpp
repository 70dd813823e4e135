#pragma once
// ctml::dsp: the signal-processing front end (windows, FFTs, statistics, spectra, PSD, mel, DCT,
// MFCC, streaming framer, the MLPerf Tiny KWS front end, FIR and biquad filters with a Butterworth
// designer, pre-emphasis, DC blocker, moving average, Goertzel; convolution and correlation, peaks,
// envelope, STFT and spectrogram, deltas, 3-axis magnitude and jerk). See docs/dsp.md.

#include <ctml/dsp/biquad.hpp>
#include <ctml/dsp/butterworth.hpp>
#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/config.hpp>
#include <ctml/dsp/correlation.hpp>
#include <ctml/dsp/dc_blocker.hpp>
#include <ctml/dsp/dct.hpp>
#include <ctml/dsp/deltas.hpp>
#include <ctml/dsp/envelope.hpp>
#include <ctml/dsp/feature_ring.hpp>
#include <ctml/dsp/fft.hpp>
#include <ctml/dsp/fft_q15.hpp>
#include <ctml/dsp/fft_q31.hpp>
#include <ctml/dsp/fir.hpp>
#include <ctml/dsp/framer.hpp>
#include <ctml/dsp/goertzel.hpp>
#include <ctml/dsp/kws_frontend.hpp>
#include <ctml/dsp/kws_frontend_q15.hpp>
#include <ctml/dsp/kws_stream_q15.hpp>
#include <ctml/dsp/mel.hpp>
#include <ctml/dsp/mfcc.hpp>
#include <ctml/dsp/mfcc_q15.hpp>
#include <ctml/dsp/motion.hpp>
#include <ctml/dsp/moving_average.hpp>
#include <ctml/dsp/peaks.hpp>
#include <ctml/dsp/pre_emphasis.hpp>
#include <ctml/dsp/psd.hpp>
#include <ctml/dsp/sliding_window.hpp>
#include <ctml/dsp/spectrum.hpp>
#include <ctml/dsp/statistics.hpp>
#include <ctml/dsp/stft.hpp>
#include <ctml/dsp/window.hpp>

#pragma once
// Per-frame accelerometer features with ctml::dsp, the same as activity.py's features (scipy/numpy):
// gravity removed per axis by a Butterworth high-pass (state carried from frame to frame), then,
// orientation-free: log10 std of the raw magnitude |a|, log10 RMS of the body-acceleration
// magnitude, log10 RMS of the jerk magnitude, log10 power of |a| in five bands of a Hann-windowed
// periodogram.

#include <array>
#include <cmath>
#include <cstddef>
#include <span>

#include <ctml/dsp/biquad.hpp>
#include <ctml/dsp/butterworth.hpp>
#include <ctml/dsp/motion.hpp>
#include <ctml/dsp/psd.hpp>
#include <ctml/dsp/spectrum.hpp>
#include <ctml/dsp/statistics.hpp>

namespace activity {
using namespace ctml::literals;

inline constexpr ctml::hertz sample_rate = 50_Hz;
inline constexpr std::size_t frame_size = 64;  // 1.28 s
inline constexpr std::size_t features = 8;
using sample = std::array<float, 3>;  // x, y, z in g
struct band {
  float lo, hi;
};
inline constexpr std::array<band, 5> bands{
    {{0.5f, 1.2f}, {1.2f, 2.0f}, {2.0f, 2.8f}, {2.8f, 4.0f}, {4.0f, 25.1f}}};
// activity.py's HIGHPASS_SOS: scipy.signal.butter(2, 0.5, "highpass", fs=50, output="sos").
inline constexpr auto gravity_highpass = ctml::dsp::butter_highpass<2>(ctml::hertz{0.5}, sample_rate);

/// Turns one frame of 3-axis samples into the model's feature vector; frames of one stream in
/// order (the high-passes keep their state), reset() before a new stream.
/// Usage: `activity::feature_extractor fx; fx(frame, f);   // frame: 64 samples, f: 8 floats`
class feature_extractor {
  using periodogram_type = ctml::dsp::periodogram<frame_size, ctml::dsp::window_type::hann>;
  using highpass_type = ctml::dsp::sos_filter<gravity_highpass.size()>;

 public:
  /// Constants in flash: the periodogram's window and FFT tables (the filters' coefficients are
  /// members, in RAM with their state).
  static constexpr std::size_t flash_bytes = periodogram_type::flash_bytes;

  /// Starts a new stream (the high-passes from rest, as sosfilt without zi).
  void reset() {
    for (auto& h : highpass_) h.reset();
  }

  void operator()(std::span<const sample, frame_size> in, std::span<float, features> out) {
    for (std::size_t n = 0; n < frame_size; ++n)
      for (std::size_t a = 0; a < 3; ++a) body_[n][a] = highpass_[a].process(in[n][a]);
    ctml::dsp::magnitude(in, magnitude_);
    ctml::dsp::magnitude(body_, body_magnitude_);
    ctml::dsp::jerk_magnitude(in, sample_rate, jerk_);
    out[0] = std::log10(ctml::dsp::stddev(magnitude_) + 1e-3f);
    out[1] = std::log10(ctml::dsp::rms(body_magnitude_) + 1e-3f);
    out[2] = std::log10(ctml::dsp::rms(jerk_) + 1e-3f);
    periodogram_.compute(magnitude_, psd_);  // detrended (scipy's default), Hann window, density
    for (std::size_t b = 0; b < bands.size(); ++b)
      out[3 + b] = std::log10(ctml::dsp::band_power(psd_, static_cast<float>(sample_rate.value) / frame_size,
                                                    bands[b].lo, bands[b].hi) +
                              1e-6f);
  }

 private:
  periodogram_type periodogram_{{.sample_rate = sample_rate}};
  std::array<highpass_type, 3> highpass_{highpass_type{gravity_highpass}, highpass_type{gravity_highpass},
                                         highpass_type{gravity_highpass}};
  std::array<sample, frame_size> body_{};
  std::array<float, frame_size> magnitude_{}, body_magnitude_{};
  std::array<float, frame_size - 1> jerk_{};
  std::array<float, frame_size / 2 + 1> psd_{};
};

}  // namespace activity

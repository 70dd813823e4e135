#pragma once
// Per-frame vibration features with ctml::dsp, the same as vibration.py's features (scipy/numpy):
// the stream band-limited by a Butterworth high-pass (the sensor's DC offset removed; state carried
// from frame to frame), then log10 RMS, excess kurtosis / 10, log10 power in six bands of a
// Hann-windowed periodogram.

#include <array>
#include <cmath>
#include <cstddef>
#include <span>

#include <ctml/dsp/biquad.hpp>
#include <ctml/dsp/butterworth.hpp>
#include <ctml/dsp/psd.hpp>
#include <ctml/dsp/spectrum.hpp>
#include <ctml/dsp/statistics.hpp>

namespace vibration {
using namespace ctml::literals;

inline constexpr ctml::hertz sample_rate = 2048_Hz;
inline constexpr std::size_t frame_size = 256;
inline constexpr std::size_t features = 8;
struct band {
  float lo, hi;
};
inline constexpr std::array<band, 6> bands{
    {{0, 40}, {40, 80}, {80, 160}, {160, 320}, {320, 640}, {640, 1025}}};
// vibration.py's HIGHPASS_SOS: scipy.signal.butter(2, 3, "highpass", fs=2048, output="sos").
inline constexpr auto highpass = ctml::dsp::butter_highpass<2>(3_Hz, sample_rate);

/// Turns one frame of samples into the model's feature vector; frames of one stream in order (the
/// high-pass keeps its state), reset() before a new stream. Holds the filter, the filtered frame and
/// the periodogram's buffers.
class feature_extractor {
  using periodogram_type = ctml::dsp::periodogram<frame_size, ctml::dsp::window_type::hann>;
  using highpass_type = ctml::dsp::sos_filter<highpass.size()>;

 public:
  /// Memory (ctml::Budgeted, docs/memory.md): the periodogram's tables and state and the high-pass
  /// (coefficients and state); the periodogram's work buffers, the filtered frame, the PSD and the
  /// padding that aligns the object are scratch.
  static constexpr std::size_t flash_bytes = periodogram_type::flash_bytes;
  static constexpr std::size_t state_bytes = periodogram_type::state_bytes + highpass_type::state_bytes;
  static constexpr std::size_t ram_bytes =
      (periodogram_type::ram_bytes + sizeof(std::array<float, frame_size / 2 + 1>) +
       sizeof(std::array<float, frame_size>) + highpass_type::ram_bytes + alignof(periodogram_type) - 1) /
      alignof(periodogram_type) * alignof(periodogram_type);
  static constexpr std::size_t scratch_bytes = ram_bytes - state_bytes;

  /// Starts a new stream (the high-pass from rest, as sosfilt without zi).
  void reset() { highpass_.reset(); }

  /// The pipeline stage's name for operator() (ctml::pipeline calls compute(in, out)).
  void compute(std::span<const float, frame_size> x, std::span<float, features> out) { (*this)(x, out); }

  void operator()(std::span<const float, frame_size> in, std::span<float, features> out) {
    highpass_.process(in, filtered_);
    const std::span<const float, frame_size> x(filtered_);
    out[0] = std::log10(ctml::dsp::rms(x) + 1e-6f);
    out[1] = ctml::dsp::kurtosis(x) / 10.0f;
    periodogram_.compute(x, psd_);
    for (std::size_t b = 0; b < bands.size(); ++b)
      out[2 + b] = std::log10(ctml::dsp::band_power(psd_, static_cast<float>(sample_rate.value) / frame_size,
                                                    bands[b].lo, bands[b].hi) +
                              1e-9f);
  }

 private:
  periodogram_type periodogram_{{.sample_rate = sample_rate}};
  std::array<float, frame_size / 2 + 1> psd_{};
  std::array<float, frame_size> filtered_{};
  highpass_type highpass_{highpass};
};
static_assert(sizeof(feature_extractor) == feature_extractor::ram_bytes);

}  // namespace vibration

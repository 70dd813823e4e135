#pragma once
// Short-time Fourier transform and spectrogram of a signal held in memory, frame after frame of N
// samples every Hop samples (frames entirely inside the signal), with a periodic window:
//   stft:        scipy.signal.stft(x, fs, window, nperseg=N, noverlap=N-Hop, boundary=None,
//                padded=False), i.e. rfft(frame * w) / sum(w) (scaling 'spectrum');
//   spectrogram: scipy.signal.spectrogram(x, fs, window, nperseg=N, noverlap=N-Hop, detrend=False,
//                scaling='density', mode='psd'), i.e. |rfft(frame * w)|^2 / (fs sum(w^2)), the bins
//                between DC and Nyquist doubled (one-sided).

#include <array>
#include <cstddef>
#include <span>

#include <ctml/core/units.hpp>
#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/fft.hpp>
#include <ctml/dsp/window.hpp>

namespace ctml::dsp {

/// Number of whole frames of N samples every Hop samples in n samples (scipy's time axis length
/// with boundary=None, padded=False). Usage: `constexpr auto t = ctml::dsp::stft_frames(16000, 512, 256);`
constexpr std::size_t stft_frames(std::size_t n, std::size_t frame, std::size_t hop) {
  return n < frame ? 0 : (n - frame) / hop + 1;
}

namespace detail {
template <std::size_t N, window_type W>
inline constexpr double window_sum = [] {
  double s = 0;
  for (float v : window<W, N>) s += v;
  return s;
}();
template <std::size_t N, window_type W>
inline constexpr double window_power = [] {
  double s = 0;
  for (float v : window<W, N>) s += static_cast<double>(v) * v;
  return s;
}();
// One windowed frame's rfft into bins (frame: N floats of scratch).
template <std::size_t N, window_type W>
void windowed_rfft(const float* x, std::span<float, N> frame, std::span<complex_f32, N / 2 + 1> bins) {
  for (std::size_t n = 0; n < N; ++n) frame[n] = x[n] * window<W, N>[n];
  rfft<N>(frame, bins);
}
}  // namespace detail

/// STFT: out[t] = rfft(x[t Hop .. t Hop + N) * w) / sum(w) for t < min(out.size(), stft_frames(...)).
/// frame: N floats of scratch. Returns the number of frames written.
/// Usage:
///   std::array<std::array<ctml::dsp::complex_f32, 257>, 61> z;  std::array<float, 512> scratch;
///   std::size_t t = ctml::dsp::stft<512, 256>(signal, std::span(z), scratch);
template <std::size_t N, std::size_t Hop, window_type W = window_type::hann>
std::size_t stft(std::span<const float> x, std::span<std::array<complex_f32, N / 2 + 1>> out,
                 std::span<float, N> frame) {
  static_assert(Hop >= 1 && Hop <= N, "ctml::dsp::stft<N, Hop>: Hop must be from 1 to N");
  const std::size_t frames = stft_frames(x.size(), N, Hop);
  const std::size_t t_count = frames < out.size() ? frames : out.size();
  constexpr float scale = static_cast<float>(1.0 / detail::window_sum<N, W>);
  for (std::size_t t = 0; t < t_count; ++t) {
    detail::windowed_rfft<N, W>(x.data() + t * Hop, frame, std::span<complex_f32, N / 2 + 1>(out[t]));
    for (auto& b : out[t]) b = {b.re * scale, b.im * scale};
  }
  return t_count;
}

/// Spectrogram (power spectral density per frame): out[t][k] = c_k |rfft(frame_t * w)[k]|^2 /
/// (fs sum(w^2)), c_k = 2 between DC and Nyquist, else 1. frame: N floats, bins: N / 2 + 1 complex
/// values of scratch. Returns the number of frames written.
/// Usage: `ctml::dsp::spectrogram<256, 128>(signal, 1_kHz, std::span(psd_frames), frame, bins);`
template <std::size_t N, std::size_t Hop, window_type W = window_type::hann>
std::size_t spectrogram(std::span<const float> x, hertz sample_rate,
                        std::span<std::array<float, N / 2 + 1>> out, std::span<float, N> frame,
                        std::span<complex_f32, N / 2 + 1> bins) {
  static_assert(Hop >= 1 && Hop <= N, "ctml::dsp::spectrogram<N, Hop>: Hop must be from 1 to N");
  const std::size_t frames = stft_frames(x.size(), N, Hop);
  const std::size_t t_count = frames < out.size() ? frames : out.size();
  const float scale = static_cast<float>(1.0 / (sample_rate.value * detail::window_power<N, W>));
  for (std::size_t t = 0; t < t_count; ++t) {
    detail::windowed_rfft<N, W>(x.data() + t * Hop, frame, bins);
    for (std::size_t k = 0; k <= N / 2; ++k) {
      const float p = (bins[k].re * bins[k].re + bins[k].im * bins[k].im) * scale;
      out[t][k] = k == 0 || k == N / 2 ? p : 2.0f * p;
    }
  }
  return t_count;
}

}  // namespace ctml::dsp

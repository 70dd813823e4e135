#pragma once
// The DSP operations measured by dsp_bench (Google Benchmark) and dsp_icount (callgrind), with their
// inputs, so both measure exactly the same work.

#include <array>
#include <cmath>
#include <cstdint>

#include <ctml/dsp/biquad.hpp>
#include <ctml/dsp/butterworth.hpp>
#include <ctml/dsp/feature_ring.hpp>
#include <ctml/dsp/fft.hpp>
#include <ctml/dsp/fft_q15.hpp>
#include <ctml/dsp/fir.hpp>
#include <ctml/dsp/kws_frontend.hpp>
#include <ctml/dsp/kws_frontend_q15.hpp>
#include <ctml/dsp/kws_stream_q15.hpp>
#include <ctml/dsp/mfcc.hpp>
#include <ctml/dsp/mfcc_q15.hpp>
#include <ctml/dsp/sliding_window.hpp>
#include <ctml/dsp/statistics.hpp>

namespace dsp_bench {

// Deterministic test signal: a tone plus LCG noise, in [-0.9, 0.9].
template <std::size_t N>
std::array<float, N> signal_f32() {
  std::array<float, N> x{};
  std::uint32_t s = 1;
  for (std::size_t n = 0; n < N; ++n) {
    s = s * 1664525u + 1013904223u;
    const float noise =
        static_cast<float>(static_cast<std::int32_t>(s >> 8) - (1 << 23)) / static_cast<float>(1 << 23);
    x[n] = 0.6f * std::sin(0.05f * static_cast<float>(n)) + 0.3f * noise;
  }
  return x;
}
// round(x * scale) of every value (|x| < 1).
template <std::size_t N>
std::array<std::int16_t, N> to_q15(const std::array<float, N>& f, float scale) {
  std::array<std::int16_t, N> q{};
  for (std::size_t n = 0; n < N; ++n) q[n] = static_cast<std::int16_t>(std::lround(f[n] * scale));
  return q;
}
template <std::size_t N>
std::array<std::int16_t, N> signal_q15() {
  return to_q15(signal_f32<N>(), 32767.0f);
}

// Filter benchmarks (the CMSIS-DSP comparison, benchmarks/dsp/README.md): blocks of 256 samples
// through N-tap low-pass FIRs (Hann-windowed sinc at a quarter of the Nyquist frequency) and through
// Butterworth low-pass cascades at 40 Hz of 1 kHz (order 4: 2 sections, order 8: 4 sections).
inline constexpr std::size_t filter_block = 256;
template <std::size_t N>
std::array<float, N> fir_taps_f32() {
  std::array<float, N> h{};
  const double pi = 3.14159265358979323846;
  for (std::size_t k = 0; k < N; ++k) {
    const double t = static_cast<double>(k) - (N - 1) / 2.0;
    const double sinc = t == 0 ? 0.25 : std::sin(0.25 * pi * t) / (pi * t);
    const double hann = 0.5 - 0.5 * std::cos(2 * pi * (static_cast<double>(k) + 1) / (N + 1));
    h[k] = static_cast<float>(sinc * hann);
  }
  return h;
}
template <std::size_t N>
std::array<std::int16_t, N> fir_taps_q15() {
  return to_q15(fir_taps_f32<N>(), 32768.0f);
}
template <std::size_t Sections>
constexpr auto butter_sections() {
  return ctml::dsp::butter_lowpass<2 * Sections>(ctml::hertz{40.0}, ctml::hertz{1000.0});
}

// CMSIS-DSP's arm_mfcc_f32 benchmark configuration: 512-sample frame, 40 mel, 13 DCT outputs.
inline constexpr ctml::dsp::mel_options mfcc512_mel{
    .fft_size = 512, .num_mel = 40, .sample_rate = 16000.0, .lower_hz = 20.0, .upper_hz = 4000.0};
inline constexpr ctml::dsp::mfcc_options mfcc512{.frame_length = 512,
                                                 .window = ctml::dsp::window_type::hann,
                                                 .spectrum = ctml::dsp::spectrum_type::magnitude,
                                                 .mel = mfcc512_mel,
                                                 .log_offset = 1e-6f,
                                                 .num_mfcc = 13,
                                                 .dct = ctml::dsp::dct_norm::ortho};

}  // namespace dsp_bench

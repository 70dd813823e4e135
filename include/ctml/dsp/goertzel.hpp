#pragma once
// Goertzel's algorithm: the power of one frequency (a DTMF tone, a motor's line frequency, a
// bearing's defect frequency) in O(N) with one multiply per sample, no FFT and no tables; the
// frequency need not fall on a bin.

#include <cstddef>
#include <span>

#include <ctml/core/math.hpp>
#include <ctml/core/units.hpp>

namespace ctml::dsp {

/// The per-frequency constant of a Goertzel detector, 2 cos(2 pi f / fs); constexpr.
/// Usage: `constexpr auto c = ctml::dsp::goertzel_coefficient(1_kHz, 8_kHz);`
struct goertzel_coefficient {
  float two_cos;
  constexpr goertzel_coefficient(hertz frequency, hertz sample_rate)
      : two_cos(static_cast<float>(2.0 * math::cospi(2.0 * frequency.value / sample_rate.value))) {}
};

/// |X(f)|^2 = |sum_n x[n] exp(-2 pi i f n / fs)|^2, the squared magnitude of the DTFT of x at f
/// (numpy: abs(sum(x * exp(-2j pi f n / fs)))**2; |rfft(x)[k]|^2 when f is bin k's frequency).
/// Usage: `float p = ctml::dsp::goertzel_power(frame, c);`
constexpr float goertzel_power(std::span<const float> x, goertzel_coefficient c) {
  float s1 = 0.0f, s2 = 0.0f;  // s[n - 1], s[n - 2] of s[n] = x[n] + 2 cos(w) s[n - 1] - s[n - 2]
  for (float v : x) {
    const float s0 = v + c.two_cos * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  // |s[N - 1] - exp(-i w) s[N - 2]|^2
  return s1 * s1 + s2 * s2 - c.two_cos * s1 * s2;
}

}  // namespace ctml::dsp

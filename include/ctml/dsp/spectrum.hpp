#pragma once
// Spectra from an rfft output: magnitude, power, spectral centroid, band power.

#include <cstddef>
#include <span>

#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/reference/sqrt.hpp>
#include <ctml/dsp/select.hpp>

namespace ctml::dsp {

/// out[k] = |X[k]| (numpy.abs). out may have any extent equal to X's.
/// Usage: `ctml::dsp::magnitude(spectrum, mag);`
inline void magnitude(std::span<const complex_f32> x, std::span<float> out) {
  for (std::size_t k = 0; k < x.size() && k < out.size(); ++k)
    out[k] = detail::sqrt_impl<target_arch>::nonnegative(x[k].re * x[k].re + x[k].im * x[k].im);
}

/// out[k] = |X[k]|^2.
/// Usage: `ctml::dsp::power(spectrum, pow);`
constexpr void power(std::span<const complex_f32> x, std::span<float> out) {
  for (std::size_t k = 0; k < x.size() && k < out.size(); ++k) out[k] = x[k].re * x[k].re + x[k].im * x[k].im;
}

/// Frequency of rfft bin k for an N-point transform at sample_rate (numpy.fft.rfftfreq).
constexpr float bin_frequency(std::size_t k, std::size_t n, float sample_rate) {
  return static_cast<float>(k) * sample_rate / static_cast<float>(n);
}

/// Spectral centroid sum(f_k s_k) / sum(s_k) over one-sided bins, f_k = k * bin_hz, in Hz; s is a
/// magnitude (or power) spectrum. 0 when the spectrum is all zeros.
/// Usage: `float c = ctml::dsp::spectral_centroid(mag, 16000.0f / 512);`
constexpr float spectral_centroid(std::span<const float> s, float bin_hz) {
  float num = 0, den = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    num += static_cast<float>(k) * s[k];
    den += s[k];
  }
  return den > 0.0f ? bin_hz * num / den : 0.0f;
}

/// Power in [lo_hz, hi_hz): sum of the density bins with lo <= f_k < hi, times bin_hz (a rectangle
/// rule over a PSD in V^2/Hz, e.g. from ctml::dsp::welch).
/// Usage: `float p = ctml::dsp::band_power(psd, fs / nperseg, 40.0f, 60.0f);`
constexpr float band_power(std::span<const float> psd, float bin_hz, float lo_hz, float hi_hz) {
  float s = 0;
  for (std::size_t k = 0; k < psd.size(); ++k) {
    const float f = static_cast<float>(k) * bin_hz;
    if (f >= lo_hz && f < hi_hz) s += psd[k];
  }
  return s * bin_hz;
}

}  // namespace ctml::dsp

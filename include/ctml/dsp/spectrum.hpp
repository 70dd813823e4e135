#pragma once
// Spectra from an rfft output: magnitude, power, and the features of a spectrum (centroid, band
// power and band energies, flatness, rolloff, flux).

#include <cmath>
#include <cstddef>
#include <span>

#include <ctml/core/units.hpp>
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
constexpr float bin_frequency(std::size_t k, std::size_t n, hertz sample_rate) {
  return static_cast<float>(k) * static_cast<float>(sample_rate.value) / static_cast<float>(n);
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

/// Energies of bands of a spectrum: out[b] = sum of s[k] with edges_hz[b] <= k * bin_hz < edges_hz[b + 1]
/// (no bin-width factor: use a power spectrum for energies). out needs edges_hz.size() - 1 values.
/// Usage: `ctml::dsp::band_energies(pow, fs / 512, std::array{0.f, 500.f, 2000.f, 8000.f}, energies);`
constexpr void band_energies(std::span<const float> s, float bin_hz, std::span<const float> edges_hz,
                             std::span<float> out) {
  for (std::size_t b = 0; b + 1 < edges_hz.size(); ++b) {
    float e = 0.0f;
    for (std::size_t k = 0; k < s.size(); ++k) {
      const float f = static_cast<float>(k) * bin_hz;
      if (f >= edges_hz[b] && f < edges_hz[b + 1]) e += s[k];
    }
    out[b] = e;
  }
}

/// Spectral flatness (Wiener entropy) of a power spectrum: geometric mean / arithmetic mean of
/// max(s, amin), in [0, 1] (1 for white noise, near 0 for a tone); librosa's spectral_flatness. 1 for an
/// empty span. Usage: `float f = ctml::dsp::spectral_flatness(pow);`
inline float spectral_flatness(std::span<const float> s, float amin = 1e-10f) {
  if (s.empty()) return 1.0f;
  float log_sum = 0.0f, sum = 0.0f;
  for (float v : s) {
    const float c = v > amin ? v : amin;
    log_sum += std::log(c);
    sum += c;
  }
  const float n = static_cast<float>(s.size());
  return std::exp(log_sum / n) / (sum / n);
}

/// Spectral rolloff: the frequency k * bin_hz of the first bin at which the cumulative sum of s
/// reaches fraction (0.85: librosa's default) of the total (librosa's spectral_rolloff). 0 for an
/// all-zero spectrum.
/// Usage: `float hz = ctml::dsp::spectral_rolloff(pow, fs / 512);`
constexpr float spectral_rolloff(std::span<const float> s, float bin_hz, float fraction = 0.85f) {
  float total = 0.0f;
  for (float v : s) total += v;
  if (!(total > 0.0f)) return 0.0f;
  const float threshold = fraction * total;
  float cum = 0.0f;
  for (std::size_t k = 0; k < s.size(); ++k) {
    cum += s[k];
    if (cum >= threshold) return static_cast<float>(k) * bin_hz;
  }
  return static_cast<float>(s.size() - 1) * bin_hz;
}

/// Spectral flux between consecutive frames: the Euclidean norm of current - previous (magnitude
/// spectra, numpy.linalg.norm(s - p)); previous.size() must be at least current.size().
/// Usage: `float flux = ctml::dsp::spectral_flux(mag, previous_mag);`
inline float spectral_flux(std::span<const float> current, std::span<const float> previous) {
  float sum = 0.0f;
  for (std::size_t k = 0; k < current.size(); ++k) {
    const float d = current[k] - previous[k];
    sum += d * d;
  }
  return std::sqrt(sum);
}

}  // namespace ctml::dsp

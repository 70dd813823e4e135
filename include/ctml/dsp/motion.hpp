#pragma once
// Motion features of 3-axis sensors (accelerometers, gyroscopes): the magnitude of each sample,
// numpy.linalg.norm(xyz, axis=1), and jerk, the first difference times the sample rate,
// numpy.diff(a, axis=0) * fs, per axis or as the magnitude of the 3-axis jerk.

#include <array>
#include <cmath>
#include <cstddef>
#include <span>

#include <ctml/core/units.hpp>

namespace ctml::dsp {

/// |v| = sqrt(x^2 + y^2 + z^2) of each sample (float32 arithmetic). Writes min(xyz.size(),
/// out.size()) values and returns their count.
/// Usage: `ctml::dsp::magnitude(std::span<const std::array<float, 3>>(samples), mag);`
inline std::size_t magnitude(std::span<const std::array<float, 3>> xyz, std::span<float> out) {
  const std::size_t n = xyz.size() < out.size() ? xyz.size() : out.size();
  for (std::size_t i = 0; i < n; ++i)
    out[i] = std::sqrt(xyz[i][0] * xyz[i][0] + xyz[i][1] * xyz[i][1] + xyz[i][2] * xyz[i][2]);
  return n;
}

/// Jerk of one axis: (a[i + 1] - a[i]) * sample_rate, numpy.diff(a) * fs: one value fewer than a.
/// Writes min(a.size() - 1, out.size()) values (0 for fewer than 2 samples) and returns their count.
/// Usage: `std::size_t n = ctml::dsp::jerk(ax, 50_Hz, jx);`
constexpr std::size_t jerk(std::span<const float> a, hertz sample_rate, std::span<float> out) {
  const std::size_t d = a.size() < 2 ? 0 : a.size() - 1;
  const std::size_t n = d < out.size() ? d : out.size();
  const auto fs = static_cast<float>(sample_rate.value);
  for (std::size_t i = 0; i < n; ++i) out[i] = (a[i + 1] - a[i]) * fs;
  return n;
}

/// Magnitude of the 3-axis jerk, numpy.linalg.norm(numpy.diff(xyz, axis=0) * fs, axis=1): one value
/// fewer than xyz. Returns the count written (min(xyz.size() - 1, out.size()), 0 below 2 samples).
/// Usage: `ctml::dsp::jerk_magnitude(std::span<const std::array<float, 3>>(samples), 50_Hz, out);`
inline std::size_t jerk_magnitude(std::span<const std::array<float, 3>> xyz, hertz sample_rate,
                                  std::span<float> out) {
  const std::size_t d = xyz.size() < 2 ? 0 : xyz.size() - 1;
  const std::size_t n = d < out.size() ? d : out.size();
  const auto fs = static_cast<float>(sample_rate.value);
  for (std::size_t i = 0; i < n; ++i) {
    const float jx = (xyz[i + 1][0] - xyz[i][0]) * fs, jy = (xyz[i + 1][1] - xyz[i][1]) * fs,
                jz = (xyz[i + 1][2] - xyz[i][2]) * fs;
    out[i] = std::sqrt(jx * jx + jy * jy + jz * jz);
  }
  return n;
}

}  // namespace ctml::dsp

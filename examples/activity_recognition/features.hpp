#pragma once
// Window features of the activity example, the same definitions as make_model.py's features():
// per-axis mean and standard deviation, RMS of (|a| - 1 g), peak-to-peak of |a|. Computed in double,
// rounded to float like the training features.

#include <array>
#include <cmath>
#include <cstddef>
#include <span>

template <std::size_t N>
std::array<float, 8> window_features(const float (&w)[N][3]) {
  std::array<double, 3> mean{}, var{};
  for (const auto& s : w)
    for (std::size_t a = 0; a < 3; ++a) mean[a] += s[a];
  for (double& m : mean) m /= N;
  for (const auto& s : w)
    for (std::size_t a = 0; a < 3; ++a) var[a] += (s[a] - mean[a]) * (s[a] - mean[a]);
  double rms = 0, lo = 1e300, hi = -1e300;
  for (const auto& s : w) {
    const double m = std::sqrt(double{s[0]} * s[0] + double{s[1]} * s[1] + double{s[2]} * s[2]);
    rms += (m - 1.0) * (m - 1.0);
    lo = m < lo ? m : lo;
    hi = m > hi ? m : hi;
  }
  return {static_cast<float>(mean[0]),
          static_cast<float>(mean[1]),
          static_cast<float>(mean[2]),
          static_cast<float>(std::sqrt(var[0] / N)),
          static_cast<float>(std::sqrt(var[1] / N)),
          static_cast<float>(std::sqrt(var[2] / N)),
          static_cast<float>(std::sqrt(rms / N)),
          static_cast<float>(hi - lo)};
}

/// The same features as a pipeline front end (ctml::pipeline<activity_features<N>, model>): it holds
/// no tables and no buffers, so every memory fact is 0 (ctml::Budgeted, docs/memory.md).
/// Usage: `ctml::pipeline<activity_features<100>, activity_forest> p; std::size_t cls = p.run(window);`
template <std::size_t N>
struct activity_features {
  static constexpr std::size_t flash_bytes = 0, state_bytes = 0, scratch_bytes = 0, ram_bytes = 0;
  void compute(const float (&w)[N][3], std::span<float, 8> out) const {
    const std::array<float, 8> f = window_features(w);
    for (std::size_t i = 0; i < 8; ++i) out[i] = f[i];
  }
};

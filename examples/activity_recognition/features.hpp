#pragma once
// Window features of the activity example, the same definitions as make_model.py's features():
// gravity removed per axis by a Butterworth high-pass (ctml::dsp::sos_filter, run over the pre-roll
// and the window, as a device runs it continuously), then per-axis mean of the raw signal (the
// posture), per-axis standard deviation and RMS magnitude of the body acceleration, peak-to-peak raw
// magnitude. Statistics in double, rounded to float like the training features.

#include <array>
#include <cmath>
#include <cstddef>
#include <span>

#include <ctml/dsp/biquad.hpp>
#include <ctml/dsp/butterworth.hpp>

/// Samples before each window (2 s at 50 Hz): long enough for the high-pass to settle.
inline constexpr std::size_t pre_roll = 100;
/// make_model.py's HIGHPASS_SOS: scipy.signal.butter(2, 0.5, "highpass", fs=50, output="sos").
inline constexpr auto gravity_highpass = ctml::dsp::butter_highpass<2>(ctml::hertz{0.5}, ctml::hertz{50.0});

/// Features of the last N samples of w (pre_roll samples of pre-roll first).
template <std::size_t N>
std::array<float, 8> window_features(const float (&w)[pre_roll + N][3]) {
  // One filter per axis, from rest at the pre-roll's start (sosfilt without zi); 28 bytes each,
  // on the stack: nothing is kept between windows.
  std::array<ctml::dsp::sos_filter<1>, 3> hp{ctml::dsp::sos_filter<1>{gravity_highpass},
                                             ctml::dsp::sos_filter<1>{gravity_highpass},
                                             ctml::dsp::sos_filter<1>{gravity_highpass}};
  std::array<double, 3> mean{}, body_sum{}, body_sq{};
  double power = 0, lo = 1e300, hi = -1e300;
  for (std::size_t n = 0; n < pre_roll + N; ++n) {
    std::array<double, 3> body{};
    for (std::size_t a = 0; a < 3; ++a) body[a] = hp[a].process(w[n][a]);
    if (n < pre_roll) continue;
    double m2 = 0;
    for (std::size_t a = 0; a < 3; ++a) {
      mean[a] += w[n][a];
      body_sum[a] += body[a];
      body_sq[a] += body[a] * body[a];
      power += body[a] * body[a];
      m2 += double{w[n][a]} * w[n][a];
    }
    const double m = std::sqrt(m2);
    lo = m < lo ? m : lo;
    hi = m > hi ? m : hi;
  }
  std::array<float, 8> f{};
  for (std::size_t a = 0; a < 3; ++a) {
    f[a] = static_cast<float>(mean[a] / N);
    const double bm = body_sum[a] / N;
    f[3 + a] = static_cast<float>(std::sqrt(std::fmax(body_sq[a] / N - bm * bm, 0.0)));
  }
  f[6] = static_cast<float>(std::sqrt(power / N));
  f[7] = static_cast<float>(hi - lo);
  return f;
}

/// The same features as a pipeline front end (ctml::pipeline<activity_features<N>, model>): it holds
/// no tables and no buffers, so every memory fact is 0 (ctml::Budgeted, docs/memory.md; the three
/// filters live on the stack while a window is computed).
/// Usage: `ctml::pipeline<activity_features<100>, activity_forest> p; std::size_t cls = p.run(window);`
template <std::size_t N>
struct activity_features {
  static constexpr std::size_t flash_bytes = 0, state_bytes = 0, scratch_bytes = 0, ram_bytes = 0;
  void compute(const float (&w)[pre_roll + N][3], std::span<float, 8> out) const {
    const std::array<float, 8> f = window_features<N>(w);
    for (std::size_t i = 0; i < 8; ++i) out[i] = f[i];
  }
};

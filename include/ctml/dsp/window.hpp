#pragma once
// Window functions as compile-time tables in flash (scipy.signal.get_window / ONNX *Window).

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include <ctml/core/math.hpp>
#include <ctml/dsp/reference/window.hpp>
#include <ctml/dsp/select.hpp>

namespace ctml::dsp {

/// The window shapes ctml tabulates. All are generalised cosine windows
/// w[n] = a0 - a1 cos(2 pi n / M) + a2 cos(4 pi n / M) - a3 cos(6 pi n / M) + a4 cos(8 pi n / M).
/// (Kaiser and Tukey windows take a parameter: ctml::dsp::kaiser<N>(beta), tukey<N>(alpha).)
enum class window_type {
  rectangular,    ///< all ones (scipy "boxcar")
  hann,           ///< 0.5, 0.5 (scipy "hann", ONNX HannWindow, tf.signal.hann_window)
  hamming,        ///< 0.54, 0.46 (scipy/numpy "hamming", tf.signal.hamming_window)
  hamming_exact,  ///< 25/46, 21/46: the coefficients ONNX HammingWindow specifies
  blackman,       ///< 0.42, 0.5, 0.08 (scipy "blackman", ONNX BlackmanWindow)
  flattop,        ///< scipy "flattop" (5 terms): a sinusoid's amplitude read from one bin within 0.01 dB
};

/// periodic: M = N, for spectral analysis (scipy fftbins=True, ONNX periodic=1, TF periodic=True).
/// symmetric: M = N - 1, for filter design (scipy fftbins=False, ONNX periodic=0).
enum class window_symmetry { periodic, symmetric };

namespace detail {
struct cosine_coefficients {
  double a0, a1, a2, a3 = 0.0, a4 = 0.0;
};
constexpr cosine_coefficients window_coefficients(window_type t) {
  switch (t) {
    case window_type::rectangular:
      return {1.0, 0.0, 0.0};
    case window_type::hann:
      return {0.5, 0.5, 0.0};
    case window_type::hamming:
      return {0.54, 0.46, 0.0};
    case window_type::hamming_exact:
      return {25.0 / 46.0, 21.0 / 46.0, 0.0};
    case window_type::blackman:
      return {0.42, 0.5, 0.08};
    case window_type::flattop:
      return {0.21557895, 0.41663158, 0.277263158, 0.083578947, 0.006947368};  // scipy's values
  }
  return {1.0, 0.0, 0.0};
}
}  // namespace detail

/// Value n of an N-point window, in double precision (usable at compile time).
/// Usage: `constexpr double w0 = ctml::dsp::window_value(window_type::hann, 512, 0);`
constexpr double window_value(window_type t, std::size_t n_points, std::size_t n,
                              window_symmetry s = window_symmetry::periodic) {
  if (n_points == 1) return 1.0;
  const auto c = detail::window_coefficients(t);
  const double m = static_cast<double>(s == window_symmetry::periodic ? n_points : n_points - 1);
  // cospi keeps the table exact at the quarter points (w = 0.5, 1.0 for Hann).
  const double x = 2.0 * static_cast<double>(n) / m;
  const double v = c.a0 - c.a1 * math::cospi(x) + c.a2 * math::cospi(2.0 * x);
  // Only flat-top has the higher terms (adding zero terms would still give the same bits).
  return c.a3 == 0.0 ? v : v - c.a3 * math::cospi(3.0 * x) + c.a4 * math::cospi(4.0 * x);
}

namespace detail {
template <typename T, window_type Type, std::size_t N, window_symmetry Sym>
consteval std::array<T, N> make_window() {
  std::array<T, N> w{};
  for (std::size_t n = 0; n < N; ++n) {
    const double v = window_value(Type, N, n, Sym);
    if constexpr (std::is_same_v<T, std::int16_t>) {
      // Q15; 1.0 saturates to 32767 (the largest Q15 value).
      const double q = math::round(v * 32768.0);
      w[n] = static_cast<std::int16_t>(q > 32767.0 ? 32767.0 : (q < -32768.0 ? -32768.0 : q));
    } else {
      w[n] = static_cast<T>(v);
    }
  }
  return w;
}
}  // namespace detail

/// An N-point window as a float table computed at compile time (lives in flash, no init call).
/// Usage: `const auto& w = ctml::dsp::window<window_type::hann, 480>;`
template <window_type Type, std::size_t N, window_symmetry Sym = window_symmetry::periodic>
inline constexpr std::array<float, N> window = detail::make_window<float, Type, N, Sym>();

/// The same window in Q15 (value * 32768 rounded, 1.0 saturated to 32767).
/// Usage: `const auto& w = ctml::dsp::window_q15<window_type::hann, 512>;`
template <window_type Type, std::size_t N, window_symmetry Sym = window_symmetry::periodic>
inline constexpr std::array<std::int16_t, N> window_q15 = detail::make_window<std::int16_t, Type, N, Sym>();

namespace detail {
// Modified Bessel function I0 (power series; every term positive, so it converges without cancellation).
constexpr double bessel_i0(double x) {
  double sum = 1.0, term = 1.0;
  const double q = x * x / 4.0;
  for (int k = 1; k < 500 && term > 1e-17 * sum; ++k) {
    term *= q / (static_cast<double>(k) * static_cast<double>(k));
    sum += term;
  }
  return sum;
}

// A symmetric window of M points from f(n, M) (M >= 2), or the periodic one: the first N of M = N + 1.
template <std::size_t N, typename F>
constexpr std::array<float, N> window_from(window_symmetry s, F f) {
  std::array<float, N> w{};
  const std::size_t m = s == window_symmetry::periodic ? N + 1 : N;
  for (std::size_t n = 0; n < N; ++n) w[n] = m < 2 ? 1.0f : static_cast<float>(f(n, m));
  return w;
}
}  // namespace detail

/// N-point Kaiser window with shape beta, as scipy.signal.windows.kaiser(N, beta, sym) (periodic:
/// sym=False, get_window(("kaiser", beta), N)): I0(beta sqrt(1 - (2n / (M - 1) - 1)^2)) / I0(beta).
/// constexpr: make it a static constexpr table.
/// Usage: `static constexpr auto w = ctml::dsp::kaiser<512>(8.6);`
template <std::size_t N>
constexpr std::array<float, N> kaiser(double beta, window_symmetry s = window_symmetry::periodic) {
  return detail::window_from<N>(s, [beta](std::size_t n, std::size_t m) {
    const double r = 2.0 * static_cast<double>(n) / static_cast<double>(m - 1) - 1.0;
    return detail::bessel_i0(beta * math::sqrt(1.0 - r * r)) / detail::bessel_i0(beta);
  });
}

/// N-point Tukey (tapered cosine) window, a fraction alpha of it tapered, as
/// scipy.signal.windows.tukey(N, alpha, sym): alpha = 0 is rectangular, alpha = 1 is Hann.
/// Usage: `static constexpr auto w = ctml::dsp::tukey<256>(0.25);`
template <std::size_t N>
constexpr std::array<float, N> tukey(double alpha, window_symmetry s = window_symmetry::periodic) {
  return detail::window_from<N>(s, [alpha](std::size_t n, std::size_t m) {
    if (alpha <= 0.0) return 1.0;
    if (alpha >= 1.0) return window_value(window_type::hann, m, n, window_symmetry::symmetric);
    // scipy: the first floor(alpha (M - 1) / 2) + 1 and the last as many points are the cosine tapers.
    const double mm = static_cast<double>(m - 1);
    const auto width = static_cast<std::size_t>(math::floor(alpha * mm / 2.0));
    const double x = static_cast<double>(n);
    if (n <= width) return 0.5 * (1.0 + math::cospi(-1.0 + 2.0 * x / alpha / mm));
    if (n >= m - width - 1) return 0.5 * (1.0 + math::cospi(-2.0 / alpha + 1.0 + 2.0 * x / alpha / mm));
    return 1.0;
  });
}

/// out[n] = in[n] * w[n]; in and out may be the same buffer.
/// Usage: `ctml::dsp::apply_window(frame, ctml::dsp::window<window_type::hann, 480>, frame);`
template <std::size_t N>
constexpr void apply_window(std::span<const float, N> in, const std::array<float, N>& w,
                            std::span<float, N> out) {
  detail::window_impl<target_arch>::run<N>(in.data(), w.data(), out.data());
}

/// Q15 windowing: out = round(in * w / 2^15), saturated (pure integer, same bytes on every target).
template <std::size_t N>
constexpr void apply_window(std::span<const std::int16_t, N> in, const std::array<std::int16_t, N>& w,
                            std::span<std::int16_t, N> out) {
  for (std::size_t n = 0; n < N; ++n) {
    const std::int32_t p = (static_cast<std::int32_t>(in[n]) * w[n] + (1 << 14)) >> 15;
    out[n] = static_cast<std::int16_t>(p > 32767 ? 32767 : p);
  }
}

}  // namespace ctml::dsp

#pragma once
// Convolution and correlation of two finite signals, numpy.convolve / numpy.correlate with their
// 'full', 'same' and 'valid' modes, and the autocorrelation at non-negative lags. Direct sums (the
// lengths sensor windows have make an FFT method pointless), float32 sums in index order.

#include <cstddef>
#include <span>

namespace ctml::dsp {

/// Which part of the full result to keep (numpy's mode argument): 'full' N + M - 1 values, 'same'
/// max(N, M) values centred on it, 'valid' max(N, M) - min(N, M) + 1 values where the shorter signal
/// lies entirely inside the longer one.
enum class correlation_mode { full, same, valid };

/// Number of outputs of convolve/correlate of signals of n and m samples (0 if either is empty).
/// Usage: `std::array<float, ctml::dsp::correlation_size(64, 9, correlation_mode::same)> out;`
constexpr std::size_t correlation_size(std::size_t n, std::size_t m, correlation_mode mode) {
  if (n == 0 || m == 0) return 0;
  const std::size_t lo = n < m ? n : m, hi = n < m ? m : n;
  return mode == correlation_mode::full ? n + m - 1 : mode == correlation_mode::same ? hi : hi - lo + 1;
}

namespace detail {
// Index of the first kept value in the full result.
constexpr std::size_t correlation_start(std::size_t n, std::size_t m, correlation_mode mode) {
  const std::size_t lo = n < m ? n : m;
  return mode == correlation_mode::full ? 0 : mode == correlation_mode::same ? (lo - 1) / 2 : lo - 1;
}
}  // namespace detail

/// Discrete convolution, numpy.convolve(a, v, mode): full[k] = sum_j a[j] v[k - j], k = 0 .. N + M - 2,
/// then the part `mode` keeps. Writes correlation_size(a.size(), v.size(), mode) values to out
/// (which must hold them and must not overlap a or v) and returns their count.
/// Usage: `std::size_t n = ctml::dsp::convolve(x, h, out, ctml::dsp::correlation_mode::same);`
constexpr std::size_t convolve(std::span<const float> a, std::span<const float> v, std::span<float> out,
                               correlation_mode mode = correlation_mode::full) {
  const std::size_t n = a.size(), m = v.size(), count = correlation_size(n, m, mode);
  const std::size_t start = count ? detail::correlation_start(n, m, mode) : 0;
  for (std::size_t o = 0; o < count; ++o) {
    const std::size_t k = start + o;  // full index: j from max(0, k - m + 1) to min(k, n - 1)
    float s = 0.0f;
    for (std::size_t j = k + 1 > m ? k + 1 - m : 0; j <= k && j < n; ++j) s += a[j] * v[k - j];
    out[o] = s;
  }
  return count;
}

/// Cross-correlation, numpy.correlate(a, v, mode) (real signals): full[k] = sum_n a[n + k - (M - 1)] v[n],
/// lags -(M - 1) .. N - 1, i.e. numpy.convolve(a, v[::-1], mode). Writes correlation_size(...) values
/// to out (no overlap with a or v) and returns their count. numpy's default mode is 'valid'.
/// Usage: `ctml::dsp::correlate(x, pattern, out, ctml::dsp::correlation_mode::valid);`
constexpr std::size_t correlate(std::span<const float> a, std::span<const float> v, std::span<float> out,
                                correlation_mode mode = correlation_mode::valid) {
  const std::size_t n = a.size(), m = v.size(), count = correlation_size(n, m, mode);
  const std::size_t start = count ? detail::correlation_start(n, m, mode) : 0;
  for (std::size_t o = 0; o < count; ++o) {
    const std::size_t k = start + o;  // a[j] v[j + m - 1 - k] for j from max(0, k - m + 1) to min(k, n - 1)
    float s = 0.0f;
    for (std::size_t j = k + 1 > m ? k + 1 - m : 0; j <= k && j < n; ++j) s += a[j] * v[j + m - 1 - k];
    out[o] = s;
  }
  return count;
}

/// Autocorrelation at lags 0 .. out.size() - 1 (at most x.size()), unnormalised: r[l] =
/// sum_n x[n + l] x[n], numpy.correlate(x, x, 'full')[N - 1:]. Divide by r[0] for the normalised
/// form. Returns the number of lags written. Usage: `ctml::dsp::autocorrelation(window, lags);`
constexpr std::size_t autocorrelation(std::span<const float> x, std::span<float> out) {
  const std::size_t lags = out.size() < x.size() ? out.size() : x.size();
  for (std::size_t l = 0; l < lags; ++l) {
    float s = 0.0f;
    for (std::size_t j = 0; j + l < x.size(); ++j) s += x[j + l] * x[j];
    out[l] = s;
  }
  return lags;
}

}  // namespace ctml::dsp

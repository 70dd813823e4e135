#pragma once
// Peak detection, scipy.signal.find_peaks(x, height=..., distance=...): local maxima (a flat top
// counts once, at its middle sample), those at least `height` high, then, highest first, each kept
// peak removes the lower ones closer than `distance` samples.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

namespace ctml::dsp {

/// find_peaks' conditions; the defaults keep every local maximum.
struct peak_options {
  float height = -std::numeric_limits<float>::infinity();  ///< minimum peak value (scipy's height)
  std::size_t distance = 1;  ///< minimum index distance between kept peaks, >= 1 (scipy's distance)
};

/// Indices of the peaks of x in increasing order, written to `peaks`; returns their count. `peaks` is
/// also the work space: it must hold every local maximum that passes `height` (at most
/// (x.size() - 1) / 2), or the later ones are not considered. Between peaks of equal height closer than
/// `distance`, the earlier one is kept (scipy leaves that order to its sort).
/// Usage:
///   std::array<std::size_t, 64> idx;
///   std::size_t n = ctml::dsp::find_peaks(x, idx, {.height = 0.5f, .distance = 10});
constexpr std::size_t find_peaks(std::span<const float> x, std::span<std::size_t> peaks,
                                 peak_options opt = {}) {
  // 1. Local maxima (scipy's _local_maxima_1d): a rise, an optional plateau, then a fall.
  std::size_t count = 0;
  const std::size_t n = x.size();
  for (std::size_t i = 1; i + 1 < n && count < peaks.size(); ++i) {
    if (!(x[i - 1] < x[i])) continue;
    std::size_t ahead = i + 1;
    while (ahead + 1 < n && x[ahead] == x[i]) ++ahead;
    if (x[ahead] < x[i]) {
      const std::size_t p = (i + ahead - 1) / 2;
      if (x[p] >= opt.height) peaks[count++] = p;
      i = ahead - 1;  // the loop's ++i resumes after the plateau
    }
  }
  if (opt.distance <= 1 || count < 2) return count;
  // 2. Distance: highest unvisited peak first; it removes its neighbours closer than `distance`.
  //    The top two bits of each entry mark visited and removed (indices stay far below 2^62).
  constexpr std::size_t visited = std::size_t{1} << (std::numeric_limits<std::size_t>::digits - 1);
  constexpr std::size_t removed = visited >> 1, index_bits = removed - 1;
  for (;;) {
    std::size_t best = count;
    for (std::size_t j = 0; j < count; ++j)
      if (!(peaks[j] & (visited | removed)) && (best == count || x[peaks[j]] > x[peaks[best] & index_bits]))
        best = j;
    if (best == count) break;
    const std::size_t p = peaks[best];
    peaks[best] |= visited;
    for (std::size_t j = best; j-- > 0 && p - (peaks[j] & index_bits) < opt.distance;) peaks[j] |= removed;
    for (std::size_t j = best + 1; j < count && (peaks[j] & index_bits) - p < opt.distance; ++j)
      peaks[j] |= removed;
  }
  std::size_t kept = 0;
  for (std::size_t j = 0; j < count; ++j)
    if (!(peaks[j] & removed)) peaks[kept++] = peaks[j] & index_bits;
  return kept;
}

}  // namespace ctml::dsp

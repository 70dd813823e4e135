#pragma once
// Delta (differential) features of a sequence of feature vectors, e.g. MFCC frames: the regression
// formula of HTK and of librosa.feature.delta,
//   d[t] = sum_{n=1..N} n (c[t + n] - c[t - n]) / (2 sum_{n=1..N} n^2),
// with the first and last frames repeated beyond the ends (HTK). Inside the sequence (N frames from
// either end) this is librosa's delta(width = 2N + 1) exactly (a first-order Savitzky-Golay
// derivative); at the ends librosa fits a polynomial instead of repeating frames.

#include <array>
#include <cstddef>
#include <span>

namespace ctml::dsp {

/// Deltas of T frames of C features with half-width N (HTK's default is N = 2; librosa's default
/// width 9 is N = 4).
/// out[t][c] for every frame; out must not overlap frames. Delta-deltas: apply it to the deltas.
/// Usage:
///   std::array<std::array<float, 13>, 49> mfccs, d;
///   ctml::dsp::deltas<2>(std::span<const std::array<float, 13>>(mfccs), std::span(d));
template <std::size_t N = 2, std::size_t C>
constexpr void deltas(std::span<const std::array<float, C>> frames, std::span<std::array<float, C>> out) {
  static_assert(N >= 1, "ctml::dsp::deltas<N>: the half-width N must be at least 1");
  const std::size_t t_count = frames.size();
  if (t_count == 0) return;
  constexpr float scale = 1.0f / static_cast<float>(N * (N + 1) * (2 * N + 1) / 3);  // 1 / (2 sum n^2)
  for (std::size_t t = 0; t < t_count; ++t) {
    std::array<float, C> acc{};
    for (std::size_t k = 1; k <= N; ++k) {
      const auto& ahead = frames[t + k < t_count ? t + k : t_count - 1];
      const auto& behind = frames[t >= k ? t - k : 0];
      for (std::size_t c = 0; c < C; ++c) acc[c] += static_cast<float>(k) * (ahead[c] - behind[c]);
    }
    for (std::size_t c = 0; c < C; ++c) out[t][c] = acc[c] * scale;
  }
}

}  // namespace ctml::dsp

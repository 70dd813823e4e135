#pragma once
// Moving average of the last N samples (the first N - 1 outputs average over the zeros before the
// signal), scipy.signal.lfilter(ones(N) / N, 1, x), O(1) per sample, state kept between calls.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace ctml::dsp {

/// float32 moving average. A running sum, recomputed from the kept samples every N samples, so its
/// rounding cannot drift over long streams. Usage:
///   ctml::dsp::moving_average<8> ma;
///   ma.process(chunk, out);   // any chunk size; in place is fine
template <std::size_t N>
class moving_average {
  static_assert(N >= 1, "ctml::dsp::moving_average<N>: N must be at least 1");

 public:
  static constexpr std::size_t flash_bytes = 0, scratch_bytes = 0;
  static constexpr std::size_t state_bytes = sizeof(moving_average);
  static constexpr std::size_t ram_bytes = state_bytes;

  constexpr void reset() {
    ring_.fill(0.0f);
    sum_ = 0.0f;
    w_ = 0;
  }
  constexpr void process(std::span<const float> in, std::span<float> out) {
    for (std::size_t i = 0; i < in.size(); ++i) {
      sum_ += in[i] - ring_[w_];
      ring_[w_] = in[i];
      if (++w_ == N) {  // exact sum again once per N samples
        w_ = 0;
        float s = 0.0f;
        for (float v : ring_) s += v;
        sum_ = s;
      }
      out[i] = sum_ * inv_n;
    }
  }

 private:
  static constexpr float inv_n = static_cast<float>(1.0 / static_cast<double>(N));
  std::array<float, N> ring_{};
  float sum_ = 0.0f;
  std::size_t w_ = 0;
};

/// Q15 moving average: round(sum of the last N samples / N) (halves up) from an exact 32-bit sum;
/// the same bits on every core. Usage: `ctml::dsp::moving_average_q15<8> ma; ma.process(in, out);`
template <std::size_t N>
class moving_average_q15 {
  static_assert(N >= 1 && N <= 65536, "ctml::dsp::moving_average_q15<N>: N must be from 1 to 65536");

 public:
  static constexpr std::size_t flash_bytes = 0, scratch_bytes = 0;
  static constexpr std::size_t state_bytes = sizeof(moving_average_q15);
  static constexpr std::size_t ram_bytes = state_bytes;

  constexpr void reset() {
    ring_.fill(0);
    sum_ = 0;
    w_ = 0;
  }
  constexpr void process(std::span<const std::int16_t> in, std::span<std::int16_t> out) {
    constexpr auto n = static_cast<std::int64_t>(N);
    for (std::size_t i = 0; i < in.size(); ++i) {
      sum_ += std::int32_t{in[i]} - ring_[w_];
      ring_[w_] = in[i];
      w_ = w_ + 1 == N ? 0 : w_ + 1;
      const std::int64_t num = 2 * std::int64_t{sum_} + n, den = 2 * n;  // floor(sum / N + 1/2)
      out[i] = static_cast<std::int16_t>(num >= 0 ? num / den : -((-num + den - 1) / den));
    }
  }

 private:
  std::array<std::int16_t, N> ring_{};
  std::int32_t sum_ = 0;
  std::size_t w_ = 0;
};

}  // namespace ctml::dsp

#pragma once
// Moving average of the last N samples (the first N - 1 outputs average over the zeros before the
// signal), scipy.signal.lfilter(ones(N) / N, 1, x), O(1) per sample, state kept between calls.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

namespace ctml::dsp {

/// Moving average of the last N samples. T = float: a running sum, recomputed from the kept samples
/// every N samples, so its rounding cannot drift over long streams. T = std::int16_t (Q15):
/// round(sum / N) (halves up) from an exact 32-bit sum, the same bits on every core. Use the names
/// moving_average / moving_average_q15 below.
template <typename T, std::size_t N>
class basic_moving_average {
  static_assert(N >= 1 && N <= 65536, "ctml::dsp::moving_average<N>: N must be from 1 to 65536");
  using sum_type = std::conditional_t<std::is_same_v<T, std::int16_t>, std::int32_t, float>;

 public:
  static constexpr std::size_t flash_bytes = 0, scratch_bytes = 0;
  static constexpr std::size_t state_bytes = sizeof(basic_moving_average);
  static constexpr std::size_t ram_bytes = state_bytes;

  constexpr void reset() {
    ring_.fill(0);
    sum_ = 0;
    w_ = 0;
  }
  constexpr void process(std::span<const T> in, std::span<T> out) {
    for (std::size_t i = 0; i < in.size(); ++i) {
      sum_ += sum_type{in[i]} - ring_[w_];
      ring_[w_] = in[i];
      if (++w_ == N) w_ = 0;
      if constexpr (std::is_same_v<T, std::int16_t>) {
        constexpr auto n = static_cast<std::int64_t>(N);
        const std::int64_t num = 2 * std::int64_t{sum_} + n, den = 2 * n;  // floor(sum / N + 1/2)
        out[i] = static_cast<std::int16_t>(num >= 0 ? num / den : -((-num + den - 1) / den));
      } else {
        if (w_ == 0) {  // exact sum again once per N samples
          float s = 0.0f;
          for (float v : ring_) s += v;
          sum_ = s;
        }
        out[i] = sum_ * inv_n;
      }
    }
  }

 private:
  static constexpr float inv_n = static_cast<float>(1.0 / static_cast<double>(N));
  std::array<T, N> ring_{};
  sum_type sum_ = 0;
  std::size_t w_ = 0;
};

/// float32 moving average (basic_moving_average).
/// Usage: `ctml::dsp::moving_average<8> ma; ma.process(chunk, out);  // any chunk size; in place is fine`
template <std::size_t N>
using moving_average = basic_moving_average<float, N>;

/// Q15 moving average (basic_moving_average), exact.
/// Usage: `ctml::dsp::moving_average_q15<8> ma; ma.process(in_q15, out_q15);`
template <std::size_t N>
using moving_average_q15 = basic_moving_average<std::int16_t, N>;

}  // namespace ctml::dsp

#pragma once
// Pre-emphasis y[n] = x[n] - a x[n-1] (speech front ends: lifts the high frequencies before the
// spectrum), scipy.signal.lfilter([1, -a], 1, x), with the previous sample kept between calls.

#include <cstddef>
#include <cstdint>
#include <span>

#include <ctml/core/math.hpp>

namespace ctml::dsp {

/// float32 pre-emphasis with streaming state. Usage:
///   ctml::dsp::pre_emphasis pe{0.97f};
///   pe.process(chunk, out);   // any chunk size; in place is fine
class pre_emphasis {
 public:
  static constexpr std::size_t flash_bytes = 0, scratch_bytes = 0;
  static constexpr std::size_t state_bytes = 2 * sizeof(float), ram_bytes = state_bytes;

  constexpr explicit pre_emphasis(float a = 0.97f) : a_(a) {}
  constexpr void reset() { prev_ = 0.0f; }
  constexpr void process(std::span<const float> in, std::span<float> out) {
    for (std::size_t i = 0; i < in.size(); ++i) {
      const float x = in[i];
      out[i] = x - a_ * prev_;
      prev_ = x;
    }
  }

 private:
  float a_;
  float prev_ = 0.0f;
};

/// Q15 pre-emphasis: round((x[n] 2^15 - a_q15 x[n-1]) / 2^15) (halves up), saturated; a_q15 =
/// round(a 2^15). Exact integer arithmetic, the same bits on every core. Usage:
///   ctml::dsp::pre_emphasis_q15 pe{0.97};
///   pe.process(chunk_q15, out_q15);
class pre_emphasis_q15 {
 public:
  static constexpr std::size_t flash_bytes = 0, scratch_bytes = 0;
  static constexpr std::size_t state_bytes = 2 * sizeof(std::int16_t), ram_bytes = state_bytes;

  constexpr explicit pre_emphasis_q15(double a = 0.97)
      : a_(static_cast<std::int16_t>(math::round(a * 32768.0) > 32767 ? 32767 : math::round(a * 32768.0))) {}
  constexpr void reset() { prev_ = 0; }
  constexpr void process(std::span<const std::int16_t> in, std::span<std::int16_t> out) {
    for (std::size_t i = 0; i < in.size(); ++i) {
      const std::int16_t x = in[i];
      const std::int32_t acc = std::int32_t{x} * 32768 - std::int32_t{a_} * prev_;
      const std::int32_t r = (acc + (1 << 14)) >> 15;
      out[i] = static_cast<std::int16_t>(r > 32767 ? 32767 : (r < -32768 ? -32768 : r));
      prev_ = x;
    }
  }
  /// The stored coefficient, round(a 2^15).
  constexpr std::int16_t coefficient() const { return a_; }

 private:
  std::int16_t a_;
  std::int16_t prev_ = 0;
};

}  // namespace ctml::dsp

#pragma once
// DC blocker y[n] = x[n] - x[n-1] + r y[n-1]: a zero at DC and a pole just inside it, removing a
// slowly varying offset (sensor bias, microphone DC) while passing everything above ~(1 - r) fs / 2pi;
// scipy.signal.lfilter([1, -1], [1, -r], x). State kept between calls.

#include <cstddef>
#include <span>

namespace ctml::dsp {

/// float32 DC blocker with streaming state. Usage:
///   ctml::dsp::dc_blocker dc{0.995f};
///   dc.process(chunk, out);   // any chunk size; in place is fine
class dc_blocker {
 public:
  static constexpr std::size_t flash_bytes = 0, scratch_bytes = 0;
  static constexpr std::size_t state_bytes = 3 * sizeof(float), ram_bytes = state_bytes;

  constexpr explicit dc_blocker(float r = 0.995f) : r_(r) {}
  constexpr void reset() { x1_ = y1_ = 0.0f; }
  constexpr void process(std::span<const float> in, std::span<float> out) {
    for (std::size_t i = 0; i < in.size(); ++i) {
      const float x = in[i];
      const float y = (x - x1_) + r_ * y1_;
      x1_ = x;
      y1_ = y;
      out[i] = y;
    }
  }

 private:
  float r_;
  float x1_ = 0.0f, y1_ = 0.0f;
};

}  // namespace ctml::dsp

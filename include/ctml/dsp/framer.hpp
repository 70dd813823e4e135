#pragma once
// Streaming framer: samples arrive in chunks of any size; fixed-length frames that start every Hop
// samples come out, from a ring buffer of FrameLength samples (overlap = FrameLength - Hop).

#include <array>
#include <cstddef>
#include <span>

namespace ctml::dsp {

/// Cuts a sample stream into frames of FrameLength samples starting every Hop samples: frame i
/// covers samples [i * Hop, i * Hop + FrameLength) of the stream, as tf.signal.frame and
/// scipy's STFT segments do (no padding; the first frame comes after FrameLength samples).
/// Memory: 2 * FrameLength samples (ring + the contiguous frame handed to the callback).
/// Usage:
///   ctml::dsp::framer<std::int16_t, 480, 320> f;
///   f.push(chunk, [&](std::span<const std::int16_t, 480> frame) { ... });
template <typename T, std::size_t FrameLength, std::size_t Hop>
class framer {
  static_assert(FrameLength >= 1 && Hop >= 1 && Hop <= FrameLength,
                "ctml::dsp::framer<T, FrameLength, Hop>: need 1 <= Hop <= FrameLength");

 public:
  static constexpr std::size_t frame_length = FrameLength;
  static constexpr std::size_t hop = Hop;
  /// Memory (ctml::Budgeted, docs/memory.md): the ring and its counters are state; the contiguous
  /// frame handed to the callback is scratch.
  static constexpr std::size_t flash_bytes = 0;
  static constexpr std::size_t scratch_bytes = sizeof(std::array<T, FrameLength>);
  static constexpr std::size_t state_bytes = sizeof(framer) - scratch_bytes;
  static constexpr std::size_t ram_bytes = sizeof(framer);

  /// Feeds samples; calls on_frame(std::span<const T, FrameLength>) for every frame completed, in
  /// order. Returns the number of frames emitted.
  template <typename OnFrame>
  std::size_t push(std::span<const T> chunk, OnFrame&& on_frame) {
    std::size_t frames = 0;
    while (!chunk.empty()) {
      // Copy as much as fits before the ring wraps or the next frame is due.
      std::size_t n = chunk.size();
      if (n > FrameLength - write_) n = FrameLength - write_;
      if (n > until_frame_) n = until_frame_;
      for (std::size_t i = 0; i < n; ++i) ring_[write_ + i] = chunk[i];
      chunk = chunk.subspan(n);
      write_ = write_ + n == FrameLength ? 0 : write_ + n;
      until_frame_ -= n;
      if (until_frame_ == 0) {
        // Oldest sample sits at write_: unroll the ring into a contiguous frame.
        std::size_t j = 0;
        for (std::size_t i = write_; i < FrameLength; ++i) frame_[j++] = ring_[i];
        for (std::size_t i = 0; i < write_; ++i) frame_[j++] = ring_[i];
        on_frame(std::span<const T, FrameLength>(frame_));
        until_frame_ = Hop;
        ++frames;
      }
    }
    return frames;
  }

  /// Starts a new stream (drops buffered samples).
  constexpr void reset() {
    write_ = 0;
    until_frame_ = FrameLength;
  }

 private:
  std::array<T, FrameLength> ring_{};
  std::array<T, FrameLength> frame_{};
  std::size_t write_ = 0;
  std::size_t until_frame_ = FrameLength;
};

}  // namespace ctml::dsp

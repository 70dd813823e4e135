#pragma once
// Streaming framer: samples arrive in chunks of any size; fixed-length frames that start every Hop
// samples come out, from one linear buffer of FrameLength samples (overlap = FrameLength - Hop).

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace ctml::dsp {

/// Cuts a sample stream into frames of FrameLength samples starting every Hop samples: frame i
/// covers samples [i * Hop, i * Hop + FrameLength) of the stream, as tf.signal.frame and
/// scipy's STFT segments do (no padding; the first frame comes after FrameLength samples).
/// Memory: FrameLength samples and a 32-bit counter (the same size on every target). The frame handed to the
/// callback is the buffer itself (no unrolling copy); after it the last FrameLength - Hop samples move to the
/// front. Usage:
///   ctml::dsp::framer<std::int16_t, 480, 320> f;
///   f.push(chunk, [&](std::span<const std::int16_t, 480> frame) { ... });
template <typename T, std::size_t FrameLength, std::size_t Hop>
class framer {
  static_assert(FrameLength >= 1 && Hop >= 1 && Hop <= FrameLength && FrameLength <= 0xFFFF'FFFF,
                "ctml::dsp::framer<T, FrameLength, Hop>: need 1 <= Hop <= FrameLength < 2^32");

 public:
  static constexpr std::size_t frame_length = FrameLength;
  static constexpr std::size_t hop = Hop;
  /// Memory (ctml::Budgeted, docs/memory.md): the buffer and its fill count are state; no scratch.
  static constexpr std::size_t flash_bytes = 0;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr std::size_t state_bytes = sizeof(framer);
  static constexpr std::size_t ram_bytes = sizeof(framer);

  /// Feeds samples; calls on_frame(std::span<const T, FrameLength>) for every frame completed, in
  /// order. Returns the number of frames emitted.
  template <typename OnFrame>
  constexpr std::size_t push(std::span<const T> chunk, OnFrame&& on_frame) {
    std::size_t frames = 0;
    while (!chunk.empty()) {
      // Copy as much as fits before the next frame is due.
      std::size_t n = chunk.size();
      if (n > FrameLength - fill_) n = FrameLength - fill_;
      for (std::size_t i = 0; i < n; ++i) buf_[fill_ + i] = chunk[i];
      chunk = chunk.subspan(n);
      fill_ += static_cast<std::uint32_t>(n);
      if (fill_ == FrameLength) {
        on_frame(std::span<const T, FrameLength>(buf_));
        // Keep the overlap: a shift of FrameLength - Hop samples costs less than unrolling a ring
        // into a second FrameLength buffer, and needs no such buffer.
        for (std::size_t i = 0; i < FrameLength - Hop; ++i) buf_[i] = buf_[Hop + i];
        fill_ = FrameLength - Hop;
        ++frames;
      }
    }
    return frames;
  }

  /// Samples buffered towards the next frame (FrameLength - Hop after every frame).
  constexpr std::size_t buffered() const { return fill_; }
  /// Starts a new stream (drops buffered samples).
  constexpr void reset() { fill_ = 0; }

 private:
  std::array<T, FrameLength> buf_{};
  std::uint32_t fill_ = 0;
};

}  // namespace ctml::dsp

#pragma once
// The integer KWS front end (kws_frontend_q15) fed as audio arrives: every 20 ms hop adds one
// frame's features to a window of the last 49, so each hop costs one MFCC instead of a whole clip's 49.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include <ctml/dsp/feature_ring.hpp>
#include <ctml/dsp/framer.hpp>
#include <ctml/dsp/kws_frontend_q15.hpp>

namespace ctml::dsp {

/// Streaming form of kws_frontend_q15 (integer only). Frame i covers samples [320 i, 320 i + 480)
/// of the stream since the start or reset(), as in the whole-clip front end, so after the 50 hops of
/// a clip (16,000 samples) the window is byte for byte kws_frontend_q15::compute of that clip, and
/// after any later hop it is compute of the last 16,000 samples. A frame completes half-way through
/// a 320-sample hop: from the second hop on, each hop adds exactly one row; its last 160 samples wait
/// for the next frame (the whole-clip front end ignores a clip's last 160 samples too).
/// Memory: the 480-sample frame buffer and the 49 x 10 int8 ring are state (~1.5 KB), the MFCC's
/// work buffers scratch (~4.3 KB); tables in flash. No heap.
/// Usage (in the audio DMA callback, 320 samples a call):
///   static ctml::dsp::kws_stream_q15 fe;
///   if (fe.push(hop) && fe.ready()) { fe.features(model_input); run_model(); }
class kws_stream_q15 {
 public:
  static constexpr std::size_t clip_samples = kws_frontend_q15::clip_samples;
  static constexpr std::size_t frame_length = kws_frontend_q15::frame_length;
  static constexpr std::size_t hop = kws_frontend_q15::hop;
  static constexpr std::size_t num_frames = kws_frontend_q15::num_frames;
  static constexpr std::size_t num_mfcc = kws_frontend_q15::num_mfcc;
  static constexpr std::size_t num_features = kws_frontend_q15::num_features;
  using framer_type = framer<std::int16_t, frame_length, hop>;
  using window_type = feature_ring<std::int8_t, num_frames, num_mfcc>;
  /// Memory (ctml::Budgeted, docs/memory.md): the MFCC tables in flash; the frame buffer and the
  /// feature ring are state; the MFCC work buffers are scratch.
  static constexpr std::size_t flash_bytes = kws_frontend_q15::flash_bytes;
  static constexpr std::size_t state_bytes = framer_type::state_bytes + window_type::state_bytes;
  static constexpr std::size_t scratch_bytes = kws_frontend_q15::scratch_bytes;
  static constexpr std::size_t ram_bytes = state_bytes + scratch_bytes;

  /// Feeds int16 samples at 16 kHz, any number (a 320-sample hop is the natural chunk); every
  /// completed frame adds one row to the window. Returns the number of new rows.
  constexpr std::size_t push(std::span<const std::int16_t> chunk) {
    return framer_.push(chunk, [this](std::span<const std::int16_t, frame_length> frame) {
      std::array<std::int8_t, num_mfcc> row{};
      frontend_.compute_frame(frame, row);
      window_.push_row(row);
    });
  }
  /// True once 49 frames (the first 16,000 samples) have been seen since the start or reset().
  constexpr bool ready() const { return window_.full(); }
  /// Writes the last 49 frames' features, oldest first, row-major [49][10]: the model's int8 input
  /// (frames not yet seen read as 0). Two block copies of 490 bytes in all.
  constexpr void features(std::span<std::int8_t, num_features> out) const { window_.copy_to(out); }
  /// Starts a new stream (drops buffered samples and features).
  constexpr void reset() {
    framer_.reset();
    window_.reset();
  }

 private:
  kws_frontend_q15 frontend_{};
  framer_type framer_{};
  window_type window_{};
};
static_assert(sizeof(kws_stream_q15) == kws_stream_q15::ram_bytes,
              "ctml::dsp::kws_stream_q15: ram_bytes must count every member");

}  // namespace ctml::dsp

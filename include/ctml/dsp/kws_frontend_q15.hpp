#pragma once
// The MLPerf Tiny keyword-spotting front end (kws_frontend.hpp) in integer arithmetic only: 1 s of
// 16 kHz int16 audio -> 49 x 10 MFCCs (mfcc_q15<kws_mfcc>, Q16.16) -> the DS-CNN model's int8 input.
// For cores without an FPU (Cortex-M0+), and the same bytes on every core.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include <ctml/core/math.hpp>
#include <ctml/dsp/kws_frontend.hpp>
#include <ctml/dsp/mfcc_q15.hpp>

namespace ctml::dsp {

/// kws_quantize for a Q16.16 MFCC: clamp(round(x / 0.584702909) + 83, -128, 127), halves rounded
/// away from zero, with a 48-bit fixed-point reciprocal of the scale (integer only).
/// Usage: `std::int8_t q = ctml::dsp::kws_quantize_q16(mfcc_q16);`
constexpr std::int8_t kws_quantize_q16(std::int32_t x) {
  // 2^48 / (0.584702909 * 2^16): |x| is clamped to 2^24 (256.0, far beyond the int8 range) so the
  // product stays below 2^58.
  constexpr std::int64_t inv_scale = static_cast<std::int64_t>(math::round(4294967296.0 / 0.584702909));
  constexpr std::int64_t lim = std::int64_t{1} << 24;
  const std::int64_t v = x > lim ? lim : (x < -lim ? -lim : x);
  const std::int64_t a = v < 0 ? -v : v;
  std::int64_t r = (a * inv_scale + (std::int64_t{1} << 47)) >> 48;
  r = (v < 0 ? -r : r) + 83;
  return static_cast<std::int8_t>(r > 127 ? 127 : (r < -128 ? -128 : r));
}

/// The KWS feature extractor without floating point. Memory: ~4.3 KB of work buffers; tables in flash.
/// Usage:
///   static ctml::dsp::kws_frontend_q15 fe;
///   std::array<std::int8_t, 490> features;
///   fe.compute(audio_16k_int16, features);     // 16000 samples -> 49 x 10 int8
class kws_frontend_q15 {
 public:
  static constexpr std::size_t clip_samples = kws_frontend::clip_samples;
  static constexpr std::size_t frame_length = kws_frontend::frame_length;
  static constexpr std::size_t hop = kws_frontend::hop;
  static constexpr std::size_t num_frames = kws_frontend::num_frames;
  static constexpr std::size_t num_mfcc = kws_frontend::num_mfcc;
  static constexpr std::size_t num_features = kws_frontend::num_features;
  using mfcc_type = mfcc_q15<kws_mfcc>;
  /// Memory (ctml::Budgeted, docs/memory.md): the MFCC's tables and work buffers; no streaming state.
  static constexpr std::size_t flash_bytes = mfcc_type::flash_bytes;
  static constexpr std::size_t state_bytes = 0;
  static constexpr std::size_t scratch_bytes = mfcc_type::scratch_bytes;
  static constexpr std::size_t ram_bytes = state_bytes + scratch_bytes;

  /// MFCCs of a 1 s clip in Q16.16, row-major [49][10] (value / 65536 ~ kws_frontend::compute_float).
  constexpr void compute_q16(std::span<const std::int16_t, clip_samples> audio,
                             std::span<std::int32_t, num_features> out) {
    for (std::size_t f = 0; f < num_frames; ++f)
      mfcc_.compute(audio.subspan(f * hop).template first<frame_length>(),
                    out.subspan(f * num_mfcc).template first<num_mfcc>());
  }

  /// Quantized features of a 1 s int16 clip (the model's int8 input, row-major [49][10]).
  constexpr void compute(std::span<const std::int16_t, clip_samples> audio,
                         std::span<std::int8_t, num_features> out) {
    for (std::size_t f = 0; f < num_frames; ++f)
      compute_frame(audio.subspan(f * hop).template first<frame_length>(),
                    out.subspan(f * num_mfcc).template first<num_mfcc>());
  }

  /// One row of the features: the quantized MFCCs of one 480-sample frame (what kws_stream_q15
  /// computes per hop).
  constexpr void compute_frame(std::span<const std::int16_t, frame_length> frame,
                               std::span<std::int8_t, num_mfcc> out) {
    std::array<std::int32_t, num_mfcc> c{};
    mfcc_.compute(frame, c);
    for (std::size_t i = 0; i < num_mfcc; ++i) out[i] = kws_quantize_q16(c[i]);
  }

 private:
  mfcc_type mfcc_{};
};
static_assert(sizeof(kws_frontend_q15) == kws_frontend_q15::ram_bytes,
              "ctml::dsp::kws_frontend_q15: ram_bytes must count every member");

}  // namespace ctml::dsp

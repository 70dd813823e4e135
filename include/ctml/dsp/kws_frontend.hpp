#pragma once
// The MLPerf Tiny keyword-spotting front end as a ready configuration: 1 s of 16 kHz audio ->
// 49 x 10 MFCCs -> the DS-CNN model's int8 input. Whole-clip and streaming forms.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include <ctml/dsp/framer.hpp>
#include <ctml/dsp/mel.hpp>
#include <ctml/dsp/mfcc.hpp>
#include <ctml/dsp/reference/finite.hpp>
#include <ctml/dsp/select.hpp>
#include <ctml/dsp/sliding_window.hpp>
#include <ctml/dsp/window.hpp>

namespace ctml::dsp {

/// 40 HTK mel bands from 20 Hz to 4 kHz over a 512-point FFT at 16 kHz
/// (tf.signal.linear_to_mel_weight_matrix(40, 257, 16000, 20, 4000)).
inline constexpr mel_options kws_mel{
    .fft_size = 512, .num_mel = 40, .sample_rate = 16000.0, .lower_hz = 20.0, .upper_hz = 4000.0};

/// 480-sample frames (30 ms), periodic Hann, |rfft_512|, log(mel + 1e-6), first 10 MFCCs with
/// tf.signal.mfccs_from_log_mel_spectrograms scaling.
inline constexpr mfcc_options kws_mfcc{.frame_length = 480,
                                       .window = window_type::hann,
                                       .spectrum = spectrum_type::magnitude,
                                       .mel = kws_mel,
                                       .log_offset = 1e-6f,
                                       .num_mfcc = 10,
                                       .dct = dct_norm::tensorflow};

/// What a front-end call reports. Bad samples never cause undefined behaviour.
enum class frontend_status {
  ok,
  non_finite_input,  ///< a NaN or Inf sample: the affected features are set to the zero point
};

/// The KWS model's input quantization: q = clamp(round(x / 0.584702909) + 83, -128, 127), rounding
/// half away from zero (TFLite's TfLiteRound). NaN maps to the zero point; +-Inf saturate.
/// Usage: `std::int8_t q = ctml::dsp::kws_quantize(mfcc_value);`
constexpr std::int8_t kws_quantize(float x) {
  constexpr float inv_scale = static_cast<float>(1.0 / 0.584702909);
  constexpr int zero_point = 83;
  if (!(x == x)) return static_cast<std::int8_t>(zero_point);
  float v = x * inv_scale;
  // Clamp in float first: the float -> int conversion of an out-of-range value is UB.
  if (v > 1000.0f) v = 1000.0f;
  if (v < -1000.0f) v = -1000.0f;
  const int r = static_cast<int>(v < 0.0f ? v - 0.5f : v + 0.5f) + zero_point;
  return static_cast<std::int8_t>(r > 127 ? 127 : (r < -128 ? -128 : r));
}

/// The MLPerf Tiny KWS feature extractor (the tf.signal pipeline of the benchmark's training code).
/// Memory: sizeof(kws_frontend) = 8,136 bytes (work buffers and streaming state); tables in flash.
/// Usage (whole clip):
///   static ctml::dsp::kws_frontend fe;
///   std::array<std::int8_t, 490> features;
///   fe.compute(audio_16k_int16, features);     // 16000 samples -> 49 x 10 int8
/// Usage (streaming):
///   if (fe.push(mic_chunk) && fe.ready()) model(fe.features());   // new frame every 320 samples
class kws_frontend {
 public:
  static constexpr hertz sample_rate = 16000.0;
  static constexpr std::size_t clip_samples = 16000;
  static constexpr std::size_t frame_length = 480;
  static constexpr std::size_t hop = 320;
  static constexpr std::size_t num_frames = 1 + (clip_samples - frame_length) / hop;  // 49
  static constexpr std::size_t num_mfcc = 10;
  static constexpr std::size_t num_features = num_frames * num_mfcc;  // 490
  static constexpr float int16_scale = 1.0f / 32768.0f;               // tf.audio.decode_wav
  using mfcc_type = mfcc<kws_mfcc>;
  using framer_type = framer<std::int16_t, frame_length, hop>;
  using feature_window = sliding_window<std::int8_t, num_frames, num_mfcc>;
  /// Memory (ctml::Budgeted, docs/memory.md): the MFCC tables in flash; the framer's buffer and the
  /// 49-row feature window are state (streaming); the MFCC work buffers and the float frame are
  /// scratch.
  static constexpr std::size_t flash_bytes = mfcc_type::flash_bytes;
  static constexpr std::size_t state_bytes = framer_type::state_bytes + feature_window::state_bytes;
  static constexpr std::size_t scratch_bytes =
      mfcc_type::scratch_bytes + sizeof(std::array<float, frame_length>);
  static constexpr std::size_t ram_bytes = state_bytes + scratch_bytes;

  /// MFCCs of a 1 s clip as floats, row-major [49][10]. Samples are floats in [-1, 1).
  frontend_status compute_float(std::span<const float, clip_samples> audio,
                                std::span<float, num_features> out) {
    frontend_status st = frontend_status::ok;
    for (std::size_t f = 0; f < num_frames; ++f) {
      const auto frame = audio.subspan(f * hop).template first<frame_length>();
      if (!finite(frame)) st = frontend_status::non_finite_input;
      mfcc_.compute(frame, out.subspan(f * num_mfcc).template first<num_mfcc>());
    }
    return st;
  }

  /// Quantized features of a 1 s float clip (the model's int8 input, row-major [49][10]).
  /// Frames containing NaN/Inf get the zero point and the call reports non_finite_input.
  frontend_status compute(std::span<const float, clip_samples> audio,
                          std::span<std::int8_t, num_features> out) {
    frontend_status st = frontend_status::ok;
    for (std::size_t f = 0; f < num_frames; ++f) {
      const auto frame = audio.subspan(f * hop).template first<frame_length>();
      for (std::size_t n = 0; n < frame_length; ++n) frame_[n] = frame[n];
      if (frame_row(out.subspan(f * num_mfcc).template first<num_mfcc>()) != frontend_status::ok)
        st = frontend_status::non_finite_input;
    }
    return st;
  }

  /// Quantized features of a 1 s int16 clip (sample / 32768, as tf.audio.decode_wav scales).
  frontend_status compute(std::span<const std::int16_t, clip_samples> audio,
                          std::span<std::int8_t, num_features> out) {
    for (std::size_t f = 0; f < num_frames; ++f) {
      for (std::size_t n = 0; n < frame_length; ++n)
        frame_[n] = static_cast<float>(audio[f * hop + n]) * int16_scale;
      frame_row(out.subspan(f * num_mfcc).template first<num_mfcc>());
    }
    return frontend_status::ok;
  }

  /// Streaming: feeds int16 samples (any chunk size); every completed 480-sample frame (one per
  /// 320 samples after the first 480) adds one row to the 49-row window. Returns the number of new rows.
  std::size_t push(std::span<const std::int16_t> chunk) {
    return framer_.push(chunk, [this](std::span<const std::int16_t, frame_length> frame) {
      for (std::size_t n = 0; n < frame_length; ++n) frame_[n] = static_cast<float>(frame[n]) * int16_scale;
      std::array<std::int8_t, num_mfcc> row{};
      frame_row(row);
      window_.push_row(row);
    });
  }
  /// True once 49 frames (1 s of audio) have been seen since the start or reset().
  constexpr bool ready() const { return window_.full(); }
  /// The last 49 frames' features, oldest first: the model input after every push.
  constexpr std::span<const std::int8_t, num_features> features() const { return window_.view(); }
  /// Starts a new stream.
  void reset() {
    framer_.reset();
    window_.reset();
  }

 private:
  static bool finite(std::span<const float, frame_length> frame) {
    return detail::finite_impl<target_arch>::run<frame_length>(frame.data());
  }
  // MFCC row of frame_, quantized.
  frontend_status frame_row(std::span<std::int8_t, num_mfcc> out) {
    if (!finite(frame_)) {
      for (auto& q : out) q = kws_quantize(std::numeric_limits<float>::quiet_NaN());
      return frontend_status::non_finite_input;
    }
    std::array<float, num_mfcc> c{};
    mfcc_.compute(frame_, c);
    for (std::size_t i = 0; i < num_mfcc; ++i) out[i] = kws_quantize(c[i]);
    return frontend_status::ok;
  }

  mfcc_type mfcc_{};
  std::array<float, frame_length> frame_{};
  framer_type framer_{};
  feature_window window_{};
};
static_assert(sizeof(kws_frontend) == kws_frontend::ram_bytes,
              "ctml::dsp::kws_frontend: ram_bytes must count every member");

}  // namespace ctml::dsp

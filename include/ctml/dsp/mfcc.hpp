#pragma once
// One frame of samples -> log-mel energies -> MFCCs: window, zero-padded rfft, magnitude or power,
// mel filterbank, log(mel + offset), DCT-II. The pipeline of tf.signal's MFCC recipe.

#include <array>
#include <cmath>
#include <cstddef>
#include <span>

#include <ctml/dsp/dct.hpp>
#include <ctml/dsp/fft.hpp>
#include <ctml/dsp/mel.hpp>
#include <ctml/dsp/spectrum.hpp>
#include <ctml/dsp/window.hpp>

namespace ctml::dsp {

/// What the mel filterbank is applied to.
enum class spectrum_type { magnitude, power };

/// An MFCC pipeline's parameters; pass by reference to an `inline constexpr` object.
struct mfcc_config {
  std::size_t frame_length;  ///< samples per frame (zero-padded to mel.fft_size)
  window_type window = window_type::hann;
  spectrum_type spectrum = spectrum_type::magnitude;
  const mel_config& mel;
  float log_offset = 1e-6f;  ///< log(mel + log_offset): keeps silent frames finite
  std::size_t num_mfcc = 13;
  dct_norm dct = dct_norm::tensorflow;
};

/// MFCCs of one frame. Owns its work buffers (~3 * fft_size floats); no heap.
/// Usage:
///   inline constexpr ctml::dsp::mfcc_config my_mfcc{.frame_length = 480, .mel = my_mel,
///                                                  .num_mfcc = 10};
///   static ctml::dsp::mfcc<my_mfcc> m;
///   m.compute(frame, coefficients);   // 480 floats -> 10 floats
template <const mfcc_config& Config>
class mfcc {
 public:
  using filterbank = mel_filterbank<Config.mel>;
  static constexpr std::size_t frame_length = Config.frame_length;
  static constexpr std::size_t fft_size = Config.mel.fft_size;
  static constexpr std::size_t num_bins = fft_size / 2 + 1;
  static constexpr std::size_t num_mel = Config.mel.num_mel;
  static constexpr std::size_t num_mfcc = Config.num_mfcc;
  static_assert(detail::fft_size_ok<fft_size>,
                "ctml::dsp::mfcc<Config>: Config.mel.fft_size must be a power of two from 16 to 4096");
  static_assert(frame_length >= 1 && frame_length <= fft_size,
                "ctml::dsp::mfcc<Config>: need 1 <= frame_length <= mel.fft_size");
  static_assert(num_mfcc >= 1 && num_mfcc <= num_mel,
                "ctml::dsp::mfcc<Config>: need 1 <= num_mfcc <= num_mel");
  using dct = dct2<num_mel, num_mfcc, Config.dct>;

  /// log(mel energies + log_offset) of one frame. Non-finite samples give non-finite outputs.
  void log_mel(std::span<const float, frame_length> frame, std::span<float, num_mel> out) {
    const float* w = window<Config.window, frame_length>.data();
    const float* f = frame.data();
    float* b = buf_.data();
    std::size_t n = 0, k = 0;
#if CTML_DSP_MVE_F32
    constexpr std::size_t frame4 = frame_length - frame_length % 4, bins4 = num_bins - num_bins % 4;
    for (; n < frame4; n += 4) vst1q_f32(b + n, vmulq_f32(vld1q_f32(f + n), vld1q_f32(w + n)));
#endif
    for (; n < frame_length; ++n) b[n] = f[n] * w[n];
    for (n = frame_length; n < fft_size; ++n) b[n] = 0.0f;
    rfft<fft_size>(buf_, spec_);
    // The rfft input buffer is free again: reuse it for the spectrum.
    const complex_f32* z = spec_.data();
#if CTML_DSP_MVE_F32
    // Four bins at a time: VLD2 splits real and imaginary parts; the square roots are scalar VSQRT on
    // the vector's lanes (Helium has no vector square root).
    for (; k < bins4; k += 4) {
      const float32x4x2_t v = vld2q_f32(&z[k].re);
      float32x4_t p = vfmaq_f32(vmulq_f32(v.val[1], v.val[1]), v.val[0], v.val[0]);
      if constexpr (Config.spectrum == spectrum_type::magnitude) {
        p = float32x4_t{
            detail::sqrt_nonnegative(vgetq_lane_f32(p, 0)), detail::sqrt_nonnegative(vgetq_lane_f32(p, 1)),
            detail::sqrt_nonnegative(vgetq_lane_f32(p, 2)), detail::sqrt_nonnegative(vgetq_lane_f32(p, 3))};
      }
      vst1q_f32(b + k, p);
    }
#endif
    for (; k < num_bins; ++k) {
      const float p = z[k].re * z[k].re + z[k].im * z[k].im;
      b[k] = Config.spectrum == spectrum_type::power ? p : detail::sqrt_nonnegative(p);
    }
    filterbank::apply(std::span<const float, fft_size>(buf_).template first<num_bins>(), out);
    for (std::size_t m = 0; m < num_mel; ++m) out[m] = std::log(out[m] + Config.log_offset);
  }

  /// The first num_mfcc cepstral coefficients of one frame.
  void compute(std::span<const float, frame_length> frame, std::span<float, num_mfcc> out) {
    log_mel(frame, mel_);
    dct::apply(mel_, out);
  }

 private:
  std::array<float, fft_size> buf_{};
  std::array<complex_f32, num_bins> spec_{};
  std::array<float, num_mel> mel_{};
};

}  // namespace ctml::dsp

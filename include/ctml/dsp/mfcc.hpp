#pragma once
// One frame of samples -> log-mel energies -> MFCCs: window, zero-padded rfft, magnitude or power,
// mel filterbank, log(mel + offset), DCT-II. The pipeline of tf.signal's MFCC recipe.

#include <array>
#include <cstddef>
#include <span>

#include <ctml/dsp/dct.hpp>
#include <ctml/dsp/fft.hpp>
#include <ctml/dsp/mel.hpp>
#include <ctml/dsp/reference/log.hpp>
#include <ctml/dsp/reference/spectrum.hpp>
#include <ctml/dsp/reference/window.hpp>
#include <ctml/dsp/select.hpp>
#include <ctml/dsp/spectrum.hpp>
#include <ctml/dsp/window.hpp>

namespace ctml::dsp {

/// What the mel filterbank is applied to.
enum class spectrum_type { magnitude, power };

/// An MFCC pipeline's parameters; pass by reference to an `inline constexpr` object, or in place with
/// ctml::dsp::config<[] { return mfcc_options{...}; }> (dsp/config.hpp).
struct mfcc_options {
  std::size_t frame_length;  ///< samples per frame (zero-padded to mel.fft_size)
  window_type window = window_type::hann;
  spectrum_type spectrum = spectrum_type::magnitude;
  const mel_options& mel;
  float log_offset = 1e-6f;  ///< log(mel + log_offset): keeps silent frames finite
  std::size_t num_mfcc = 13;
  dct_norm dct = dct_norm::tensorflow;
};

/// MFCCs of one frame. Owns its work buffers (~3 * fft_size floats); no heap.
/// Usage:
///   inline constexpr ctml::dsp::mfcc_options my_mfcc{.frame_length = 480, .mel = my_mel,
///                                                  .num_mfcc = 10};
///   static ctml::dsp::mfcc<my_mfcc> m;
///   m.compute(frame, coefficients);   // 480 floats -> 10 floats
template <const mfcc_options& Config>
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
  /// Memory (ctml::Budgeted, docs/memory.md): the window, rfft, filterbank and DCT tables in flash;
  /// the work buffers are scratch (nothing is kept from one frame to the next).
  static constexpr std::size_t flash_bytes = sizeof(window<Config.window, frame_length>) +
                                             rfft_flash_bytes<fft_size> + filterbank::flash_bytes +
                                             dct::flash_bytes;
  static constexpr std::size_t state_bytes = 0;
  static constexpr std::size_t scratch_bytes = sizeof(mfcc);
  static constexpr std::size_t ram_bytes = state_bytes + scratch_bytes;

  /// log(mel energies + log_offset) of one frame. Non-finite samples give non-finite outputs.
  void log_mel(std::span<const float, frame_length> frame, std::span<float, num_mel> out) {
    float* b = buf_.data();
    detail::window_impl<target_arch>::run<frame_length>(frame.data(),
                                                        window<Config.window, frame_length>.data(), b);
    for (std::size_t n = frame_length; n < fft_size; ++n) b[n] = 0.0f;
    rfft<fft_size>(buf_, spec_);
    // The rfft input buffer is free again: reuse it for the spectrum.
    detail::spectrum_impl<target_arch>::run<num_bins, Config.spectrum == spectrum_type::magnitude>(
        spec_.data(), b);
    filterbank::apply(std::span<const float, fft_size>(buf_).template first<num_bins>(), out);
    detail::log_impl<target_arch>::run<num_mel>(out.data(), Config.log_offset);
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

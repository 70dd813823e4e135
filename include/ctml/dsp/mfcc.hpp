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

#if CTML_DSP_MVE_F32
namespace detail {
// Natural logarithm of four lanes (Helium has no vector log), within 2 ulp of std::log: for positive
// normal x = 2^e m with m in [sqrt(1/2), sqrt(2)), log x = e ln 2 + log1p(f), f = m - 1, and
// log1p(f) = f - f^2/2 + f^3 Q(f) with Q of degree 7 fitted (numpy, weighted least squares) to a
// relative error of 6e-9 on that interval. Lanes holding zero, negative, subnormal, infinite or NaN
// values make the call take std::log for all four lanes.
inline float32x4_t log4(float32x4_t x) {
  const uint32x4_t bits = vreinterpretq_u32_f32(x);
  // Special unless 0x00800000 <= bits < 0x7f800000 (positive normal, finite).
  if (vcmphiq_n_u32(vsubq_n_u32(bits, 0x00800000u), 0x7effffffu) != 0)
    return float32x4_t{std::log(vgetq_lane_f32(x, 0)), std::log(vgetq_lane_f32(x, 1)),
                       std::log(vgetq_lane_f32(x, 2)), std::log(vgetq_lane_f32(x, 3))};
  // m in [1, 2); above sqrt 2 halve it and count one more power of two.
  float32x4_t m =
      vreinterpretq_f32_u32(vorrq_u32(vandq_u32(bits, vdupq_n_u32(0x007fffffu)), vdupq_n_u32(0x3f800000u)));
  int32x4_t e = vsubq_n_s32(vreinterpretq_s32_u32(vshrq_n_u32(bits, 23)), 127);
  const mve_pred16_t big = vcmpgtq_n_f32(m, 1.41421356f);
  m = vmulq_m_n_f32(m, m, 0.5f, big);
  e = vaddq_m_n_s32(e, e, 1, big);
  const float32x4_t f = vsubq_n_f32(m, 1.0f);
  float32x4_t q = vdupq_n_f32(-0.07634007930755615f);
  q = vfmasq_n_f32(q, f, 0.12760956585407257f);  // q * f + c
  q = vfmasq_n_f32(q, f, -0.1316007524728775f);
  q = vfmasq_n_f32(q, f, 0.1420183777809143f);
  q = vfmasq_n_f32(q, f, -0.16623376309871674f);
  q = vfmasq_n_f32(q, f, 0.2000122368335724f);
  q = vfmasq_n_f32(q, f, -0.2500081956386566f);
  q = vfmasq_n_f32(q, f, 0.3333333134651184f);
  const float32x4_t z = vmulq_f32(f, f);
  const float32x4_t y = vfmaq_n_f32(vmulq_f32(vmulq_f32(z, f), q), z, -0.5f);
  const float32x4_t ef = vcvtq_f32_s32(e);
  // ln 2 = ln2_hi + ln2_lo, ln2_hi with 16 significant bits so e * ln2_hi is exact.
  return vfmaq_n_f32(vaddq_f32(f, vfmaq_n_f32(y, ef, -2.12194440e-4f)), ef, 0.693359375f);
}
}  // namespace detail
#endif

/// What the mel filterbank is applied to.
enum class spectrum_type { magnitude, power };

/// An MFCC pipeline's parameters; pass by reference to an `inline constexpr` object.
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
    float* o = out.data();
    std::size_t m = 0;
#if CTML_DSP_MVE_F32
    constexpr std::size_t mel4 = num_mel - num_mel % 4;
    for (; m < mel4; m += 4)
      vst1q_f32(o + m, detail::log4(vaddq_f32(vld1q_f32(o + m), vdupq_n_f32(Config.log_offset))));
#endif
    for (; m < num_mel; ++m) o[m] = std::log(o[m] + Config.log_offset);
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

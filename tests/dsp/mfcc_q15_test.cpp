// Fixed-point MFCCs (mfcc_q15, kws_frontend_q15) vs the numpy statement of TensorFlow's KWS front end
// (tools/gen_dsp/gen_dsp_reference.py: tf_mfcc_front_end, quantize_kws; data tests/dsp/data/kws.bin),
// and the fixed-point log and square root against exact values.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <ctml/dsp/kws_frontend_q15.hpp>
#include <ctml/dsp/mfcc_q15.hpp>

#include "ref_data.hpp"

using ctml::dsp::kws_frontend_q15;

namespace {
using ctml_test::kws_clip;
using ctml_test::kws_data;

// Asserted bounds, in MFCC units (CMSIS-DSP's arm_mfcc_q15 on Cortex-M4: 0.18 one frame, 0.53 KWS
// window). Measured values are printed by the tests and listed in docs/dsp.md.
constexpr double frame_bound = 1e-3;    // any single frame (measured 4.3e-4)
constexpr double window_bound = 1e-3;   // a whole 49 x 10 window (measured 4.3e-4)
constexpr double q15_fft_bound = 0.1;   // measured 0.066 (sweep)
constexpr double log_mel_bound = 1e-5;  // KWS frame 0 (measured 5.6e-7)
}  // namespace

TEST_CASE("fixed-point ln and integer square root") {
  using ctml::dsp::detail::isqrt_round_u60;
  using ctml::dsp::detail::ln_q32;
  static_assert(isqrt_round_u60(0) == 0 && isqrt_round_u60(1) == 1 && isqrt_round_u60(2) == 1);
  static_assert(isqrt_round_u60(6) == 2 && isqrt_round_u60(7) == 3);  // sqrt 6 = 2.45, sqrt 7 = 2.65
  static_assert(isqrt_round_u60((std::uint64_t{1} << 60) - 1) == (1u << 30));
  static_assert(isqrt_round_u60(std::uint64_t{1} << 58) == (1u << 29));
  static_assert(isqrt_round_u60(std::uint64_t{1073741823} * 1073741823) == 1073741823u);
  std::uint64_t s = 88172645463325252ull;
  double max_ln = 0.0;
  for (int i = 0; i < 20000; ++i) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;  // xorshift64
    const std::uint64_t u = (s >> (i % 63)) | 1u;
    const double e =
        std::abs(static_cast<double>(ln_q32(u)) / 4294967296.0 - std::log(static_cast<double>(u)));
    max_ln = std::max(max_ln, e);
    const std::uint64_t p = s >> 4;  // below 2^60, as the MFCC's powers
    const std::uint64_t r = isqrt_round_u60(p);
    // r is the nearest integer: (r - 1/2)^2 <= p < (r + 1/2)^2, i.e. r^2 - r < p + 1 and p < r^2 + r + 1.
    CHECK(r * r - r <= p);
    CHECK(p < r * r + r + 1);
    const std::uint64_t q = (s >> (4 + i % 56)) | 1u;  // small values too
    const std::uint64_t rq = isqrt_round_u60(q);
    CHECK(rq * rq - rq <= q);
    CHECK(q < rq * rq + rq + 1);
  }
  for (std::uint64_t q = 0; q < 70000; ++q) {  // every small value, and around each square
    const std::uint64_t r = isqrt_round_u60(q);
    REQUIRE(r * r - r <= q);
    REQUIRE(q < r * r + r + 1);
  }
  std::printf("ln_q32: max |error| = %.3g\n", max_ln);
  CHECK(max_ln < 5e-9);
}

TEST_CASE("mfcc_q15: KWS MFCCs per frame and per 49 x 10 window vs numpy") {
  INFO(kws_data().provenance());
  static kws_frontend_q15 fe;
  static ctml::dsp::mfcc_q15<ctml::dsp::kws_mfcc> m;
  double worst = 0.0;
  for (const std::string name : {"sweep", "vowel", "quiet", "silence"}) {
    const auto pcm = kws_clip(name);
    const auto& ref = kws_data()[name + "/mfcc"].values;
    std::array<std::int32_t, kws_frontend_q15::num_features> q{};
    fe.compute_q16(std::span<const std::int16_t, 16000>(pcm.data(), 16000), q);
    double window_err = 0.0, frame_err = 0.0;
    for (std::size_t f = 0; f < 49; ++f) {
      double e = 0.0;
      for (std::size_t c = 0; c < 10; ++c)
        e = std::max(e, std::abs(q[f * 10 + c] / 65536.0 - ref[f * 10 + c]));
      frame_err = std::max(frame_err, e);
      window_err = std::max(window_err, e);
    }
    // log-mel energies of frame 0.
    std::array<std::int32_t, 40> lm{};
    m.log_mel(std::span<const std::int16_t, 480>(pcm.data(), 480), lm);
    const auto& lref = kws_data()[name + "/frame0_log_mel"].values;
    double lerr = 0.0;
    for (std::size_t i = 0; i < 40; ++i) lerr = std::max(lerr, std::abs(lm[i] / 16777216.0 - lref[i]));
    std::printf(
        "mfcc_q15 %-8s max |mfcc - numpy|: worst frame %.3g, 49x10 window %.3g; frame 0 log-mel %.3g\n",
        name.c_str(), frame_err, window_err, lerr);
    CHECK_MESSAGE(frame_err <= frame_bound, name);
    CHECK_MESSAGE(window_err <= window_bound, name);
    CHECK_MESSAGE(lerr <= log_mel_bound, name);
    worst = std::max(worst, window_err);
  }
  std::printf("mfcc_q15 worst over all clips: %.3g\n", worst);
}

namespace {
// CMSIS-DSP's arm_mfcc benchmark configuration (data: tests/dsp/data/mfcc.bin, gen_mfcc_frames).
inline constexpr ctml::dsp::mel_options frame512_mel{
    .fft_size = 512, .num_mel = 40, .sample_rate = 16000.0, .lower_hz = 20.0, .upper_hz = 4000.0};
inline constexpr ctml::dsp::mfcc_options frame512{.frame_length = 512,
                                                  .window = ctml::dsp::window_type::hann,
                                                  .spectrum = ctml::dsp::spectrum_type::magnitude,
                                                  .mel = frame512_mel,
                                                  .log_offset = 1e-6f,
                                                  .num_mfcc = 13,
                                                  .dct = ctml::dsp::dct_norm::ortho};
}  // namespace

TEST_CASE("mfcc_q15: single 512-sample frames (40 mel, 13 orthonormal DCT) on varied signals vs numpy") {
  static const ctml_test::ref_file f("mfcc.bin");
  static ctml::dsp::mfcc_q15<frame512> m31;
  static ctml::dsp::mfcc_q15<frame512, ctml::dsp::mfcc_fft::q15> m15;
  static ctml::dsp::mfcc<frame512> mf;  // the float pipeline, for context (printed, not asserted here)
  double worst31 = 0.0, worst15 = 0.0;
  for (const std::string name : {"sine_bin", "sine_between", "chirp", "white", "pink", "impulse", "dc",
                                 "full_scale", "near_silent", "speechlike"}) {
    const auto x = f[name + "/frame"].as<std::int16_t>();
    const auto& ref = f[name + "/mfcc"].values;
    const auto& lref = f[name + "/log_mel"].values;
    const std::span<const std::int16_t, 512> frame(x.data(), 512);
    std::array<std::int32_t, 13> c{};
    std::array<std::int32_t, 40> lm{};
    m31.log_mel(frame, lm);
    double el = 0.0, e31 = 0.0, e15 = 0.0;
    for (std::size_t i = 0; i < 40; ++i) el = std::max(el, std::abs(lm[i] / 16777216.0 - lref[i]));
    m31.compute(frame, c);
    for (std::size_t k = 0; k < 13; ++k) e31 = std::max(e31, std::abs(c[k] / 65536.0 - ref[k]));
    m15.compute(frame, c);
    for (std::size_t k = 0; k < 13; ++k) e15 = std::max(e15, std::abs(c[k] / 65536.0 - ref[k]));
    std::array<float, 512> xf{};
    for (std::size_t n = 0; n < 512; ++n) xf[n] = static_cast<float>(x[n]) / 32768.0f;
    std::array<float, 13> cf{};
    mf.compute(xf, cf);
    double ef = 0.0;
    for (std::size_t k = 0; k < 13; ++k) ef = std::max(ef, std::abs(static_cast<double>(cf[k]) - ref[k]));
    std::printf("mfcc_q15 frame %-12s max |err|: mfcc %.3g (Q15 FFT %.3g, float mfcc %.3g), log-mel %.3g\n",
                name.c_str(), e31, e15, ef, el);
    // A bin-centred tone and DC leave most bands empty in exact arithmetic: there the Q31 spectrum's
    // one-LSB floor (~170 dB below the peak) is what log(mel + 1e-6) sees.
    const bool empty_bands = name == "sine_bin" || name == "dc";
    CHECK_MESSAGE(e31 <= (empty_bands ? 2.0 : 2e-3), name);
    CHECK_MESSAGE(el <= (empty_bands ? 0.6 : 1e-3), name);
    // The Q15 FFT's floor (~90 dB below the peak) shows on tones; bounded on broadband signals.
    const bool broadband = name == "white" || name == "pink" || name == "impulse" || name == "full_scale" ||
                           name == "near_silent" || name == "speechlike";
    if (broadband) CHECK_MESSAGE(e15 <= 0.05, name);
    worst31 = std::max(worst31, e31);
    worst15 = std::max(worst15, e15);
  }
  std::printf("mfcc_q15 single frames: worst %.3g (Q15 FFT %.3g)\n", worst31, worst15);
}

TEST_CASE("mfcc_q15 with the Q15 FFT (mfcc_fft::q15): KWS MFCCs vs numpy") {
  static ctml::dsp::mfcc_q15<ctml::dsp::kws_mfcc, ctml::dsp::mfcc_fft::q15> m;
  for (const std::string name : {"sweep", "vowel", "quiet", "silence"}) {
    const auto pcm = kws_clip(name);
    const auto& ref = kws_data()[name + "/mfcc"].values;
    double err = 0.0;
    std::array<std::int32_t, 10> c{};
    for (std::size_t f = 0; f < 49; ++f) {
      m.compute(std::span<const std::int16_t, 480>(pcm.data() + f * 320, 480), c);
      for (std::size_t k = 0; k < 10; ++k) err = std::max(err, std::abs(c[k] / 65536.0 - ref[f * 10 + k]));
    }
    std::printf("mfcc_q15 (Q15 FFT) %-8s max |mfcc - numpy| over 49x10 = %.3g\n", name.c_str(), err);
    CHECK_MESSAGE(err <= q15_fft_bound, name);
  }
}

TEST_CASE("kws_frontend_q15: int8 features vs numpy quantized the same way") {
  static kws_frontend_q15 fe;
  for (const std::string name : {"sweep", "vowel", "quiet", "silence"}) {
    const auto pcm = kws_clip(name);
    const auto ref = kws_data()[name + "/int8"].as<int>();
    std::array<std::int8_t, kws_frontend_q15::num_features> q{};
    fe.compute(std::span<const std::int16_t, 16000>(pcm.data(), 16000), q);
    int max_diff = 0, diffs = 0;
    for (std::size_t i = 0; i < q.size(); ++i) {
      const int d = std::abs(q[i] - ref[i]);
      max_diff = std::max(max_diff, d);
      diffs += d != 0;
    }
    std::printf("kws_q15 %-8s int8: %d of 490 differ (max %d)\n", name.c_str(), diffs, max_diff);
    CHECK(max_diff <= 1);
    CHECK(diffs <= 2);
  }
  static_assert(ctml::dsp::kws_quantize_q16(0) == 83);
  static_assert(ctml::dsp::kws_quantize_q16(2147483647) == 127);
  static_assert(ctml::dsp::kws_quantize_q16(-2147483647 - 1) == -128);
  // 2.5 steps: 1.4617572725 * 65536 = 95,797.7 -> 95,798 is just above the half: rounds to 86.
  static_assert(ctml::dsp::kws_quantize_q16(95798) == 86);
  static_assert(ctml::dsp::kws_quantize_q16(-95798) == 80);
}

TEST_CASE("mfcc_q15: full-scale and extreme inputs stay in range (no overflow)") {
  static ctml::dsp::mfcc_q15<ctml::dsp::kws_mfcc> m;
  std::array<std::int16_t, 480> x{};
  std::array<std::int32_t, 10> c{};
  std::array<std::int32_t, 10> ref{};
  // Silence: log(1e-6) in every band, c0 = 2 * 40 ln(1e-6) / sqrt(80) (TF scaling); others 0.
  m.compute(x, ref);
  CHECK(std::abs(ref[0] / 65536.0 - 2.0 * 40.0 * std::log(1e-6) / std::sqrt(80.0)) < 1e-4);
  for (std::size_t k = 1; k < 10; ++k) CHECK(std::abs(ref[k]) <= 1);
  // Full-scale square wave and constant -32768: finite, ordered as the float path.
  for (std::size_t n = 0; n < x.size(); ++n) x[n] = (n / 8) % 2 ? 32767 : -32768;
  m.compute(x, c);
  CHECK(c[0] > ref[0]);
  x.fill(-32768);
  m.compute(x, c);
  CHECK(c[0] > ref[0]);
}

namespace {
// The power-spectrum configuration of issue 19 (data: sensor.bin, gen_sensor): frame 400, periodic
// Hamming, |rfft_512|^2, 26 HTK mel bands 0-8000 Hz, 13 orthonormal coefficients.
inline constexpr ctml::dsp::mel_options power400_mel{
    .fft_size = 512, .num_mel = 26, .sample_rate = 16000.0, .lower_hz = 0.0, .upper_hz = 8000.0};
inline constexpr ctml::dsp::mfcc_options power400{.frame_length = 400,
                                                  .window = ctml::dsp::window_type::hamming,
                                                  .spectrum = ctml::dsp::spectrum_type::power,
                                                  .mel = power400_mel,
                                                  .log_offset = 1e-6f,
                                                  .num_mfcc = 13,
                                                  .dct = ctml::dsp::dct_norm::ortho};
}  // namespace

TEST_CASE("mfcc_q15 with the power spectrum: harmonic frames with weak upper bands vs numpy") {
  static const ctml_test::ref_file f("sensor.bin");
  static ctml::dsp::mfcc_q15<power400> m;
  static ctml::dsp::mfcc_q15<power400, ctml::dsp::mfcc_fft::q15> m15;
  double worst = 0.0, worst_mel = 0.0;
  for (const std::string name : {"harmonic_noise", "harmonic_quiet_noise", "low_tone_hiss"}) {
    const std::string p = "mfcc_power/" + name + "/";
    const auto x = f[p + "frame"].as<std::int16_t>();
    const auto& ref = f[p + "mfcc"].values;
    const auto& lref = f[p + "log_mel"].values;
    const std::span<const std::int16_t, 400> frame(x.data(), 400);
    std::array<std::int32_t, 26> lm{};
    std::array<std::int32_t, 13> c{};
    m.log_mel(frame, lm);
    m.compute(frame, c);
    double el = 0.0, e = 0.0;
    for (std::size_t i = 0; i < 26; ++i) el = std::max(el, std::abs(lm[i] / 16777216.0 - lref[i]));
    for (std::size_t k = 0; k < 13; ++k) e = std::max(e, std::abs(c[k] / 65536.0 - ref[k]));
    // The Q15 FFT's floor (~90 dB below the peak) is above these frames' upper bands: bounded loosely.
    m15.compute(frame, c);
    double e15 = 0.0;
    for (std::size_t k = 0; k < 13; ++k) e15 = std::max(e15, std::abs(c[k] / 65536.0 - ref[k]));
    std::printf("mfcc_q15 power %-20s max |err|: mfcc %.3g (Q15 FFT %.3g), log-mel %.3g\n", name.c_str(), e,
                e15, el);
    CHECK_MESSAGE(e <= 2e-3, name);
    CHECK_MESSAGE(el <= 1e-3, name);
    if (name == "harmonic_noise") CHECK(e15 <= 0.15);  // measured 0.092; the tones reach 2.2
    worst = std::max(worst, e);
    worst_mel = std::max(worst_mel, el);
  }
  std::printf("mfcc_q15 power frames: worst mfcc %.3g, log-mel %.3g\n", worst, worst_mel);
}

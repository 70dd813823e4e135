// The MLPerf Tiny KWS front end vs a numpy statement of TensorFlow's documented tf.signal pipeline
// (tools/gen_dsp/gen_dsp_reference.py: tf_mfcc_front_end, quantize_kws). Data: tests/dsp/data/kws.bin.
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include <ctml/dsp/kws_frontend.hpp>

#include "ref_data.hpp"

using ctml::dsp::kws_frontend;

namespace {
using ctml_test::kws_clip;
using ctml_test::kws_data;

kws_frontend& frontend() {
  static kws_frontend fe;  // ~10 KB: static, as on a device
  return fe;
}

// Max |MFCC - numpy| over the clip. float32 pipeline vs float64 numpy: log(mel + 1e-6) amplifies
// the FFT's relative error where mel energy is tiny, so the bound is absolute, in MFCC units.
constexpr double mfcc_tolerance = 1e-4;  // measured: 3.4e-5 (silence), 8e-6 (quiet)
}  // namespace

TEST_CASE("KWS float MFCCs equal the numpy statement of the TensorFlow front end") {
  INFO(kws_data().provenance());
  for (const std::string name : {"sweep", "vowel", "quiet", "silence"}) {
    const auto pcm = kws_clip(name);
    std::vector<float> audio(pcm.size());
    for (std::size_t i = 0; i < pcm.size(); ++i) audio[i] = static_cast<float>(pcm[i]) / 32768.0f;
    std::array<float, kws_frontend::num_features> mfcc{};
    CHECK(frontend().compute_float(std::span<const float, 16000>(audio.data(), 16000), mfcc) ==
          ctml::dsp::frontend_status::ok);
    const double e = ctml_test::max_abs_error(std::vector<double>(mfcc.begin(), mfcc.end()),
                                              kws_data()[name + "/mfcc"].values);
    std::printf("kws %-8s max |mfcc - numpy| = %.3g\n", name.c_str(), e);
    CHECK_MESSAGE(e <= mfcc_tolerance, name);
  }
}

TEST_CASE("KWS int8 features equal the numpy reference quantized the same way") {
  for (const std::string name : {"sweep", "vowel", "quiet", "silence"}) {
    const auto pcm = kws_clip(name);
    const auto ref = kws_data()[name + "/int8"].as<int>();
    std::array<std::int8_t, kws_frontend::num_features> q{};
    frontend().compute(std::span<const std::int16_t, 16000>(pcm.data(), 16000), q);
    int max_diff = 0, diffs = 0;
    for (std::size_t i = 0; i < q.size(); ++i) {
      const int d = std::abs(q[i] - ref[i]);
      max_diff = std::max(max_diff, d);
      diffs += d != 0;
    }
    std::printf("kws %-8s int8: %d of 490 differ (max %d)\n", name.c_str(), diffs, max_diff);
    // A value within float rounding of a .5 step may round the other way: at most 1 LSB, rarely.
    CHECK(max_diff <= 1);
    CHECK(diffs <= 2);
  }
}

TEST_CASE("KWS streaming: any chunking gives the whole-clip features; the window slides by frames") {
  const auto pcm = kws_clip("vowel");
  const auto ref = kws_data()["vowel/int8"].as<int>();
  std::array<std::int8_t, kws_frontend::num_features> whole{};
  frontend().compute(std::span<const std::int16_t, 16000>(pcm.data(), 16000), whole);
  for (std::size_t chunk : {1u, 7u, 160u, 320u, 512u, 16000u}) {
    static kws_frontend fe;
    fe.reset();
    std::size_t rows = 0;
    for (std::size_t i = 0; i < pcm.size(); i += chunk)
      rows += fe.push(std::span<const std::int16_t>(pcm).subspan(i, std::min(chunk, pcm.size() - i)));
    CHECK(rows == 49);
    REQUIRE(fe.ready());
    const auto f = fe.features();
    for (std::size_t i = 0; i < f.size(); ++i) CHECK(f[i] == whole[i]);
  }
  // 8000 samples (25 hops) of another clip first: after the whole stream the window holds exactly
  // the last clip's 49 frames, equal to numpy's features of that clip.
  static kws_frontend fe;
  fe.reset();
  const auto prefix = kws_clip("sweep");
  fe.push(std::span<const std::int16_t>(prefix).first(8000));
  CHECK(fe.ready() == false);
  fe.push(pcm);
  REQUIRE(fe.ready());
  int max_diff = 0;
  for (std::size_t i = 0; i < 490; ++i) max_diff = std::max(max_diff, std::abs(fe.features()[i] - ref[i]));
  CHECK(max_diff <= 1);
}

TEST_CASE("KWS bad input: NaN/Inf samples are reported, never UB; silence stays finite") {
  std::vector<float> audio(16000, 0.01f);
  audio[5000] = std::numeric_limits<float>::quiet_NaN();
  audio[12000] = std::numeric_limits<float>::infinity();
  std::array<std::int8_t, 490> q{};
  CHECK(frontend().compute(std::span<const float, 16000>(audio.data(), 16000), q) ==
        ctml::dsp::frontend_status::non_finite_input);
  // Frame f covers samples [320 f, 320 f + 480): frame 15 holds sample 5000, frame 37 sample 12000;
  // their features are the zero point, their neighbours are computed normally.
  for (std::size_t f : {15u, 37u})
    for (std::size_t c = 0; c < 10; ++c) CHECK(q[f * 10 + c] == 83);
  CHECK(q[14 * 10 + 1] != 83);
  CHECK(q[36 * 10 + 1] != 83);
  CHECK(q[0] != 83);
  // Quantization of extreme values saturates, NaN maps to the zero point.
  static_assert(ctml::dsp::kws_quantize(1e30f) == 127);
  static_assert(ctml::dsp::kws_quantize(-1e30f) == -128);
  static_assert(ctml::dsp::kws_quantize(0.0f) == 83);
  static_assert(ctml::dsp::kws_quantize(0.584702909f * 2.5f) == 86);  // half away from zero
  CHECK(ctml::dsp::kws_quantize(std::numeric_limits<float>::quiet_NaN()) == 83);
  CHECK(ctml::dsp::kws_quantize(-std::numeric_limits<float>::infinity()) == -128);
  // Digital silence: log(0 + 1e-6) is finite; covered against numpy by the "silence" clip above.
  std::vector<float> zeros(16000, 0.0f);
  std::array<float, 490> m{};
  CHECK(frontend().compute_float(std::span<const float, 16000>(zeros.data(), 16000), m) ==
        ctml::dsp::frontend_status::ok);
  for (float v : m) CHECK(std::isfinite(v));
}

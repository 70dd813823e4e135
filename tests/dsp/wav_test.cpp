// examples/keyword_spotting/wav.hpp: WAV files written by Python's wave module (and hand-made
// headers), a word spoken by espeak-ng resampled by sox, and its KWS features vs the numpy statement
// of the TensorFlow front end (tools/gen_dsp/gen_dsp_reference.py, gen_wav). Data: tests/dsp/data/wav*.
#include "../../examples/keyword_spotting/wav.hpp"

#include <cmath>
#include <string>

#include <ctml/dsp/kws_frontend.hpp>

#include "ref_data.hpp"

namespace {
const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("wav.bin");
  return f;
}
std::string path(const char* name) {
  return std::string(CTML_DSP_DATA_DIR) + "/wav/" + name;
}
}  // namespace

TEST_CASE("read_wav returns the samples Python's wave module wrote") {
  const auto wav = kws_example::read_wav(path("good_16k_mono_16bit.wav").c_str());
  REQUIRE_MESSAGE(wav.ok, wav.error);
  const auto expect = data()["good_16k_mono_16bit/samples"].as<std::int16_t>();
  CHECK(wav.samples == expect);
}

TEST_CASE("read_wav rejects anything but 16 kHz mono 16-bit PCM with a clear message") {
  struct bad_case {
    const char* file;
    const char* message;
  };
  for (const bad_case& c :
       {bad_case{"bad_44k.wav", "need 16 kHz mono 16-bit PCM, got 44100 Hz, 1 channel(s), 16-bit"},
        bad_case{"bad_stereo.wav", "got 16000 Hz, 2 channel(s)"}, bad_case{"bad_8bit.wav", "8-bit"},
        bad_case{"bad_float.wav", "32-bit, IEEE float"}, bad_case{"bad_truncated.wav", "truncated WAV file"},
        bad_case{"bad_not_riff.wav", "not a WAV file"}, bad_case{"does_not_exist.wav", "cannot open"}}) {
    const auto wav = kws_example::read_wav(path(c.file).c_str());
    INFO(c.file << ": " << wav.error);
    CHECK_FALSE(wav.ok);
    CHECK(wav.error.find(c.message) != std::string::npos);
    CHECK(wav.samples.empty());
  }
  // Garbage of every length never reads out of bounds (run under ASan in the host-asan preset).
  std::vector<unsigned char> bytes{'R', 'I', 'F', 'F', 0xff, 0xff, 0xff, 0xff, 'W',  'A',
                                   'V', 'E', 'f', 'm', 't',  ' ',  0xff, 0xff, 0xff, 0x7f};
  for (std::size_t n = 0; n <= bytes.size(); ++n) {
    const auto wav = kws_example::parse_wav(
        std::vector<unsigned char>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n)));
    CHECK_FALSE(wav.ok);
  }
}

TEST_CASE("spoken 'yes' (espeak-ng, sox): KWS features equal the numpy TensorFlow front end") {
  const auto wav = kws_example::read_wav(path("espeak_yes_16k.wav").c_str());
  REQUIRE_MESSAGE(wav.ok, wav.error);
  CHECK(wav.samples == data()["espeak_yes/samples"].as<std::int16_t>());
  REQUIRE(wav.samples.size() <= 16000);
  // The training pipeline's preparation: divide by the clip's peak, zero-pad to one second.
  float peak = 0;
  for (auto s : wav.samples) peak = std::fmax(peak, std::fabs(static_cast<float>(s) / 32768.0f));
  std::array<float, 16000> audio{};
  for (std::size_t i = 0; i < wav.samples.size(); ++i)
    audio[i] = static_cast<float>(wav.samples[i]) / 32768.0f / peak;
  static ctml::dsp::kws_frontend fe;
  std::array<float, 490> mfcc{};
  CHECK(fe.compute_float(audio, mfcc) == ctml::dsp::frontend_status::ok);
  const auto& ref = data()["espeak_yes/mfcc"];
  CHECK(ctml_test::max_abs_error(std::vector<double>(mfcc.begin(), mfcc.end()), ref.values) <= 1e-4);
  std::array<std::int8_t, 490> q{};
  fe.compute(audio, q);
  const auto ref_q = data()["espeak_yes/int8"].as<int>();
  int max_diff = 0;
  for (std::size_t i = 0; i < 490; ++i) max_diff = std::max(max_diff, std::abs(q[i] - ref_q[i]));
  CHECK(max_diff <= 1);
}

// Mel filterbanks vs a numpy statement of tf.signal.linear_to_mel_weight_matrix, a numpy statement of
// Slaney's filterbank (librosa's formula), and the ONNX MelWeightMatrix node test; DCT-II vs
// scipy.fft.dct; options written in the template argument (ctml::dsp::config). Data:
// tests/dsp/data/mel.bin.
#include <cmath>
#include <string>

#include <ctml/dsp/config.hpp>
#include <ctml/dsp/dct.hpp>
#include <ctml/dsp/kws_frontend.hpp>
#include <ctml/dsp/mel.hpp>
#include <ctml/dsp/mfcc.hpp>

#include "ref_data.hpp"

namespace {
const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("mel.bin");
  return f;
}

template <typename Bank>
void check_bank(const std::string& key, double tol) {
  const auto& ref = data()[key];  // [bins][mel]
  REQUIRE(ref.shape[0] == Bank::num_bins);
  REQUIRE(ref.shape[1] == Bank::num_mel);
  double err = 0;
  for (std::size_t k = 0; k < Bank::num_bins; ++k)
    for (std::size_t m = 0; m < Bank::num_mel; ++m) {
      const double r = ref[k * Bank::num_mel + m];
      err = std::fmax(err, std::fabs(Bank::weight(k, m) - r));
      if (r == 0.0) CHECK(Bank::weight(k, m) == 0.0f);  // the sparse table drops only true zeros
    }
  CHECK_MESSAGE(err <= tol, key << " max error " << err);
  // apply() is the matrix product spectrum x W.
  std::array<float, Bank::num_bins> s{};
  for (std::size_t k = 0; k < s.size(); ++k)
    s[k] = static_cast<float>(1.0 + 0.01 * static_cast<double>(k % 17));
  std::array<float, Bank::num_mel> out{};
  Bank::apply(s, out);
  for (std::size_t m = 0; m < Bank::num_mel; ++m) {
    double expect = 0;
    for (std::size_t k = 0; k < s.size(); ++k) expect += s[k] * ref[k * Bank::num_mel + m];
    CHECK(std::fabs(out[m] - expect) <= 1e-5 * std::fmax(1.0, std::fabs(expect)));
  }
}

inline constexpr ctml::dsp::mel_options kws_mel{512, 40, 16000.0, 20.0, 4000.0};
inline constexpr ctml::dsp::mel_options small_mel{16, 8, 8192.0, 0.0, 4096.0};
inline constexpr ctml::dsp::mel_options mel_8k{256, 32, 8000.0, 125.0, 3800.0};
inline constexpr ctml::dsp::mel_options slaney_mel{512,  40,     16000.0,
                                                   20.0, 4000.0, ctml::dsp::mel_style::slaney};
inline constexpr ctml::dsp::mel_options onnx_mel{16, 8, 8192.0, 0.0, 4096.0, ctml::dsp::mel_style::onnx};
}  // namespace

TEST_CASE("HTK mel filterbank equals tf.signal.linear_to_mel_weight_matrix (numpy statement)") {
  INFO(data().provenance());
  // Reference stored as float32: 1e-6 covers its rounding.
  check_bank<ctml::dsp::mel_filterbank<kws_mel>>("tf/40_257_16000_20_4000", 1e-6);
  check_bank<ctml::dsp::mel_filterbank<small_mel>>("tf/8_9_8192_0_4096", 1e-6);
  check_bank<ctml::dsp::mel_filterbank<mel_8k>>("tf/32_129_8000_125_3800", 1e-6);
  static_assert(ctml::dsp::mel_filterbank<kws_mel>::num_weights < 300);  // sparse: 257 x 40 dense
}

TEST_CASE("Slaney mel filterbank equals the numpy statement of librosa's slaney formula") {
  check_bank<ctml::dsp::mel_filterbank<slaney_mel>>("slaney/40_512_16000_20_4000", 1e-8);
}

TEST_CASE("ONNX-style mel filterbank equals the ONNX MelWeightMatrix node test") {
  const auto& d = data();
  REQUIRE(d["onnx/test_melweightmatrix/num_mel_bins"][0] == 8);
  REQUIRE(d["onnx/test_melweightmatrix/dft_length"][0] == 16);
  REQUIRE(d["onnx/test_melweightmatrix/sample_rate"][0] == 8192);
  REQUIRE(d["onnx/test_melweightmatrix/lower_edge_hertz"][0] == 0);
  REQUIRE(d["onnx/test_melweightmatrix/upper_edge_hertz"][0] == 4096);
  check_bank<ctml::dsp::mel_filterbank<onnx_mel>>("onnx/test_melweightmatrix/y", 0.0);
}

template <std::size_t N>
void check_dct() {
  const std::string p = "dct/" + std::to_string(N) + "/";
  const auto x = data()[p + "x"].as_float();
  std::array<float, N> in{};
  std::copy(x.begin(), x.end(), in.begin());
  std::array<float, N> y{};
  ctml::dsp::dct2<N, N, ctml::dsp::dct_norm::ortho>::apply(in, y);
  CHECK(ctml_test::max_rel_error(y, data()[p + "ortho"].values) <= 1e-6);
  ctml::dsp::dct2<N, N, ctml::dsp::dct_norm::tensorflow>::apply(in, y);
  CHECK(ctml_test::max_rel_error(y, data()[p + "tf"].values) <= 1e-6);
  // The first K rows only (what MFCC uses) are the same numbers.
  std::array<float, 4> first{};
  ctml::dsp::dct2<N, 4, ctml::dsp::dct_norm::ortho>::apply(in, first);
  for (std::size_t k = 0; k < 4; ++k) CHECK(std::fabs(first[k] - data()[p + "ortho"][k]) <= 1e-5);
}

TEST_CASE("DCT-II equals scipy.fft.dct(norm='ortho') and TensorFlow's MFCC scaling") {
  check_dct<8>();
  check_dct<40>();
  check_dct<64>();
}

// Options written in place (dsp/config.hpp), without a named object: the KWS filterbank and MFCC.
using in_place_mel = ctml::dsp::mel_filterbank<ctml::dsp::config<[] {
  using namespace ctml::literals;
  return ctml::dsp::mel_options{
      .fft_size = 512, .num_mel = 40, .sample_rate = 16_kHz, .lower_hz = 20, .upper_hz = 4000};
}>>;
using in_place_mfcc = ctml::dsp::mfcc<ctml::dsp::config<[] {
  return ctml::dsp::mfcc_options{.frame_length = 480,
                                 .mel = ctml::dsp::config<[] {
                                   return ctml::dsp::mel_options{512, 40, 16000.0, 20.0, 4000.0};
                                 }>,
                                 .num_mfcc = 10};
}>>;

TEST_CASE("mel_filterbank and mfcc with options written in place (ctml::dsp::config) equal named ones") {
  check_bank<in_place_mel>("tf/40_257_16000_20_4000", 1e-6);
  static_assert(in_place_mel::weights == ctml::dsp::mel_filterbank<kws_mel>::weights);
  static_assert(in_place_mfcc::num_mfcc == 10 && in_place_mfcc::frame_length == 480);
  std::array<float, 480> frame{};
  for (std::size_t i = 0; i < frame.size(); ++i)
    frame[i] = 0.5f * std::sin(0.07f * static_cast<float>(i)) + 0.1f * std::cos(0.9f * static_cast<float>(i));
  static ctml::dsp::mfcc<ctml::dsp::kws_mfcc> named;
  static in_place_mfcc in_place;
  std::array<float, 10> a{}, b{};
  named.compute(frame, a);
  in_place.compute(frame, b);
  CHECK(a == b);
  CHECK(a[0] != 0.0f);
}

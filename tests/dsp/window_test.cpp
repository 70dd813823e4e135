// Windows vs scipy.signal.get_window and ONNX HannWindow/HammingWindow/BlackmanWindow node tests
// (reference data: tests/dsp/data/windows.bin, written by tools/gen_dsp/gen_dsp_reference.py).
#include <cmath>
#include <cstdio>
#include <string>

#include <ctml/dsp/window.hpp>

#include "ref_data.hpp"

using ctml::dsp::window_symmetry;
using ctml::dsp::window_type;

namespace {

const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("windows.bin");
  return f;
}

template <window_type T, std::size_t N, window_symmetry S>
void check(const std::string& key) {
  const auto& ref = data()[key];
  const auto& w = ctml::dsp::window<T, N, S>;
  REQUIRE(ref.size() == N);
  for (std::size_t n = 0; n < N; ++n) {
    // Both sides are float32 roundings of the exact window: at most 1 ulp apart (here 1e-7 absolute).
    CHECK_MESSAGE(std::fabs(static_cast<double>(w[n]) - ref[n]) <= 1.2e-7, key << " n=" << n);
  }
  // Q15 table: within half an LSB of the reference (saturated at 1.0).
  const auto& q = ctml::dsp::window_q15<T, N, S>;
  for (std::size_t n = 0; n < N; ++n) {
    const double expect = std::fmin(32767.0, ref[n] * 32768.0);
    CHECK(std::fabs(static_cast<double>(q[n]) - expect) <= 0.5 + 1e-3);
  }
}

template <std::size_t N>
void check_all_scipy() {
  const std::string n = std::to_string(N);
  check<window_type::hann, N, window_symmetry::periodic>("scipy/hann/periodic/" + n);
  check<window_type::hann, N, window_symmetry::symmetric>("scipy/hann/symmetric/" + n);
  check<window_type::hamming, N, window_symmetry::periodic>("scipy/hamming/periodic/" + n);
  check<window_type::hamming, N, window_symmetry::symmetric>("scipy/hamming/symmetric/" + n);
  check<window_type::blackman, N, window_symmetry::periodic>("scipy/blackman/periodic/" + n);
  check<window_type::blackman, N, window_symmetry::symmetric>("scipy/blackman/symmetric/" + n);
}

}  // namespace

TEST_CASE("windows equal scipy.signal.get_window (periodic and symmetric)") {
  INFO(data().provenance());
  check_all_scipy<16>();
  check_all_scipy<480>();
  check_all_scipy<512>();
}

TEST_CASE("windows equal ONNX HannWindow/HammingWindow/BlackmanWindow conformance outputs") {
  // ONNX's test generator (onnx/backend/test/case/node/hannwindow.py etc.) writes pi as 3.1415, so its
  // expected values are off from the exact window by up to 1e-4; scipy above is the tight check.
  auto near = [](const auto& w, const ctml_test::ref_array& ref) {
    REQUIRE(ref.size() == w.size());
    for (std::size_t n = 0; n < w.size(); ++n) CHECK(std::fabs(static_cast<double>(w[n]) - ref[n]) <= 1e-4);
  };
  near(ctml::dsp::window<window_type::hann, 10>, data()["onnx/hann/periodic/10"]);
  near(ctml::dsp::window<window_type::hann, 10, window_symmetry::symmetric>,
       data()["onnx/hann/symmetric/10"]);
  // ONNX HammingWindow uses alpha = 25/46, not scipy's 0.54.
  near(ctml::dsp::window<window_type::hamming_exact, 10>, data()["onnx/hamming/periodic/10"]);
  near(ctml::dsp::window<window_type::hamming_exact, 10, window_symmetry::symmetric>,
       data()["onnx/hamming/symmetric/10"]);
  near(ctml::dsp::window<window_type::blackman, 10>, data()["onnx/blackman/periodic/10"]);
  near(ctml::dsp::window<window_type::blackman, 10, window_symmetry::symmetric>,
       data()["onnx/blackman/symmetric/10"]);
}

TEST_CASE("window tables are compile-time constants") {
  static_assert(ctml::dsp::window<window_type::hann, 512>[0] == 0.0f);
  static_assert(ctml::dsp::window<window_type::hann, 512>[256] == 1.0f);
  static_assert(ctml::dsp::window<window_type::hann, 512>[128] == 0.5f);
  static_assert(ctml::dsp::window_q15<window_type::hann, 512>[256] == 32767);
  std::array<float, 4> x{1, 2, 3, 4};
  ctml::dsp::apply_window<4>(x, ctml::dsp::window<window_type::hann, 4>, x);
  CHECK(x[0] == 0.0f);
  CHECK(x[2] == 3.0f);  // w[2] = 1 for the periodic 4-point Hann
}

TEST_CASE("Kaiser, Tukey (constexpr, any parameter) and flat-top windows match scipy.signal.windows") {
  static const ctml_test::ref_file f("features.bin");
  INFO(f.provenance());
  double worst = 0.0;
  auto check_table = [&](const auto& w, const std::string& key) {
    const auto& ref = f[key].values;  // float32 roundings of scipy's float64 window
    REQUIRE(ref.size() == w.size());
    for (std::size_t n = 0; n < w.size(); ++n) {
      const double e = std::fabs(static_cast<double>(w[n]) - ref[n]);
      CHECK_MESSAGE(e <= 1.2e-7, key << " n=" << n);
      worst = std::fmax(worst, e);
    }
  };
  constexpr auto p = window_symmetry::periodic, s = window_symmetry::symmetric;
  static constexpr auto k64 = ctml::dsp::kaiser<64>(8.6);  // a table built by the compiler
  check_table(k64, "window/kaiser_8.6/64/periodic");
  check_table(ctml::dsp::kaiser<64>(8.6, s), "window/kaiser_8.6/64/symmetric");
  check_table(ctml::dsp::kaiser<512>(14.0, p), "window/kaiser_14/512/periodic");
  check_table(ctml::dsp::kaiser<512>(14.0, s), "window/kaiser_14/512/symmetric");
  check_table(ctml::dsp::kaiser<64>(14.0, p), "window/kaiser_14/64/periodic");
  check_table(ctml::dsp::kaiser<512>(8.6, s), "window/kaiser_8.6/512/symmetric");
  for (const auto& [alpha, name] : {std::pair{0.25, "tukey_0.25"}, std::pair{0.5, "tukey_0.5"}}) {
    check_table(ctml::dsp::tukey<64>(alpha, p), std::string("window/") + name + "/64/periodic");
    check_table(ctml::dsp::tukey<64>(alpha, s), std::string("window/") + name + "/64/symmetric");
    check_table(ctml::dsp::tukey<512>(alpha, p), std::string("window/") + name + "/512/periodic");
    check_table(ctml::dsp::tukey<512>(alpha, s), std::string("window/") + name + "/512/symmetric");
  }
  check_table(ctml::dsp::window<window_type::flattop, 64>, "window/flattop/64/periodic");
  check_table(ctml::dsp::window<window_type::flattop, 64, window_symmetry::symmetric>,
              "window/flattop/64/symmetric");
  check_table(ctml::dsp::window<window_type::flattop, 512>, "window/flattop/512/periodic");
  check_table(ctml::dsp::window<window_type::flattop, 512, window_symmetry::symmetric>,
              "window/flattop/512/symmetric");
  // Limits as scipy defines them: alpha 0 is rectangular, alpha 1 is Hann.
  constexpr auto t0 = ctml::dsp::tukey<16>(0.0);
  constexpr auto t1 = ctml::dsp::tukey<16>(1.0);
  static_assert(t0[0] == 1.0f && t0[15] == 1.0f);
  for (std::size_t n = 0; n < 16; ++n) CHECK(t1[n] == ctml::dsp::window<window_type::hann, 16>[n]);
  std::printf("kaiser / tukey / flattop vs scipy: max |error| %.3g\n", worst);
}

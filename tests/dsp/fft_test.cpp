// Float FFTs vs numpy.fft (fft/ifft/rfft/irfft) and the ONNX DFT/STFT node conformance tests
// (reference data: tests/dsp/data/fft.bin, written by tools/gen_dsp/gen_dsp_reference.py).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include <ctml/dsp/fft.hpp>
#include <ctml/dsp/window.hpp>

#include "ref_data.hpp"

using ctml::dsp::complex_f32;
using ctml_test::flatten;
using ctml_test::max_rel_error;

namespace {

const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("fft.bin");
  return f;
}

// The bound docs/dsp.md states: max |X - X_numpy| / max |X_numpy| <= 1e-7 * log2(N) for float32
// input, every N from 16 to 4096 (measured worst case is printed by the test).
double bound(std::size_t n) {
  return 1e-7 * std::log2(static_cast<double>(n));
}

double worst_rfft = 0, worst_irfft = 0, worst_fft = 0, worst_ifft = 0;

template <std::size_t N>
void check_rfft() {
  const std::size_t n_ = N;  // a local: doctest messages capture by reference
  const std::string prefix = "rfft/" + std::to_string(N) + "/";
  for (const char* sig :
       {"white", "chirp", "sine_bin", "sine_between", "pink", "impulse", "dc", "full_scale", "near_silent"}) {
    if (!data().has(prefix + sig + "/x")) continue;
    const auto x = data()[prefix + sig + "/x"].as_float();
    const auto& ref = data()[prefix + sig + "/X"];
    std::array<float, N> in{};
    std::copy(x.begin(), x.end(), in.begin());
    std::array<complex_f32, N / 2 + 1> out{};
    ctml::dsp::rfft<N>(in, out);
    const double e = max_rel_error(flatten(out), ref.values);
    worst_rfft = std::fmax(worst_rfft, e);
    CHECK_MESSAGE(e <= bound(N), "rfft N=" << n_ << " " << sig << " rel error " << e);

    // irfft of numpy's spectrum gives back the float32 input (numpy: irfft(rfft(x)) == x).
    const auto spec = ref.as_complex();
    std::copy(spec.begin(), spec.end(), out.begin());
    std::array<float, N> back{};
    ctml::dsp::irfft<N>(out, back);
    std::vector<double> xd(x.begin(), x.end());
    const double ei = max_rel_error(back, xd);
    worst_irfft = std::fmax(worst_irfft, ei);
    CHECK_MESSAGE(ei <= bound(N), "irfft N=" << n_ << " " << sig << " rel error " << ei);
  }
}

template <std::size_t N>
void check_cfft() {
  const std::size_t n_ = N;  // a local: doctest messages capture by reference
  const std::string prefix = "cfft/" + std::to_string(N) + "/";
  for (const char* sig : {"noise", "chirp"}) {
    if (!data().has(prefix + sig + "/x")) continue;
    const auto x = data()[prefix + sig + "/x"].as_complex();
    std::array<complex_f32, N> buf{};
    std::copy(x.begin(), x.end(), buf.begin());
    ctml::dsp::fft<N>(buf);
    const double e = max_rel_error(flatten(buf), data()[prefix + sig + "/X"].values);
    worst_fft = std::fmax(worst_fft, e);
    CHECK_MESSAGE(e <= bound(N), "fft N=" << n_ << " " << sig << " rel error " << e);
    std::copy(x.begin(), x.end(), buf.begin());
    ctml::dsp::ifft<N>(buf);
    const double ei = max_rel_error(flatten(buf), data()[prefix + sig + "/ifft_x"].values);
    worst_ifft = std::fmax(worst_ifft, ei);
    CHECK_MESSAGE(ei <= bound(N), "ifft N=" << n_ << " " << sig << " rel error " << ei);
  }
}

}  // namespace

TEST_CASE("rfft and irfft match numpy.fft.rfft/irfft for N = 16 .. 4096 on varied signals") {
  INFO(data().provenance());
  check_rfft<16>();
  check_rfft<32>();
  check_rfft<64>();
  check_rfft<128>();
  check_rfft<256>();
  check_rfft<512>();
  check_rfft<1024>();
  check_rfft<2048>();
  check_rfft<4096>();
  std::printf("worst relative error vs numpy: rfft %.3g, irfft %.3g\n", worst_rfft, worst_irfft);
}

TEST_CASE("fft and ifft match numpy.fft.fft/ifft") {
  check_cfft<16>();
  check_cfft<32>();
  check_cfft<128>();
  check_cfft<256>();
  check_cfft<512>();
  check_cfft<2048>();
  std::printf("worst relative error vs numpy: fft %.3g, ifft %.3g\n", worst_fft, worst_ifft);
}

TEST_CASE("dft matches the ONNX DFT node tests (N = 10, axis 1 and 2, inverse)") {
  // Input [1, 10, 10, C]: transform 10-point columns (axis 1) or rows (axis 2).
  for (const std::string name : {"test_dft", "test_dft_axis", "test_dft_inverse"}) {
    const auto& x = data()["onnx/" + name + "/x"];
    const auto& y = data()["onnx/" + name + "/y"];
    const bool complex_in = x.shape[3] == 2;
    const bool axis2 = name == "test_dft_axis";
    double err = 0, peak = 0;
    for (std::size_t line = 0; line < 10; ++line) {
      std::array<complex_f32, 10> in{}, out{};
      auto idx = [&](std::size_t i) { return axis2 ? line * 10 + i : i * 10 + line; };
      for (std::size_t i = 0; i < 10; ++i)
        in[i] = complex_in
                    ? complex_f32{static_cast<float>(x[2 * idx(i)]), static_cast<float>(x[2 * idx(i) + 1])}
                    : complex_f32{static_cast<float>(x[idx(i)]), 0.0f};
      if (name == "test_dft_inverse")
        ctml::dsp::dft<10, true>(in, out);
      else
        ctml::dsp::dft<10>(in, out);
      for (std::size_t i = 0; i < 10; ++i) {
        err = std::fmax(err, std::fabs(out[i].re - y[2 * idx(i)]));
        err = std::fmax(err, std::fabs(out[i].im - y[2 * idx(i) + 1]));
        peak = std::fmax(peak, std::fabs(y[2 * idx(i)]));
      }
    }
    CHECK_MESSAGE(err <= 2e-6 * peak, name << " error " << err);
  }
}

TEST_CASE("rfft<16> framed with hop 8 matches the ONNX STFT node tests") {
  for (const std::string name : {"test_stft", "test_stft_with_window"}) {
    const auto signal = data()["onnx/" + name + "/signal"].as_float();
    const auto& y = data()["onnx/" + name + "/y"];  // [1, 15, 9, 2]
    const auto hop = static_cast<std::size_t>(data()["onnx/" + name + "/frame_step"][0]);
    std::array<float, 16> window{};
    window.fill(1.0f);  // no window input: ONNX uses a rectangular window
    if (data().has("onnx/" + name + "/window")) {
      const auto w = data()["onnx/" + name + "/window"].as_float();
      std::copy(w.begin(), w.end(), window.begin());
    }
    REQUIRE(y.shape[1] == 15);
    double err = 0, peak = 0;
    for (std::size_t f = 0; f < 15; ++f) {
      std::array<float, 16> frame{};
      for (std::size_t i = 0; i < 16; ++i) frame[i] = signal[f * hop + i] * window[i];
      std::array<complex_f32, 9> spec{};
      ctml::dsp::rfft<16>(frame, spec);
      for (std::size_t k = 0; k < 9; ++k) {
        err = std::fmax(err, std::fabs(spec[k].re - y[(f * 9 + k) * 2]));
        err = std::fmax(err, std::fabs(spec[k].im - y[(f * 9 + k) * 2 + 1]));
        peak = std::fmax(peak, std::fabs(y[(f * 9 + k) * 2]));
      }
    }
    CHECK_MESSAGE(err <= 1e-6 * peak, name << " error " << err << " peak " << peak);
  }
}

TEST_CASE("fft tables are compile-time constants") {
  using tables = ctml::dsp::detail::fft_tables<4096>;
  static_assert(tables::twiddles[0].re == 1.0f && tables::twiddles[0].im == 0.0f);
  static_assert(tables::swaps.size() == 2016);  // (4096 - 64 palindromic indices) / 2
  // A compile-time FFT: the impulse at 0 has a flat spectrum.
  constexpr auto flat = [] {
    std::array<complex_f32, 16> x{};
    x[0] = {1.0f, 0.0f};
    ctml::dsp::fft<16>(x);
    return x;
  }();
  static_assert(flat[5].re == 1.0f && flat[5].im == 0.0f);
  CHECK(flat[15].re == 1.0f);
}

TEST_CASE("fft/rfft on NaN and Inf input: documented IEEE propagation, no crash") {
  std::array<float, 64> x{};
  x[5] = std::numeric_limits<float>::quiet_NaN();
  std::array<complex_f32, 33> X{};
  ctml::dsp::rfft<64>(x, X);
  for (const auto& v : X) CHECK((std::isnan(v.re) || std::isnan(v.im)));  // a NaN reaches every bin
  x[5] = std::numeric_limits<float>::infinity();
  ctml::dsp::rfft<64>(x, X);
  CHECK_FALSE(std::isfinite(X[0].re));  // Inf, or NaN where a twiddle multiplies Inf by 0
  x.fill(0.0f);                         // all zeros stay exactly zero
  ctml::dsp::rfft<64>(x, X);
  for (const auto& v : X) CHECK((v.re == 0.0f && v.im == 0.0f));
}

TEST_CASE("fft, ifft, rfft and irfft deduce N from std::array, C arrays and fixed-extent spans") {
  static_assert(ctml::dsp::static_extent_v<std::array<float, 512>> == 512);
  static_assert(ctml::dsp::static_extent_v<const float(&)[64]> == 64);
  static_assert(ctml::dsp::static_extent_v<std::span<const float, 32>> == 32);
  static_assert(ctml::dsp::static_extent_v<std::span<const float>> == 0);
  static_assert(ctml::dsp::static_extent_v<std::vector<float>> == 0);
  std::array<float, 64> x{};
  for (std::size_t n = 0; n < x.size(); ++n)
    x[n] = std::sin(0.3f * static_cast<float>(n)) + 0.1f * static_cast<float>(n % 5);
  std::array<ctml::dsp::complex_f32, 33> a{}, b{};
  ctml::dsp::rfft(x, a);  // std::array in and out
  ctml::dsp::rfft<64>(std::span<const float, 64>(x), std::span<ctml::dsp::complex_f32, 33>(b));
  CHECK(
      std::equal(a.begin(), a.end(), b.begin(), [](auto p, auto q) { return p.re == q.re && p.im == q.im; }));
  float c_array[64];
  std::copy(x.begin(), x.end(), c_array);
  ctml::dsp::rfft(c_array, std::span<ctml::dsp::complex_f32, 33>(a));  // C array in, fixed span out
  CHECK(
      std::equal(a.begin(), a.end(), b.begin(), [](auto p, auto q) { return p.re == q.re && p.im == q.im; }));
  std::array<float, 64> back{};
  ctml::dsp::irfft(a, back);
  for (std::size_t n = 0; n < x.size(); ++n) CHECK(back[n] == doctest::Approx(x[n]).epsilon(1e-5));
  std::array<ctml::dsp::complex_f32, 16> z{}, w{};
  for (std::size_t n = 0; n < z.size(); ++n)
    z[n] = w[n] = {static_cast<float>(n % 3), 0.5f * static_cast<float>(n % 2)};
  ctml::dsp::fft(z);
  ctml::dsp::fft<16>(std::span<ctml::dsp::complex_f32, 16>(w));
  CHECK(
      std::equal(z.begin(), z.end(), w.begin(), [](auto p, auto q) { return p.re == q.re && p.im == q.im; }));
  ctml::dsp::ifft(z);
  CHECK(z[1].re == doctest::Approx(1.0f).epsilon(1e-6));
}

// Streaming framer vs the ONNX STFT node tests (framing + rfft), and the feature windows
// (sliding_window, feature_ring). Data: tests/dsp/data/fft.bin (ONNX libonnx-testdata test_stft /
// test_stft_with_window).
#include <cmath>
#include <string>
#include <vector>

#include <ctml/dsp/feature_ring.hpp>
#include <ctml/dsp/fft.hpp>
#include <ctml/dsp/framer.hpp>
#include <ctml/dsp/sliding_window.hpp>

#include "ref_data.hpp"

using ctml::dsp::complex_f32;

namespace {
const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("fft.bin");
  return f;
}
}  // namespace

TEST_CASE("framer<16, 8> + rfft<16> equals the ONNX STFT node tests for every chunk size") {
  INFO(data().provenance());
  for (const std::string name : {"test_stft", "test_stft_with_window"}) {
    const auto signal = data()["onnx/" + name + "/signal"].as_float();
    const auto& y = data()["onnx/" + name + "/y"];  // [1, 15, 9, 2]
    REQUIRE(data()["onnx/" + name + "/frame_step"][0] == 8);
    std::array<float, 16> window{};
    window.fill(1.0f);  // no window input: ONNX uses a rectangular window
    if (data().has("onnx/" + name + "/window")) {
      const auto w = data()["onnx/" + name + "/window"].as_float();
      std::copy(w.begin(), w.end(), window.begin());
    }
    double peak = 0;
    for (double v : y.values) peak = std::fmax(peak, std::fabs(v));
    for (std::size_t chunk : {1u, 3u, 8u, 16u, 50u, 128u}) {
      ctml::dsp::framer<float, 16, 8> framer;
      std::size_t f = 0;
      double err = 0;
      auto on_frame = [&](std::span<const float, 16> frame) {
        std::array<float, 16> x{};
        for (std::size_t i = 0; i < 16; ++i) x[i] = frame[i] * window[i];
        std::array<complex_f32, 9> spec{};
        ctml::dsp::rfft<16>(x, spec);
        for (std::size_t k = 0; k < 9 && f < 15; ++k) {
          err = std::fmax(err, std::fabs(spec[k].re - y[(f * 9 + k) * 2]));
          err = std::fmax(err, std::fabs(spec[k].im - y[(f * 9 + k) * 2 + 1]));
        }
        ++f;
      };
      std::size_t emitted = 0;
      for (std::size_t i = 0; i < signal.size(); i += chunk)
        emitted += framer.push(std::span<const float>(signal).subspan(i, std::min(chunk, signal.size() - i)),
                               on_frame);
      CHECK(f == 15);
      CHECK(emitted == 15);
      CHECK_MESSAGE(err <= 1e-6 * peak, name << " chunk " << chunk << " error " << err);
    }
  }
}

TEST_CASE("sliding_window keeps the last rows contiguous, oldest first") {
  ctml::dsp::sliding_window<int, 3, 2> w;
  CHECK_FALSE(w.full());
  const std::array<int, 2> r0{1, 2}, r1{3, 4}, r2{5, 6}, r3{7, 8};
  w.push_row(r0);
  CHECK(std::vector<int>(w.view().begin(), w.view().end()) == std::vector<int>{0, 0, 0, 0, 1, 2});
  w.push_row(r1);
  w.push_row(r2);
  CHECK(w.full());
  CHECK(std::vector<int>(w.view().begin(), w.view().end()) == std::vector<int>{1, 2, 3, 4, 5, 6});
  w.push_row(r3);
  CHECK(std::vector<int>(w.view().begin(), w.view().end()) == std::vector<int>{3, 4, 5, 6, 7, 8});
}

TEST_CASE("framer hands out frame i = samples [i Hop, i Hop + FrameLength) and keeps the overlap") {
  ctml::dsp::framer<int, 5, 3> f;
  std::vector<int> x(20);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<int>(i);
  std::vector<std::vector<int>> frames;
  auto on_frame = [&](std::span<const int, 5> fr) { frames.emplace_back(fr.begin(), fr.end()); };
  CHECK(f.push(std::span<const int>(x).first(4), on_frame) == 0);
  CHECK(f.buffered() == 4);
  CHECK(f.push(std::span<const int>(x).subspan(4, 9), on_frame) == 3);  // frames end at 5, 8, 11
  CHECK(f.buffered() == 4);                                             // 11, 12 after the overlap 9, 10
  REQUIRE(frames.size() == 3);
  CHECK(frames[0] == std::vector<int>{0, 1, 2, 3, 4});
  CHECK(frames[2] == std::vector<int>{6, 7, 8, 9, 10});
  f.reset();
  CHECK(f.buffered() == 0);
  CHECK(f.push(std::span<const int>(x).subspan(10, 5), on_frame) == 1);
  CHECK(frames.back() == std::vector<int>{10, 11, 12, 13, 14});
}

TEST_CASE("feature_ring copies out the last rows, oldest first") {
  ctml::dsp::feature_ring<int, 3, 2> w;
  std::array<int, 6> out{};
  auto copy = [&] {
    out.fill(-1);
    w.copy_to(out);
    return std::vector<int>(out.begin(), out.end());
  };
  CHECK_FALSE(w.full());
  CHECK(copy() == std::vector<int>{0, 0, 0, 0, 0, 0});
  const std::array<int, 2> r0{1, 2}, r1{3, 4}, r2{5, 6}, r3{7, 8}, r4{9, 10};
  w.push_row(r0);
  CHECK(copy() == std::vector<int>{0, 0, 0, 0, 1, 2});
  w.push_row(r1);
  w.push_row(r2);
  CHECK(w.full());
  CHECK(copy() == std::vector<int>{1, 2, 3, 4, 5, 6});
  w.push_row(r3);
  CHECK(copy() == std::vector<int>{3, 4, 5, 6, 7, 8});
  w.push_row(r4);
  CHECK(copy() == std::vector<int>{5, 6, 7, 8, 9, 10});
  CHECK(w.size() == 3);
  w.reset();
  CHECK_FALSE(w.full());
  CHECK(w.size() == 0);
  CHECK(copy() == std::vector<int>{0, 0, 0, 0, 0, 0});
}

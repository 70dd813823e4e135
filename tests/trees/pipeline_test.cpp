// A tree ensemble under the common memory vocabulary (ctml::Budgeted), and a complete pipeline
// DSP front end -> trees: a 16-sample periodogram (9 PSD bins) feeding a one-split forest on bin 1.
// Expected sizes worked out by hand from the table and buffer layouts (tone_pipeline.hpp).
#include <array>
#include <cmath>
#include <cstddef>
#include <string>

#include <doctest/doctest.h>

#include <ctml/graph/summary.hpp>

#include "tone_pipeline.hpp"

namespace {
constexpr std::size_t word = sizeof(std::size_t);
}  // namespace

// 1 feature byte + 3 padding, 1 float threshold, 1 + 1 child codes, 1 base, 1 root, 4 + 2 floats.
static_assert(tone_forest::flash_bytes == 1 + 3 + 4 + 1 + 1 + 1 + 1 + 16 + 8);
// A prediction keeps its sums on the stack: no RAM of its own.
static_assert(tone_forest::state_bytes == 0 && tone_forest::scratch_bytes == 0 &&
              tone_forest::ram_bytes == 0);
static_assert(ctml::Budgeted<tone_forest>);
static_assert(ctml::fits<tone_forest, ctml::budget{.ram = 0, .flash = 36}>);
static_assert(!ctml::FitsBudget<tone_forest, ctml::budget{.flash = 35}>);

// The front end: periodogram<16> (rectangular window). Flash: 16-float window + rfft<16> tables
// (4 twiddles, 1 group index, 5 split twiddles). State: options (12) + 9-bin sum + count. Scratch:
// the 16-float segment and 9 complex bins. The pipeline adds the 9-float feature vector the forest
// reads, as scratch.
static_assert(ctml::Budgeted<tone_pipeline>);
static_assert(tone_pipeline::flash_bytes == (16 * 4 + 4 * 8 + 2 + 5 * 8) + 36);
static_assert(tone_pipeline::state_bytes == 12 + 9 * 4 + word);
// Scratch: the periodogram's, the feature vector, and the padding that rounds the object up to its
// alignment (a word: 4 bytes on 64-bit hosts, none on Cortex-M).
constexpr std::size_t tone_unpadded = (12 + 9 * 4 + word) + (16 * 4 + 9 * 8) + 9 * 4;
constexpr std::size_t tone_ram = (tone_unpadded + word - 1) / word * word;
static_assert(tone_pipeline::ram_bytes == tone_ram && tone_pipeline::ram_bytes == sizeof(tone_pipeline));
static_assert(tone_pipeline::scratch_bytes == (16 * 4 + 9 * 8) + 9 * 4 + (tone_ram - tone_unpadded));
static_assert(ctml::fits<tone_pipeline, ctml::budget{.ram = tone_ram, .flash = 174}>);
static_assert(!ctml::FitsBudget<tone_pipeline, ctml::budget{.ram = tone_ram - 1}>);
static_assert(!ctml::FitsBudget<tone_pipeline, ctml::budget{.flash = 173}>);

TEST_CASE("pipeline periodogram -> forest: the PSD bins are the forest's features") {
  static tone_pipeline p;
  std::array<float, 16> x{};
  CHECK(p.run(x) == 0u);  // silence: every bin 0
  // cos(2 pi n / 16): one-sided density 2 |X1|^2 / (fs sum w^2) = 2 * 64 / 16 = 8 at bin 1.
  for (std::size_t n = 0; n < 16; ++n)
    x[n] = static_cast<float>(std::cos(2.0 * 3.14159265358979 * static_cast<double>(n) / 16.0));
  CHECK(p.extract(x) == 1u);  // the periodogram's segment count
  CHECK(p.model_input()[1] == doctest::Approx(8.0f).epsilon(1e-5));
  CHECK(p.infer() == 1u);
  // A constant is removed by the periodogram's detrend: quiet again.
  x.fill(3.0f);
  CHECK(p.run(x) == 0u);
}

TEST_CASE("print_summary prints a pipeline's stages and totals, and a forest's totals") {
  std::string s;
  ctml::print_summary<tone_pipeline>([&](char c) { s += c; }, "tone");
  CHECK(s.find("Model: tone\n") != std::string::npos);
  CHECK(s.find(" 0  front end   DSP block") != std::string::npos);
  CHECK(s.find(" 1  features    buffer") != std::string::npos);
  CHECK(s.find(" 2  model       trees") != std::string::npos);
  CHECK(s.find("Flash                                174 bytes\n") != std::string::npos);
  std::string f;
  ctml::print_summary<tone_forest>([&](char c) { f += c; }, "tone_forest");
  CHECK(f.find("Flash                                 36 bytes\n") != std::string::npos);
  CHECK(f.find("RAM: total                             0 bytes\n") != std::string::npos);
}

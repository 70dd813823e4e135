// Keyword spotting (MLPerf Tiny DS-CNN), imported by ctml-import, against TensorFlow Lite Micro:
// every layer's output on input A_1 and the final output on all nine inputs, byte for byte.
#include <algorithm>
#include <array>
#include <span>
#include <string>

#include <doctest/doctest.h>

#include "golden_io.hpp"
#include "kws.hpp"

using namespace ctml::literals;

// The budget a user would write next to the model; TFLM needs a 24,000-byte arena for it.
static_assert(ctml::fits<kws, ctml::budget{.ram = 16'000, .flash = 32_KiB}>);
static_assert(std::is_same_v<kws::input_shape, ctml::shape<49, 10, 1>>);
static_assert(std::is_same_v<kws::output_shape, ctml::shape<12>>);
static_assert(kws::macs == 2'664'768);

// TFLite tensor index of each layer's output (kws_ref_model.layers.md).
constexpr std::array<int, kws::layer_count> layer_tensor{22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34};

TEST_CASE("kws: every layer equals TFLite Micro's intermediate tensor (input A_1)") {
  static ctml::arena<kws> arena;
  const auto input = golden::read("kws_ref_model/inputs_A_1.bin");
  REQUIRE(input.size() == arena.input().size());
  std::copy(input.begin(), input.end(), arena.input().begin());
  std::size_t checked = 0;
  kws::invoke(arena, [&](std::size_t layer, std::span<const std::byte> out) {
    const auto want = golden::read(golden::tensor_file("kws_ref_model", layer_tensor[layer]));
    INFO("layer " << layer << " (" << kws::layers[layer].name << "), tensor t" << layer_tensor[layer]);
    REQUIRE(want.size() == out.size());
    std::size_t diff = 0;
    for (std::size_t i = 0; i < want.size(); ++i) diff += static_cast<std::int8_t>(out[i]) != want[i];
    CHECK(diff == 0);
    ++checked;
  });
  CHECK(checked == kws::layer_count);
}

TEST_CASE("kws: outputs equal TFLite Micro's on every input") {
  static ctml::arena<kws> arena;
  const char* names[] = {"A_1", "A_2", "A_3", "A_4", "A_5", "A_6", "A_7", "A_8", "S_kws_input_data_0"};
  for (const char* name : names) {
    INFO("input " << name);
    const auto input = golden::read(std::string("kws_ref_model/inputs_") + name + ".bin");
    const auto want = golden::read(std::string("kws_ref_model/outputs_") + name + ".bin");
    REQUIRE(input.size() == 490);
    REQUIRE(want.size() == 12);
    std::copy(input.begin(), input.end(), arena.input().begin());
    kws::invoke(arena);
    CHECK(std::equal(want.begin(), want.end(), arena.output().begin()));
  }
}

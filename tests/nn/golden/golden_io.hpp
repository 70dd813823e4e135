#pragma once
// Reads the raw int8 tensors TFLite Micro wrote (tests/data/mlperf_tiny) and checks a model
// against them: every layer on input A_1, and the output on every input file of the model.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <ctml/nn.hpp>

namespace golden {

/// The bytes of file `path` (empty if it cannot be read: the size checks then fail).
inline std::vector<std::int8_t> read_file(const std::string& path) {
  std::vector<std::int8_t> bytes;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    std::int8_t buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.insert(bytes.end(), buf, buf + n);
    std::fclose(f);
  }
  return bytes;
}
inline std::vector<std::int8_t> read(const std::string& relative) {
  return read_file(std::string(CTML_TEST_DATA_DIR) + "/" + relative);
}

inline std::string tensor_file(const std::string& model, int tensor) {
  char name[32];
  std::snprintf(name, sizeof name, "t%03d.bin", tensor);
  return model + "/intermediates_A_1/" + name;
}

/// Every layer's output on input A_1 equals TFLM's tensor `layer_tensor[layer]`.
template <class Model, std::size_t N>
void check_layers(const std::string& dir, const std::array<int, N>& layer_tensor) {
  static_assert(N == Model::num_layers);
  static ctml::arena<Model> arena;
  const auto input = read(dir + "/inputs_A_1.bin");
  REQUIRE(input.size() == arena.input().size());
  std::copy(input.begin(), input.end(), arena.input().begin());
  std::size_t checked = 0;
  Model::invoke(arena, [&](std::size_t layer, std::span<const std::byte> out) {
    const auto want = read(tensor_file(dir, layer_tensor[layer]));
    INFO("layer " << layer << " (" << Model::layers[layer].name << "), TFLite tensor t"
                  << layer_tensor[layer]);
    REQUIRE(want.size() == out.size());
    std::size_t diff = 0;
    for (std::size_t i = 0; i < want.size(); ++i) diff += static_cast<std::int8_t>(out[i]) != want[i];
    CHECK(diff == 0);
    ++checked;
  });
  CHECK(checked == Model::num_layers);
}

/// The output on every `inputs_*.bin` of the model equals TFLM's `outputs_*.bin`.
template <class Model>
void check_outputs(const std::string& dir, std::size_t expected_inputs) {
  static ctml::arena<Model> arena;
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(std::string(CTML_TEST_DATA_DIR) + "/" + dir)) {
    const std::string f = e.path().filename().string();
    if (f.rfind("inputs_", 0) == 0) names.push_back(f.substr(7));
  }
  std::sort(names.begin(), names.end());
  CHECK(names.size() == expected_inputs);
  for (const auto& name : names) {
    INFO("input " << name);
    const auto input = read(dir + "/inputs_" + name);
    const auto want = read(dir + "/outputs_" + name);
    REQUIRE(input.size() == arena.input().size());
    REQUIRE(want.size() == arena.output().size());
    std::copy(input.begin(), input.end(), arena.input().begin());
    Model::invoke(arena);
    CHECK(std::equal(want.begin(), want.end(), arena.output().begin()));
  }
}

}  // namespace golden

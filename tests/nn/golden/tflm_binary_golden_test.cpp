// Two-input element-wise models run by TFLite Micro, imported at build time and compared byte for
// byte with TFLM's outputs: TFLM's memory_footprint/simple_add_model (int8 ADD of two graph inputs),
// every integration_tests/seanet add and sub model (int16 ADD, int16 SUB with a broadcast bias input),
// and our own small ADD / SUB / MUL models of tests/data/tflm_ops (int8, int16, float; broadcasting,
// constant operands, saturation, zero points at both ends; see its README). Each case folder holds
// input0.bin, input1.bin, ... and output0.bin, ...: written to arena.input<I>(), compared with
// arena.output<I>().
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "tflm_binary_models.hpp"

namespace {
std::vector<unsigned char> read_bytes(const std::filesystem::path& path) {
  std::vector<unsigned char> v;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    unsigned char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) v.insert(v.end(), buf, buf + n);
    std::fclose(f);
  }
  return v;
}

template <class Span>
void load(const std::filesystem::path& file, Span dst) {
  const auto in = read_bytes(file);
  INFO(file.string());
  REQUIRE(in.size() == dst.size_bytes());
  std::memcpy(dst.data(), in.data(), in.size());
}
template <class Span>
bool same(const std::filesystem::path& file, Span got) {
  const auto want = read_bytes(file);
  INFO(file.string());
  REQUIRE(want.size() == got.size_bytes());
  return std::memcmp(got.data(), want.data(), want.size()) == 0;
}

/// Every case folder of `dir` under `root`: every input written, every output compared byte for byte.
/// Returns the number of cases compared.
template <class Model>
int check_model(const char* root, const std::string& dir) {
  static ctml::arena<Model> arena;
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(root) / dir)) {
    if (!entry.is_directory()) continue;
    const std::filesystem::path c = entry.path();
    INFO(c.string());
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (load(c / ("input" + std::to_string(I) + ".bin"), arena.template input<I>()), ...);
    }
    (std::make_index_sequence<Model::input_count>{});
    Model::invoke(arena);
    const bool outputs_equal = [&]<std::size_t... I>(std::index_sequence<I...>) {
      return (same(c / ("output" + std::to_string(I) + ".bin"), arena.template output<I>()) && ...);
    }
    (std::make_index_sequence<Model::output_count>{});
    CHECK(outputs_equal);
    ++cases;
  }
  return cases;
}
}  // namespace

TEST_CASE("simple_add_model (int8 ADD of two graph inputs): TFLite Micro's outputs on every case") {
  static_assert(simple_add_model::input_count == 2 && simple_add_model::output_count == 1);
  CHECK(check_model<simple_add_model>(CTML_TFLM_MODELS_DIR, "simple_add_model") == 4);
}

#define CTML_SEANET(name) CHECK(check_model<name>(CTML_TFLM_MODELS_DIR, #name) == 5);
TEST_CASE("seanet add (int16 ADD, two graph inputs): TFLite Micro's outputs on every case"){CTML_SEANET_ADD_MODELS} TEST_CASE(
    "seanet sub (int16 SUB, a broadcast bias input): TFLite Micro's outputs on every case"){
    CTML_SEANET_SUB_MODELS}
#undef CTML_SEANET

#define CTML_OP(name) CHECK(check_model<name>(CTML_TFLM_OPS_DIR, #name) == 4);
TEST_CASE(
    "ADD / SUB / MUL op models (int8, int16, float; broadcasting, constants, two outputs): TFLM's outputs") {
  static_assert(add_sub_two_outputs::input_count == 2 && add_sub_two_outputs::output_count == 2);
  static_assert(mul_s8_const::input_count == 1 && mul_s8_const::weight_bytes == 8);
  CTML_BINARY_OP_MODELS
}
#undef CTML_OP

// TFLite Micro's own example models that ctml-import takes today (hello_world float and int8,
// micro_speech, person_detect; docs/tflm-models.md lists all of them and what the others need),
// imported at build time and compared with TFLM's output bytes on every case of
// tests/data/tflm_models: seeded random inputs A_1..A_4 and the real inputs shipped with the
// example (micro_speech's yes / no / silence / noise features).
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "hello_world_float.hpp"
#include "hello_world_int8.hpp"
#include "micro_speech_quantized.hpp"
#include "person_detect.hpp"

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

/// Every case folder of `model` (input0.bin -> output0.bin): the output compared byte for byte.
/// Returns the number of cases compared.
template <class Model>
int check_model(const std::string& model) {
  static ctml::arena<Model> arena;
  const std::filesystem::path dir = std::filesystem::path(CTML_TEST_DATA_DIR) / model;
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_directory()) continue;
    const auto in = read_bytes(entry.path() / "input0.bin");
    const auto want = read_bytes(entry.path() / "output0.bin");
    INFO(entry.path().string());
    REQUIRE(in.size() == arena.input().size_bytes());
    REQUIRE(want.size() == arena.output().size_bytes());
    std::memcpy(arena.input().data(), in.data(), in.size());
    Model::invoke(arena);
    CHECK(std::memcmp(arena.output().data(), want.data(), want.size()) == 0);
    ++cases;
  }
  return cases;
}
}  // namespace

TEST_CASE("hello_world (float and int8): TFLite Micro's outputs on every case") {
  CHECK(check_model<hello_world_float>("hello_world_float") == 4);
  CHECK(check_model<hello_world_int8>("hello_world_int8") == 4);
}
TEST_CASE("micro_speech: TFLite Micro's outputs on random and on the yes/no/silence/noise features") {
  CHECK(check_model<micro_speech_quantized>("micro_speech_quantized") == 8);
}
TEST_CASE("person_detect: TFLite Micro's outputs on every case") {
  CHECK(check_model<person_detect>("person_detect") == 4);
}

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
#include "tflm_cases.hpp"

namespace {
template <class Model>
int check_model(const std::string& model) {
  return golden::check_case_dirs<Model>(CTML_TEST_DATA_DIR, model);
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

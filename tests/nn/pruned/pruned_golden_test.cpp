// Pruned MLPerf Tiny models (tools/prune, at build time) imported by ctml-import, against TensorFlow Lite
// Micro's outputs for the same pruned files (tests/data/mlperf_tiny_pruned). One executable per model
// holds all its variants: pruned_models.hpp defines CTML_PRUNED_VARIANTS as CTML_PRUNED(type, "u50")...
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "../golden/golden_io.hpp"
#include "pruned_models.hpp"

namespace {

/// The inputs are the dense model's (tests/data/mlperf_tiny/<model>/inputs_*.bin); TFLM's outputs for
/// the variant are <pruned>/<variant>/outputs_*.bin, one for each input.
template <class Model>
void check_variant(const std::string& variant) {
  static ctml::arena<Model> arena;
  // The same model with every layer that can run in place doing so, a band of rows at a time
  // (layers/in_place.hpp): the sparse kernels on band geometries, reading the layer's weights.
  using in_place = ctml::detail::every_in_place_t<Model>;
  static ctml::arena<in_place> arena_in_place;
  std::vector<std::string> tags;
  for (const auto& e : std::filesystem::directory_iterator(CTML_BASE_DATA_DIR)) {
    const std::string f = e.path().filename().string();
    if (f.rfind("inputs_", 0) == 0) tags.push_back(f.substr(7));
  }
  std::sort(tags.begin(), tags.end());
  REQUIRE(tags.size() >= 8);
  for (const auto& tag : tags) {
    INFO(CTML_PRUNED_MODEL << " " << variant << ", input " << tag);
    const auto input = golden::read_file(std::string(CTML_BASE_DATA_DIR) + "/inputs_" + tag);
    const auto want =
        golden::read_file(std::string(CTML_PRUNED_DATA_DIR) + "/" + variant + "/outputs_" + tag);
    REQUIRE(input.size() == arena.input().size());
    REQUIRE(want.size() == arena.output().size());
    std::copy(input.begin(), input.end(), arena.input().begin());
    Model::invoke(arena);
    CHECK(std::equal(want.begin(), want.end(), arena.output().begin()));
    std::copy(input.begin(), input.end(), arena_in_place.input().begin());
    in_place::invoke(arena_in_place);
    CHECK(std::equal(want.begin(), want.end(), arena_in_place.output().begin()));
  }
}

}  // namespace

#define CTML_PRUNED(model, variant)                                                                 \
  TEST_CASE(CTML_PRUNED_MODEL " pruned " variant ": outputs equal TFLite Micro's on every input") { \
    check_variant<model>(variant);                                                                  \
  }
CTML_PRUNED_VARIANTS

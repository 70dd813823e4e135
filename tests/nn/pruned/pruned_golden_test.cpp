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

#if __has_include("kws_u50.hpp")
namespace {
/// The line of `summary`'s weights table (after its heading) that starts with `prefix`.
std::string weights_row(const std::string& summary, const std::string& prefix) {
  const auto table = summary.find("Weights (zeros skipped by sparse kernels):");
  REQUIRE(table != std::string::npos);
  const auto at = summary.find("\n" + prefix, table);
  REQUIRE(at != std::string::npos);
  return summary.substr(at + 1, summary.find('\n', at + 1) - at - 1);
}
}  // namespace

// Each layer's share of zero weights as tools/prune counted it (tests/data/mlperf_tiny_pruned/
// kws_ref_model/<variant>/report.txt), and the kernel the rule of kernels/sparse.hpp chose: under the
// M4's crossovers (CTML_KERNELS_SPARSE_GENERIC) a pointwise layer at 50 % zeros stays dense (57 %), at
// 90 % it is sparse and its flash and MACs shrink.
TEST_CASE("kws pruned: the summary shows each layer's zero weights and its kernel") {
  std::string u50, u90;
  ctml::print_summary<kws_u50>([&](char c) { u50 += c; }, "kws_u50");
  ctml::print_summary<kws_u90>([&](char c) { u90 += c; }, "kws_u90");
  INFO(u50 << u90);
  // report.txt (u50): op 0 CONV_2D 2560 weights, 1280 zeros; op 2 CONV_2D 4096, 2048; op 1 DEPTHWISE 576,
  // 288.
  const std::string conv0 = weights_row(u50, " 0  conv2d"), dw1 = weights_row(u50, " 1  depthwise_conv2d"),
                    pw2 = weights_row(u50, " 2  conv2d");
  CHECK(conv0.find(" 2,560    50.0   dense") != std::string::npos);
  CHECK(dw1.find(" 576    50.0   dense") != std::string::npos);
  CHECK(pw2.find(" 4,096    50.0   dense") != std::string::npos);
  // u90: the pointwise layer runs sparse, and saves flash and MACs (report.txt: 90 % of each layer zero;
  // the folding of all-zero channels may change its shape, not the kernel's choice).
  const std::string pw2_90 = weights_row(u90, " 2  conv2d");
  CHECK(pw2_90.find("  sparse") != std::string::npos);
  CHECK(u90.find("Flash saved (sparse):") != std::string::npos);
  CHECK(u50.find("Flash saved (sparse):                  0 bytes") != std::string::npos);
}
#endif

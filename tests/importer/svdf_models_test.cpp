// The SVDF and int8 -> int16 SOFTMAX op models of tests/data/tflm_ops (tools/op_models/svdf_models.hpp,
// run by TFLite Micro there): the committed bytes, and what ctml-import writes for them.
#include "svdf_models.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "import.hpp"

namespace {
using bytes = std::vector<std::uint8_t>;
bytes read_committed(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return bytes(std::istreambuf_iterator<char>(f), {});
}
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("SVDF op models: imported, and the same bytes as committed with their goldens") {
  const std::filesystem::path ops = std::filesystem::path(CTML_TEST_DATA_DIR) / ".." / "tflm_ops";
  for (const auto& [name, model, frames] : svdf_models::models()) {
    const bytes b = fbt::build(model);
    {
      std::ofstream out(std::string(CTML_TEST_TMP_DIR) + "/" + name + ".tflite", std::ios::binary);
      out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    }
    const std::string committed = (ops / name / (name + ".tflite")).string();
    CHECK_MESSAGE(read_committed(committed) == b, committed);
    std::string header;
    try {
      header = ctml_import::import_tflite(b, "m", "m.tflite");
    } catch (const ctml_import::error& e) {
      FAIL_CHECK(committed << ": " << e.what());
    }
    CHECK_MESSAGE(ctml_import::check(b).empty(), committed);
    CHECK(contains(header, name.starts_with("svdf") ? "ctml::svdf<ctml::svdf_options{"
                                                    : "ctml::softmax<m_data::op0_softmax, std::int16_t>"));
  }
}

TEST_CASE("SVDF: the header states the layer, its weights and what TFLite Micro ignores") {
  const auto models = svdf_models::models();
  const std::string r3 = ctml_import::import_tflite(fbt::build(models[2].model), "s", "s.tflite");
  CHECK(contains(r3, "inline constexpr ctml::svdf_weights<std::int8_t, 17, 40, 9, 3> op0_svdf{"));
  CHECK(contains(r3, "ctml::svdf<ctml::svdf_options{.units = 17, .rank = 3}"));
  CHECK(contains(r3, "RELU ignored"));
  const std::string s8 = ctml_import::import_tflite(fbt::build(models[1].model), "s", "s.tflite");
  CHECK(contains(s8, "ctml::svdf_weights<std::int8_t, 3, 1, 1, 2, std::int8_t> op0_svdf{"));
  CHECK(contains(s8, ".state = {"));
  const std::string f = ctml_import::import_tflite(fbt::build(models[4].model), "s", "s.tflite");
  CHECK(contains(f, "ctml::svdf_weights<float, 5, 11, 4> op0_svdf{"));
  CHECK(contains(f, "ctml::svdf<ctml::svdf_options{.units = 5, .act = ctml::activation::relu}"));
  // What TFLite Micro refuses, ctml-import refuses: rank that does not divide the filters, a state that
  // is not a variable tensor.
  fbt::model_spec bad_rank = models[0].model;
  bad_rank.ops[0].options = fbt::make_table();
  bad_rank.ops[0].options->i32(0, 2);
  CHECK_THROWS_WITH_AS(ctml_import::import_tflite(fbt::build(bad_rank), "s", "s.tflite"),
                       doctest::Contains("rank 2 does not divide the 7 filters"), ctml_import::error);
  fbt::model_spec not_variable = models[0].model;
  not_variable.tensors[4].is_variable = false;
  CHECK_THROWS_WITH_AS(ctml_import::import_tflite(fbt::build(not_variable), "s", "s.tflite"),
                       doctest::Contains("is not a variable tensor"), ctml_import::error);
}

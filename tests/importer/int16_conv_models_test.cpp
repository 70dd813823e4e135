// int16x8 (TFLite's 16x8: int16 activations with zero point 0, int8 symmetric weights, int64 bias)
// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, and TRANSPOSE_CONV (int8, int16x8, float): the small
// models of tests/data/tflm_ops/*_s16 and transpose_conv_* (tools/op_models/int16_conv_models.hpp, run by
// TFLite Micro there), and what ctml-import writes and refuses for them.
#include "int16_conv_models.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "import.hpp"

namespace {
using bytes = std::vector<std::uint8_t>;
using int16_conv::act;
using int16_conv::int16_type;
using int16_conv::int32_type;
using int16_conv::le_bytes_i64;
using int16_conv::valid;
bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return bytes(std::istreambuf_iterator<char>(in), {});
}
std::string import_error(const bytes& b) {
  try {
    (void)ctml_import::import_tflite(b, "m", "m.tflite");
  } catch (const ctml_import::error& e) {
    return e.what();
  }
  return "<no error>";
}
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE(
    "int16x8 and TRANSPOSE_CONV op models: imported, and the same bytes as committed with their goldens") {
  const std::filesystem::path ops = std::filesystem::path(CTML_TEST_DATA_DIR) / ".." / "tflm_ops";
  auto models = int16_conv::models();
  for (auto& m : int16_conv::transpose_conv_models()) models.push_back(std::move(m));
  for (const auto& [name, model] : models) {
    const bytes b = fbt::build(model);
    {
      std::ofstream out(std::string(CTML_TEST_TMP_DIR) + "/" + name + ".tflite", std::ios::binary);
      out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    }
    const std::string committed = (ops / name / (name + ".tflite")).string();
    CHECK_MESSAGE(read_file(committed) == b, committed);
    CHECK_MESSAGE(import_error(b) == "<no error>", committed);
  }
}

TEST_CASE("int16x8: the header declares int16 activations, int8 weights and int64 biases") {
  const auto models = int16_conv::models();
  const std::string h = ctml_import::import_tflite(fbt::build(models[0].second), "c16", "c16.tflite");
  CHECK(contains(h, "// Summary (int16x8, sequential)"));
  CHECK(contains(h, "ctml::input<ctml::shape<7, 9, 3>, std::int16_t, c16_data::input>"));
  CHECK(contains(h, "inline constexpr ctml::conv2d_weights<std::int16_t, 5, 3, 3, 3, 5> op0_conv2d{"));
  CHECK(contains(h, "0, 123456, -3000000000, 8589934592, -40000,"));
  {  // the extreme int64 biases: -2^63 has no literal of its own
    fbt::model_spec m = models[0].second;
    m.buffers[2] = le_bytes_i64(
        {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(), 0, 0, 0});
    CHECK(contains(ctml_import::import_tflite(fbt::build(m), "b", "b.tflite"),
                   "(-9223372036854775807 - 1), 9223372036854775807, 0, 0, 0,"));
  }
  const std::string d = ctml_import::import_tflite(fbt::build(models[6].second), "d16", "d16.tflite");
  CHECK(contains(d,
                 "ctml::reshape<ctml::shape<300>>,\n    ctml::dense<ctml::dense_options{.units = 9}, "
                 "d16_data::op0_dense>> {};"));
}

TEST_CASE("int16x8: what ctml-import refuses, naming the tensor and what to do") {
  const fbt::model_spec good = int16_conv::models()[0].second;
  {  // an int32 bias under int16 activations (TFLM then accumulates in 32 bits: another arithmetic)
    fbt::model_spec m = good;
    m.tensors[2].type = int32_type;
    m.buffers[2].resize(5 * 4);
    CHECK(contains(import_error(fbt::build(m)), "bias t2 'bias' has type INT32; expected INT64"));
  }
  {  // int16 activations must be symmetric
    fbt::model_spec m = good;
    m.tensors[3].zero_point = {5};
    CHECK(contains(import_error(fbt::build(m)),
                   "t3 'y' has zero point 5; int16 activations (TFLite's 16x8) must have zero point 0"));
  }
  {  // int16 weights (TFLite's 16x16) are not the 16x8 scheme
    fbt::model_spec m = good;
    m.tensors[1].type = int16_type;
    m.buffers[1].resize(m.buffers[1].size() * 2);
    CHECK(contains(import_error(fbt::build(m)), "filter t1 'filter' has type INT16; expected INT8"));
  }
  {  // an int16 model with an op not imported for int16: the op and the list of those that are
    fbt::model_spec m = good;
    m.opcodes = {1};  // AVERAGE_POOL_2D
    m.tensors = {act({1, 4, 4, 2}, 0.01f, "x"), act({1, 2, 2, 2}, 0.01f, "y")};
    m.buffers = {{}};
    m.ops = {{0, {0}, {1}, 5, fbt::pool_options(valid, 2, 2, 2, 2)}};
    m.outputs = {1};
    const std::string e = import_error(fbt::build(m));
    CHECK(contains(
        e, "operator 0 (AVERAGE_POOL_2D): int16 activations (TFLite's 16x8): this op is not imported"));
    CHECK(contains(e, "CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED"));
    const std::vector<std::string> problems = ctml_import::check(fbt::build(m));
    REQUIRE(problems.size() == 1);
    CHECK(contains(problems[0],
                   "t0 'x' has type INT16: int16 activations (TFLite's 16x8 quantization) are "
                   "not imported for this op yet"));
  }
  // --check on a good int16x8 model: nothing to report.
  CHECK(ctml_import::check(fbt::build(good)).empty());
}

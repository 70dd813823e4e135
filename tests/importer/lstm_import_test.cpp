// UNIDIRECTIONAL_SEQUENCE_LSTM import: the randomized op models of tests/data/tflm_ops/lstm_* (written
// by tools/op_models/lstm_models.hpp, run by TFLite Micro there, compared byte for byte by
// tflm_lstm_golden_test), what ctml-import writes for them (float, int8, int16x8), and what it refuses
// (what TFLite Micro's LSTM refuses or ignores too).
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "import.hpp"
#include "lstm_models.hpp"

namespace {

using bytes = std::vector<std::uint8_t>;

std::string import_error(const bytes& b) {
  try {
    (void)ctml_import::import_tflite(b, "m", "m.tflite");
  } catch (const ctml_import::error& e) {
    return e.what();
  }
  return "<no error>";
}

bytes read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

lstm_models::lstm_case small(bool int8) {
  return {"t", 3, 4, 5, int8};
}

}  // namespace

TEST_CASE(
    "LSTM op models: imported, --check finds nothing, the same bytes as committed with TFLM's outputs") {
  for (const auto& entry : lstm_models::models()) {  // no structured binding: Clang 14 cannot capture it
    const std::string& name = entry.first;
    const bytes b = fbt::build(entry.second);
    {
      std::ofstream f(std::string(CTML_TEST_TMP_DIR) + "/" + name + ".tflite", std::ios::binary);
      f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    }
    const std::string committed =
        std::string(CTML_TEST_DATA_DIR) + "/../tflm_ops/" + name + "/" + name + ".tflite";
    CHECK_MESSAGE(read_file(committed) == b, committed);
    CHECK_MESSAGE(import_error(b) == "<no error>", name);
    CHECK_MESSAGE(ctml_import::check(b).empty(), name);
  }
}

TEST_CASE("LSTM import: gates reordered to ONNX's i, o, f, c; TFLite's state semantics; cell clip") {
  auto c = small(true);
  c.cell_clip = 0.5f;
  const std::string h = ctml_import::import_tflite(fbt::build(lstm_models::lstm(c)), "m", "m.tflite");
  CHECK(contains(h, "inline constexpr ctml::lstm_weights<std::int8_t, 3, 4> op0_lstm{"));
  CHECK(contains(h,
                 "ctml::lstm<ctml::lstm_options{.units = 3, .return_sequences = true, .stateful = true, "
                 ".cell_clip = 0.5f}, m_data::op0_lstm>"));
  CHECK(contains(h, "    .cell_scale = 0.00048828125f,\n"));
  // Row 3 (gate o, unit 0) holds TFLite's input_to_o (tensor order i, f, c, o).
  const auto m = lstm_models::lstm(c);
  std::string first_o = "  // gate o, unit 0";
  CHECK(contains(h, first_o));
  const auto& o_buf = m.buffers[m.tensors[static_cast<std::size_t>(m.ops[0].inputs[4])].buffer];
  std::string row;
  for (int i = 0; i < 4; ++i) {
    const std::string v = std::to_string(static_cast<std::int8_t>(o_buf[static_cast<std::size_t>(i)]));
    row += std::string(4 - v.size(), ' ') + v + ",";
    if (i != 3) row += " ";
  }
  CHECK(contains(h, row + first_o));
  auto c16 = small(true);
  c16.int16 = true;
  const std::string h16 = ctml_import::import_tflite(fbt::build(lstm_models::lstm(c16)), "m", "m.tflite");
  CHECK(contains(h16, "inline constexpr ctml::lstm_weights<std::int16_t, 3, 4> op0_lstm{"));
  CHECK(contains(h16, "ctml::input<ctml::shape<5, 4>, std::int16_t"));
  const std::string f =
      ctml_import::import_tflite(fbt::build(lstm_models::lstm(small(false))), "m", "m.tflite");
  CHECK(contains(f, "inline constexpr ctml::lstm_weights<float, 3, 4> op0_lstm{"));
  CHECK(contains(f,
                 "ctml::lstm<ctml::lstm_options{.units = 3, .return_sequences = true, .stateful = true}, "
                 "m_data::op0_lstm>"));
}

TEST_CASE("LSTM import refuses what TFLite Micro's LSTM refuses, naming it") {
  auto with_input = [](bool int8, std::size_t k, std::size_t like) {
    auto m = lstm_models::lstm(small(int8));
    m.ops[0].inputs[k] = m.ops[0].inputs[like];
    return import_error(fbt::build(m));
  };
  CHECK(contains(with_input(true, 9, 15),
                 "a peephole weight (input 9) is present; TFLite Micro's LSTM does not"));
  CHECK(contains(with_input(false, 11, 15), "a peephole weight (input 11) is present"));
  CHECK(contains(with_input(true, 16, 5), "the projection weights (input 16) is present"));
  CHECK(contains(with_input(false, 17, 15), "the projection bias (input 17) is present"));
  CHECK(contains(with_input(true, 20, 15), "a layer norm coefficient (input 20) is present"));
  CHECK(contains(with_input(false, 23, 15), "a layer norm coefficient (input 23) is present"));
  {
    auto m = lstm_models::lstm(small(true));
    m.ops[0].inputs[1] = m.ops[0].inputs[5] = m.ops[0].inputs[12] = -1;
    CHECK(contains(import_error(fbt::build(m)), "has no input gate (CIFG"));
  }
  {
    auto c = small(true);
    c.activation = 6;
    CHECK(contains(import_error(fbt::build(lstm_models::lstm(c))),
                   "the cell activation is SIGMOID; ctml::lstm computes TANH"));
  }
  {
    auto m = lstm_models::lstm(small(true));
    m.tensors[static_cast<std::size_t>(m.ops[0].inputs[19])].scale = {0.001f};
    CHECK(contains(import_error(fbt::build(m)), "is not a power of two in [2^-27, 1]"));
  }
  {
    auto m = lstm_models::lstm(small(true));
    m.tensors[static_cast<std::size_t>(m.ops[0].inputs[18])].is_variable = false;
    CHECK(contains(import_error(fbt::build(m)), "the hidden state t"));
    CHECK(contains(import_error(fbt::build(m)), "is not a variable tensor"));
  }
  {
    auto m = lstm_models::lstm(small(true));
    m.tensors[1].zero_point = {m.tensors[1].zero_point[0] + 1};
    CHECK(contains(import_error(fbt::build(m)), "the output's quantization differs from the hidden state's"));
  }
  {
    auto c = small(false);
    c.proj_clip = 2.5f;  // TFLite Micro ignores it (it has no projection layer to clip)
    const std::string e = import_error(fbt::build(lstm_models::lstm(c)));
    CHECK(contains(e, "operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM): proj_clip is 2.5"));
    CHECK(contains(e, "TFLite Micro's LSTM does not have (it ignores the option), nor does ctml::lstm"));
  }
  {
    auto c = small(true);
    c.int16 = true;
    auto m = lstm_models::lstm(c);
    m.tensors[0].zero_point = {5};  // TFLite's 16x8 is symmetric
    CHECK(contains(import_error(fbt::build(m)), "int16 activations (TFLite's 16x8) must have zero point 0"));
    auto w = lstm_models::lstm(c);  // an int32 bias in a 16x8 LSTM
    const std::size_t b = static_cast<std::size_t>(w.ops[0].inputs[12]);
    w.tensors[b].type = lstm_models::i32;
    w.buffers[w.tensors[b].buffer].resize(w.buffers[w.tensors[b].buffer].size() / 2);
    CHECK(contains(import_error(fbt::build(w)), "input gate bias t"));
    CHECK(contains(import_error(fbt::build(w)), "has type INT32; expected INT64"));
  }
  {
    auto c = small(true);
    c.time_major = true;  // [5, 2, 4]: a batch of 2
    auto m = lstm_models::lstm(c);
    m.tensors[0].shape = {5, 2, 4};
    m.tensors[1].shape = {5, 2, 3};
    CHECK(
        contains(import_error(fbt::build(m)),
                 "operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM): time_major with a batch of 2; ctml-import needs "
                 "a batch of 1"));
  }
}

TEST_CASE("LSTM import: time-major [T, 1, F] is [1, T, F] (the same bytes); axis-dependent readers refused") {
  auto c = small(true);
  c.time_major = true;  // x [5, 1, 4] -> y [5, 1, 3]
  const std::string h = ctml_import::import_tflite(fbt::build(lstm_models::lstm(c)), "m", "m.tflite");
  CHECK(contains(h, "// t0 \"x\" 1x5x4 int8 (TFLite 5x1x4, time-major: the same bytes)\n"));
  CHECK(contains(h, "-> t1 \"y\" 1x5x3 (TFLite 5x1x3, time-major: the same bytes)\n"));
  CHECK(contains(h,
                 "/// Time-major input t0: TFLite's 5x1x4 is ctml::shape<5, 4> here (the same bytes, step by "
                 "step).\n"));
  CHECK(contains(h, "/// Time-major output t1: TFLite's 5x1x3 is ctml::shape<5, 3> here"));
  CHECK(contains(h, "ctml::input<ctml::shape<5, 4>, std::int8_t, m_data::input>"));
  // The committed model with a FULLY_CONNECTED of all 6 x 5 outputs: its output [1, 3] is not time-major.
  const auto fc = lstm_models::cases().back();
  REQUIRE(fc.dense_units == 3);
  const std::string hf = ctml_import::import_tflite(fbt::build(lstm_models::lstm(fc)), "m", "m.tflite");
  CHECK(contains(hf, "/// Time-major input t0: TFLite's 6x1x4 is ctml::shape<6, 4> here"));
  CHECK_FALSE(contains(hf, "Time-major output"));
  CHECK(contains(hf, "ctml::reshape<ctml::shape<30>>"));
  // Float I/O around the int8 LSTM (the converter's default): QUANTIZE and DEQUANTIZE keep the shape,
  // so their float tensors are read as [1, T, X] too.
  {
    auto q = lstm_models::lstm(c);
    q.opcodes = {114, lstm_models::lstm_code, 6};  // QUANTIZE, the LSTM, DEQUANTIZE
    q.ops[0].opcode_index = 1;
    const auto fx = static_cast<std::int32_t>(q.tensors.size());
    q.tensors.push_back({{5, 1, 4}, lstm_models::f32, 0, "fx", false});
    q.tensors.push_back({{5, 1, 3}, lstm_models::f32, 0, "fy", false});
    q.ops.insert(q.ops.begin(), fbt::op_spec{0, {fx}, {0}, 0, nullptr});
    q.ops.push_back({2, {1}, {fx + 1}, 0, nullptr});
    q.inputs = {fx};
    q.outputs = {fx + 1};
    const std::string hq = ctml_import::import_tflite(fbt::build(q), "m", "m.tflite");
    CHECK(contains(hq, "\"fx\" 1x5x4 float32 (TFLite 5x1x4, time-major: the same bytes)\n"));
    CHECK(contains(hq, "/// Time-major output t" + std::to_string(fx + 1) +
                           ": TFLite's 5x1x3 is ctml::shape<5, 3> here"));
    CHECK(contains(hq, "ctml::input<ctml::shape<5, 4>, float>,"));
  }
  // A CONCATENATION along axis 0 (the steps of [T, 1, U]; the batch of [1, T, U]) is refused, named.
  auto m = lstm_models::lstm(c);
  m.opcodes.push_back(2);  // CONCATENATION
  m.tensors.push_back(m.tensors[1]);
  m.tensors.back().name = "yy";
  m.tensors.back().shape = {10, 1, 3};
  auto opt = fbt::make_table();
  opt->i32(0, 0);
  const auto yy = static_cast<std::int32_t>(m.tensors.size() - 1);
  m.ops.push_back({1, {1, 1}, {yy}, 10, opt});
  m.outputs = {yy};
  const std::string e = import_error(fbt::build(m));
  CHECK(contains(e,
                 "time-major LSTM tensor t1 'y' [5, 1, 3] is read by CONCATENATION (op 1), whose meaning "
                 "depends on the axis order; ctml-import reads it as [1, 5, 3] (the same bytes)"));
  // A FULLY_CONNECTED of one step (weights [N, U], TFLite's batch T) is refused too.
  auto w = lstm_models::lstm(fc);
  auto& wt = w.tensors[static_cast<std::size_t>(w.ops[1].inputs[1])];
  wt.shape = {6, 5};
  CHECK(contains(import_error(fbt::build(w)), "is read by FULLY_CONNECTED (op 1), whose meaning depends"));
}

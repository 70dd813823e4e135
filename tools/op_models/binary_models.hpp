#pragma once
// Small ADD / SUB / MUL models (issue #11), written with the fbt builder. TFLM's outputs for them are
// in tests/data/tflm_ops/<name>/ (README there, make_binary_cases.py); importer_test builds its
// refusals of two-input ops from binary_op().

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tflite_builder.hpp"

namespace binary {

using fbt::le_bytes_i16;

/// y = op(x0, x1) for ADD (0), SUB (41) or MUL (18) with a fused activation; `constant` (non-empty):
/// x1 is that constant data, and with `constant_first` it is TFLite's first operand.
inline fbt::model_spec binary_op(std::int32_t builtin, fbt::tensor_spec x0, fbt::tensor_spec x1,
                                 fbt::tensor_spec y, std::int8_t act, std::vector<std::uint8_t> constant = {},
                                 bool constant_first = false) {
  fbt::model_spec m;
  m.opcodes = {builtin};
  for (fbt::tensor_spec* t : {&x0, &x1, &y}) t->quantized = t->type != 0;
  x0.name = "x0";
  x1.name = "x1";
  y.name = "y";
  const std::uint8_t options_type = builtin == 0 ? 11 : (builtin == 41 ? 28 : 21);
  m.tensors = {x0, x1, y};
  m.ops = {{0, {0, 1}, {2}, options_type, fbt::fc_options(act)}};  // field 0: fused activation
  m.inputs = {0, 1};
  m.outputs = {2};
  if (!constant.empty()) {
    m.tensors[1].buffer = 1;
    m.buffers.push_back(std::move(constant));
    m.inputs = {0};
    if (constant_first) m.ops[0].inputs = {1, 0};
  }
  return m;
}

/// Two inputs, two outputs in the other order than the ops write them: (x0 - x1, x0 + x1), int8.
inline fbt::model_spec add_sub_two_outputs() {
  fbt::model_spec m;
  m.opcodes = {0, 41};
  m.tensors = {{{1, 8}, 9, 0, "x0", true, {0.1f}, {4}},
               {{1, 8}, 9, 0, "x1", true, {0.07f}, {-9}},
               {{1, 8}, 9, 0, "sum", true, {0.12f}, {2}},
               {{1, 8}, 9, 0, "diff", true, {0.09f}, {-1}}};
  m.ops = {{0, {0, 1}, {2}, 11, fbt::fc_options(0)}, {1, {0, 1}, {3}, 28, fbt::fc_options(0)}};
  m.inputs = {0, 1};
  m.outputs = {3, 2};
  return m;
}

/// The small ADD / SUB / MUL models whose TFLM outputs are in tests/data/tflm_ops (README there),
/// by folder name: int8, int16 and float; broadcasting both ways, a rank-1 graph input, constant
/// operands (also as the first operand), fused activations, saturation, zero points at both ends.
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  using ts = fbt::tensor_spec;
  auto f32 = [](std::vector<std::int32_t> shape) { return ts{std::move(shape), 0, 0, "", false, {}, {}}; };
  const std::vector<int> c8 = {-128, 127, 0, 3, -1, 64, -65, 5};
  return {
      {"add_s8_broadcast", binary_op(0, ts{{1, 3, 1, 5}, 9, 0, "", true, {0.05f}, {-128}},
                                     ts{{1, 1, 4, 1}, 9, 0, "", true, {0.02f}, {127}},
                                     ts{{1, 3, 4, 5}, 9, 0, "", true, {0.06f}, {5}}, 0)},
      {"sub_s8_broadcast_relu",
       binary_op(41, ts{{1, 2, 3, 4}, 9, 0, "", true, {0.1f}, {10}}, ts{{4}, 9, 0, "", true, {0.03f}, {-7}},
                 ts{{1, 2, 3, 4}, 9, 0, "", true, {0.05f}, {-128}}, 1)},
      {"mul_s8_relu_n1", binary_op(18, ts{{1, 4, 6}, 9, 0, "", true, {0.02f}, {-3}},
                                   ts{{1, 4, 6}, 9, 0, "", true, {0.04f}, {100}},
                                   ts{{1, 4, 6}, 9, 0, "", true, {0.004f}, {0}}, 2)},
      {"add_s16_broadcast_relu", binary_op(0, ts{{1, 2, 3, 8}, 7, 0, "", true, {0.0005f}, {0}},
                                           ts{{1, 2, 1, 8}, 7, 0, "", true, {0.0011f}, {0}},
                                           ts{{1, 2, 3, 8}, 7, 0, "", true, {0.0013f}, {0}}, 1)},
      {"sub_s16", binary_op(41, ts{{1, 5, 7}, 7, 0, "", true, {0.001f}, {0}},
                            ts{{1, 5, 7}, 7, 0, "", true, {0.0004f}, {0}},
                            ts{{1, 5, 7}, 7, 0, "", true, {0.0008f}, {0}}, 0)},
      {"mul_s16_broadcast", binary_op(18, ts{{1, 5, 8}, 7, 0, "", true, {0.002f}, {0}},
                                      ts{{1, 1, 8}, 7, 0, "", true, {0.003f}, {0}},
                                      ts{{1, 5, 8}, 7, 0, "", true, {0.0001f}, {0}}, 0)},
      {"add_f32_broadcast_relu6", binary_op(0, f32({1, 2, 1, 3}), f32({1, 1, 4, 1}), f32({1, 2, 4, 3}), 3)},
      {"sub_f32_broadcast", binary_op(41, f32({1, 3, 4}), f32({1, 4}), f32({1, 3, 4}), 0)},
      {"mul_f32", binary_op(18, f32({1, 16}), f32({1, 16}), f32({1, 16}), 0)},
      {"mul_s8_const",
       binary_op(18, ts{{1, 4, 8}, 9, 0, "", true, {0.05f}, {-20}}, ts{{8}, 9, 0, "", true, {0.01f}, {3}},
                 ts{{1, 4, 8}, 9, 0, "", true, {0.01f}, {-1}}, 0, fbt::le_bytes_i8(c8))},
      {"add_s16_const_first",
       binary_op(0, ts{{1, 3, 8}, 7, 0, "", true, {0.0009f}, {0}},
                 ts{{1, 1, 8}, 7, 0, "", true, {0.0007f}, {0}}, ts{{1, 3, 8}, 7, 0, "", true, {0.0012f}, {0}},
                 0, le_bytes_i16({-32768, 32767, 0, 1, -1, 12345, -23456, 300}), true)},
      {"sub_f32_const", binary_op(41, f32({1, 2, 6}), f32({1, 1, 6}), f32({1, 2, 6}), 0,
                                  fbt::le_bytes_f32({0.5f, -1.25f, 3.0f, 0.0f, -0.0f, 1e-3f}))},
      {"add_sub_two_outputs", add_sub_two_outputs()},
  };
}

}  // namespace binary

#pragma once
// Small models for MEAN, MINIMUM, MAXIMUM, DIV, HARD_SWISH, PRELU and L2_NORMALIZATION (issue #11), written
// with the fbt builder. TFLM's outputs for them are in tests/data/tflm_ops/<name>/ (README there,
// make_opsmath_cases.py); importer_test checks that the committed .tflite files equal these.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tflite_builder.hpp"

namespace opsmath {

constexpr std::int8_t f32 = 0, i32 = 2, i16 = 7, i8 = 9;

// Builtin codes and option table types (schema.fbs).
constexpr std::int32_t mean_code = 40, div_code = 42, maximum_code = 55, minimum_code = 57,
                       hard_swish_code = 117, prelu_code = 54, l2_normalization_code = 11;
constexpr std::uint8_t reducer_opts = 27, div_opts = 29, maximum_minimum_opts = 39;

inline fbt::tensor_spec activation(std::vector<std::int32_t> shape, std::int8_t type, const char* name,
                                   float scale = 1.0f, std::int64_t zero_point = 0) {
  return {std::move(shape), type, 0, name, type != f32, {scale}, {zero_point}};
}

/// x -> MEAN over `axes` (TFLite's axis tensor, negative allowed) -> y (quantization `out` for
/// int8 / int16).
inline fbt::model_spec mean(fbt::tensor_spec x, const std::vector<std::int32_t>& axes, bool keep_dims,
                            float out_scale = 1.0f, std::int64_t out_zero_point = 0) {
  fbt::model_spec m;
  m.opcodes = {mean_code};
  const auto rank = static_cast<std::int32_t>(x.shape.size());
  fbt::tensor_spec y = activation({}, x.type, "y", out_scale, out_zero_point);
  for (std::int32_t d = 0; d < rank; ++d) {
    bool reduced = false;
    for (std::int32_t a : axes) reduced = reduced || (a < 0 ? a + rank : a) == d;
    if (!reduced)
      y.shape.push_back(x.shape[static_cast<std::size_t>(d)]);
    else if (keep_dims)
      y.shape.push_back(1);
  }
  m.tensors = {x, y, {{static_cast<std::int32_t>(axes.size())}, i32, 1, "axis", false}};
  m.buffers.push_back(fbt::le_bytes_i32(axes));
  auto opt = fbt::make_table();
  opt->u8(0, keep_dims ? 1 : 0);
  m.ops = {{0, {0, 2}, {1}, reducer_opts, opt}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// y = op(x0, x1) for MINIMUM, MAXIMUM, PRELU or DIV (with fused activation `act`); `constant` (non-empty):
/// x1 is that constant data, and with `constant_first` it is TFLite's first operand.
inline fbt::model_spec binary(std::int32_t code, fbt::tensor_spec x0, fbt::tensor_spec x1, fbt::tensor_spec y,
                              std::int8_t act = 0, std::vector<std::uint8_t> constant = {},
                              bool constant_first = false) {
  fbt::model_spec m;
  m.opcodes = {code};
  x0.name = "x0";
  x1.name = "x1";
  y.name = "y";
  m.tensors = {x0, x1, y};
  if (code == div_code)
    m.ops = {{0, {0, 1}, {2}, div_opts, fbt::fc_options(act)}};  // field 0: fused activation
  else if (code == prelu_code)
    m.ops = {{0, {0, 1}, {2}, 0, nullptr}};
  else
    m.ops = {{0, {0, 1}, {2}, maximum_minimum_opts, fbt::make_table()}};
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

/// x -> HARD_SWISH (or `code`: another one-input op without options) -> y (quantization `out` for int8).
inline fbt::model_spec hard_swish(fbt::tensor_spec x, float out_scale = 1.0f, std::int64_t out_zero_point = 0,
                                  std::int32_t code = hard_swish_code) {
  fbt::model_spec m;
  m.opcodes = {code};
  fbt::tensor_spec y = activation(x.shape, x.type, "y", out_scale, out_zero_point);
  m.tensors = {x, y};
  m.ops = {{0, {0}, {1}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

using fbt::le_bytes_i16;

/// The models by folder name (tests/data/tflm_ops/<name>/<name>.tflite).
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  const auto q8 = [](std::vector<std::int32_t> s, float scale, std::int64_t zp) {
    return activation(std::move(s), i8, "x", scale, zp);
  };
  const auto q16 = [](std::vector<std::int32_t> s, float scale) {
    return activation(std::move(s), i16, "x", scale, 0);
  };
  const auto fl = [](std::vector<std::int32_t> s) { return activation(std::move(s), f32, "x"); };
  return {
      // MEAN: global average pooling both ways, other axes, negative and repeated axes, counts that are
      // and are not powers of 2, an in / out scale ratio above 16, zero points at both ends, saturation.
      {"mean_s8_hw", mean(q8({1, 5, 7, 13}, 0.07f, -128), {1, 2}, false, 0.05f, -128)},
      {"mean_s8_hw_keep", mean(q8({1, 8, 4, 9}, 0.05f, 127), {2, -3}, true, 0.03f, 127)},
      {"mean_s8_channels", mean(q8({1, 4, 3, 10}, 0.1f, 3), {3, -1}, false, 0.05f, -2)},
      {"mean_s8_large_ratio", mean(q8({1, 16, 20, 3}, 0.02f, 10), {1, 2}, true, 0.0009f, -5)},
      {"mean_s16_hw", mean(q16({1, 3, 5, 6}, 0.0003f), {1, 2}, false, 0.0002f, 0)},
      {"mean_s16_w", mean(q16({1, 4, 6, 5}, 0.001f), {2}, true, 0.0015f, 0)},
      {"mean_f32_hw_keep", mean(fl({1, 4, 5, 6}), {1, 2}, true)},
      {"mean_f32_axes", mean(fl({1, 3, 4, 5}), {3, 1}, false)},
      // MINIMUM / MAXIMUM: broadcasting both ways, constants (first and second), every type.
      {"maximum_s8_broadcast", binary(maximum_code, q8({1, 3, 1, 5}, 0.05f, -20),
                                      q8({1, 1, 4, 1}, 0.05f, -20), q8({1, 3, 4, 5}, 0.05f, -20))},
      {"minimum_s8_const_first",
       binary(minimum_code, q8({1, 4, 8}, 0.02f, 100), q8({8}, 0.02f, 100), q8({1, 4, 8}, 0.02f, 100), 0,
              fbt::le_bytes_i8({-128, 127, 0, 100, 99, 101, -1, 50}), true)},
      {"maximum_s16",
       binary(maximum_code, q16({1, 5, 7}, 0.001f), q16({1, 1, 7}, 0.001f), q16({1, 5, 7}, 0.001f))},
      {"minimum_s16_const",
       binary(minimum_code, q16({1, 3, 6}, 0.0005f), q16({6}, 0.0005f), q16({1, 3, 6}, 0.0005f), 0,
              le_bytes_i16({-32768, 32767, 0, -1, 1, 1234}))},
      {"minimum_f32_broadcast", binary(minimum_code, fl({1, 3, 4}), fl({1, 4}), fl({1, 3, 4}))},
      {"maximum_f32_const", binary(maximum_code, fl({1, 2, 6}), fl({6}), fl({1, 2, 6}), 0,
                                   fbt::le_bytes_f32({0.5f, -1.25f, 3.0f, 0.0f, -0.0f, 1e-3f}))},
      // DIV (float): broadcasting, a fused activation, a constant divisor.
      {"div_f32_broadcast_relu", binary(div_code, fl({1, 2, 3, 4}), fl({1, 1, 1, 4}), fl({1, 2, 3, 4}), 1)},
      {"div_f32_const", binary(div_code, fl({1, 3, 5}), fl({1, 1, 5}), fl({1, 3, 5}), 0,
                               fbt::le_bytes_f32({0.5f, -1.25f, 3.0f, 1e-30f, -7.0f}))},
      // HARD_SWISH: the reluish multiplier with a left shift (5, 3) and a right shift; saturation at both
      // ends; float.
      {"hard_swish_s8_wide", hard_swish(q8({1, 256}, 0.2f, 5), 0.1f, -128)},
      {"hard_swish_s8", hard_swish(q8({1, 256}, 0.05f, -10), 0.03f, -100)},
      {"hard_swish_s8_fine", hard_swish(q8({1, 256}, 0.004f, 20), 0.002f, 127)},
      {"hard_swish_f32", hard_swish(fl({1, 96}))},
      // PRELU: a constant alpha per channel (negative, zero and above 1 among them), an alpha that is a
      // second input broadcast along the rows, float; zero points at both ends, saturation.
      {"prelu_s8_const",
       binary(prelu_code, q8({1, 4, 5, 6}, 0.05f, -20), q8({1, 1, 6}, 0.01f, 5), q8({1, 4, 5, 6}, 0.04f, 10),
              0, fbt::le_bytes_i8({-128, 127, 5, 0, 40, -60}))},
      {"prelu_s8_input",
       binary(prelu_code, q8({1, 3, 4}, 0.02f, -128), q8({1, 4}, 0.03f, 127), q8({1, 3, 4}, 0.03f, 127))},
      // L2_NORMALIZATION: vectors of odd length, zero points at both ends, an all-zero-point vector (norm 0).
      {"l2_normalization_s8",
       hard_swish(q8({1, 3, 4, 7}, 0.05f, -128), 1.0f / 128.0f, 0, l2_normalization_code)},
      {"l2_normalization_s8_zp",
       hard_swish(q8({1, 5, 33}, 0.02f, 127), 1.0f / 128.0f, 0, l2_normalization_code)},
      {"l2_normalization_f32", hard_swish(fl({1, 6, 9}), 1.0f, 0, l2_normalization_code)},
      {"prelu_f32_const", binary(prelu_code, fl({1, 3, 4, 5}), fl({5}), fl({1, 3, 4, 5}), 0,
                                 fbt::le_bytes_f32({0.25f, -1.5f, 0.0f, 2.0f, -0.0f}))},
  };
}

}  // namespace opsmath

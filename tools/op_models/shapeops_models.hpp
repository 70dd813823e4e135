#pragma once
// Small models for PAD, PADV2, STRIDED_SLICE, LEAKY_RELU and QUANTIZE between int8 and int16 (issue
// #11), written with the fbt builder. TFLM's outputs for them are in tests/data/tflm_ops/<name>/
// (README there); importer_test checks that the committed .tflite files equal these.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tflite_builder.hpp"

namespace shapeops {

constexpr std::int8_t f32 = 0, i32 = 2, i16 = 7, i8 = 9;

// Builtin codes and option table types (schema.fbs).
constexpr std::int32_t pad_code = 34, padv2_code = 60, strided_slice_code = 45, leaky_relu_code = 98,
                       quantize_code = 114;
constexpr std::uint8_t pad_opts = 22, padv2_opts = 43, strided_slice_opts = 32, leaky_relu_opts = 75;

inline fbt::tensor_spec activation(std::vector<std::int32_t> shape, std::int8_t type, const char* name,
                                   float scale = 1.0f, std::int64_t zero_point = 0) {
  return {std::move(shape), type, 0, name, type != f32, {scale}, {zero_point}};
}

/// x -> PAD / PADV2 (`paddings` of every axis, batch first; `value` bytes for PADV2) -> y.
inline fbt::model_spec pad(fbt::tensor_spec x, const std::vector<std::int32_t>& paddings,
                           std::vector<std::uint8_t> value = {}) {
  fbt::model_spec m;
  const bool v2 = !value.empty();
  m.opcodes = {v2 ? padv2_code : pad_code};
  fbt::tensor_spec y = x;
  y.name = "y";
  for (std::size_t d = 0; d < y.shape.size(); ++d) y.shape[d] += paddings[2 * d] + paddings[2 * d + 1];
  const auto rank = static_cast<std::int32_t>(x.shape.size());
  m.tensors = {x, y, {{rank, 2}, i32, 1, "paddings", false}};
  m.buffers.push_back(fbt::le_bytes_i32(paddings));
  std::vector<std::int32_t> inputs{0, 2};
  if (v2) {
    fbt::tensor_spec c = x;  // a scalar, quantized like the output
    c.shape = {};
    c.buffer = 2;
    c.name = "constant_values";
    m.tensors.push_back(c);
    m.buffers.push_back(std::move(value));
    inputs.push_back(3);
  }
  m.ops = {{0, inputs, {1}, v2 ? padv2_opts : pad_opts, fbt::make_table()}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

struct slice {
  std::vector<std::int32_t> begin, end, strides;
  std::int32_t begin_mask = 0, end_mask = 0, shrink_axis_mask = 0, ellipsis_mask = 0, new_axis_mask = 0;
};

/// x -> STRIDED_SLICE -> y of shape `out`.
inline fbt::model_spec strided_slice(fbt::tensor_spec x, const slice& s, std::vector<std::int32_t> out) {
  fbt::model_spec m;
  m.opcodes = {strided_slice_code};
  fbt::tensor_spec y = x;
  y.name = "y";
  y.shape = std::move(out);
  const auto rank = static_cast<std::int32_t>(x.shape.size());
  m.tensors = {x,
               y,
               {{rank}, i32, 1, "begin", false},
               {{rank}, i32, 2, "end", false},
               {{rank}, i32, 3, "strides", false}};
  m.buffers.push_back(fbt::le_bytes_i32(s.begin));
  m.buffers.push_back(fbt::le_bytes_i32(s.end));
  m.buffers.push_back(fbt::le_bytes_i32(s.strides));
  auto opt = fbt::make_table();
  opt->i32(0, s.begin_mask).i32(1, s.end_mask).i32(2, s.ellipsis_mask).i32(3, s.new_axis_mask);
  opt->i32(4, s.shrink_axis_mask);
  m.ops = {{0, {0, 2, 3, 4}, {1}, strided_slice_opts, opt}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// x -> LEAKY_RELU (alpha) -> y, [1, 256].
inline fbt::model_spec leaky_relu(std::int8_t type, float alpha, float in_scale = 1.0f,
                                  std::int64_t in_zp = 0, float out_scale = 1.0f, std::int64_t out_zp = 0) {
  fbt::model_spec m;
  m.opcodes = {leaky_relu_code};
  m.tensors = {activation({1, 256}, type, "x", in_scale, in_zp),
               activation({1, 256}, type, "y", out_scale, out_zp)};
  auto opt = fbt::make_table();
  opt->f32(0, alpha);
  m.ops = {{0, {0}, {1}, leaky_relu_opts, opt}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// x -> QUANTIZE -> y, [1, 256], integer types.
inline fbt::model_spec quantize(fbt::tensor_spec x, fbt::tensor_spec y) {
  fbt::model_spec m;
  m.opcodes = {quantize_code};
  x.shape = y.shape = {1, 256};
  m.tensors = {x, y};
  m.ops = {{0, {0}, {1}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// float [1,64] -> QUANTIZE (0.1, `zero_point`) to int8 or int16 -> DEQUANTIZE -> float: the output
/// shows the quantized values.
inline fbt::model_spec quantize_float_ties(std::int8_t type = i8, std::int64_t zero_point = -3) {
  fbt::model_spec m;
  m.opcodes = {quantize_code, 6};
  m.tensors = {activation({1, 64}, f32, "x"), activation({1, 64}, type, "x_q", 0.1f, zero_point),
               activation({1, 64}, f32, "y")};
  m.ops = {{0, {0}, {1}, 0, nullptr}, {1, {1}, {2}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {2};
  return m;
}

/// int16 [1,1,4,6] -> SQUEEZE (axis 1) -> PADV2 (-1234) -> EXPAND_DIMS (axis 0) -> RESHAPE [1,40]: the
/// shape-only ops and PADV2 with int16 activations.
inline fbt::model_spec int16_shapes() {
  fbt::model_spec m;
  m.opcodes = {43, padv2_code, 70, 22};
  const float s = 0.001f;
  m.tensors = {activation({1, 1, 4, 6}, i16, "x", s),        activation({1, 4, 6}, i16, "squeezed", s),
               {{3, 2}, i32, 1, "paddings", false},          {{}, i16, 2, "constant_values", true, {s}, {0}},
               activation({1, 5, 8}, i16, "padded", s),      {{1}, i32, 3, "axis", false},
               activation({1, 1, 5, 8}, i16, "expanded", s), activation({1, 40}, i16, "y", s)};
  m.buffers.push_back(fbt::le_bytes_i32({0, 0, 1, 0, 0, 2}));
  m.buffers.push_back({0x2e, 0xfb});  // -1234, little-endian int16
  m.buffers.push_back(fbt::le_bytes_i32({0}));
  auto squeeze = fbt::make_table();
  squeeze->child(0, fbt::make_i32s({1}));
  m.ops = {{0, {0}, {1}, 30, squeeze},
           {1, {1, 2, 3}, {4}, padv2_opts, fbt::make_table()},
           {2, {4, 5}, {6}, 0, nullptr},
           {3, {6}, {7}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {7};
  return m;
}

/// int8 [1,256] -> QUANTIZE to int32 -> QUANTIZE to int8: both conversions with int32.
inline fbt::model_spec quantize_s8_s32_s8() {
  fbt::model_spec m;
  m.opcodes = {quantize_code};
  m.tensors = {activation({1, 256}, i8, "x", 0.05f, -3), activation({1, 256}, i32, "wide", 0.001f, 0),
               activation({1, 256}, i8, "y", 0.07f, 5)};
  m.ops = {{0, {0}, {1}, 0, nullptr}, {0, {1}, {2}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {2};
  return m;
}

/// The models of tests/data/tflm_ops this helper added, by folder name.
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  return {
      // Every axis padded but the batch, TFLite Micro's default value (the zero point).
      {"pad_s8", pad(activation({1, 3, 5, 3}, i8, "x", 0.1f, -5), {0, 0, 1, 2, 0, 3, 2, 1})},
      // PADV2 with a value (-100, quantized like the output), rank 3.
      {"padv2_s8",
       pad(activation({1, 4, 7}, i8, "x", 0.05f, 20), {0, 0, 2, 0, 1, 3}, fbt::le_bytes_i8({-100}))},
      // Rank 5 (TFLite Micro's most), float zeros.
      {"pad_f32", pad(activation({1, 2, 3, 2, 2}, f32, "x"), {0, 0, 1, 0, 0, 1, 2, 2, 1, 1})},
      {"padv2_f32", pad(activation({1, 5, 3}, f32, "x"), {0, 0, 0, 2, 3, 0}, fbt::le_bytes_f32({-2.5f}))},
      // Negative begin and end, stride 2, a negative stride (-2).
      {"strided_slice_s8", strided_slice(activation({1, 6, 7, 5}, i8, "x", 0.1f, 3),
                                         {{0, -5, 6, 0}, {1, -1, 0, 5}, {1, 2, -2, 1}}, {1, 2, 3, 5})},
      // begin_mask and end_mask on axis 2 (stride 3), shrink_axis_mask on axis 3.
      {"strided_slice_masks_s8",
       strided_slice(activation({1, 4, 6, 3}, i8, "x", 0.1f, 3),
                     {{0, 1, 2, 1}, {1, 3, 0, 2}, {1, 1, 3, 1}, 0b0100, 0b0100, 0b1000}, {1, 2, 2})},
      // begin and end far outside the axis (clamped), stride 3, stride -1 from a negative end.
      {"strided_slice_f32",
       strided_slice(activation({1, 9, 4}, f32, "x"), {{0, -100, 3}, {1, 100, -5}, {1, 3, -1}}, {1, 3, 4})},
      // Requantizing (the output saturates above), alpha 0.2, all 256 inputs.
      {"leaky_relu_s8", leaky_relu(i8, 0.2f, 0.05f, -10, 0.03f, 7)},
      {"leaky_relu_alpha_gt1_s8", leaky_relu(i8, 2.5f, 0.04f, 30, 0.1f, -20)},
      {"leaky_relu_alpha_neg_s8", leaky_relu(i8, -0.7f, 0.05f, 0, 0.05f, 0)},
      {"leaky_relu_f32", leaky_relu(f32, 0.1f)},
      {"leaky_relu_alpha_neg_f32", leaky_relu(f32, -1.5f)},
      // int8 -> int16 (saturating at both ends), int16 -> int8, int16 -> int16.
      {"quantize_s8_s16",
       quantize(activation({}, i8, "x", 0.05f, -3), activation({}, i16, "y", 0.00015f, 100))},
      {"quantize_s16_s8", quantize(activation({}, i16, "x", 0.0005f, 0), activation({}, i8, "y", 0.02f, 3))},
      // float -> int8 with a scale (0.1) where x / scale in float and in double round differently.
      {"quantize_float_ties", quantize_float_ties()},
      // float -> int16 -> float (an int16 model with float input and output), saturating at both ends.
      {"quantize_float_s16", quantize_float_ties(i16, 7)},
      {"quantize_s16_s16",
       quantize(activation({}, i16, "x", 0.0005f, 0), activation({}, i16, "y", 0.0007f, -5))},
      // SQUEEZE, PADV2, EXPAND_DIMS, RESHAPE with int16 activations; int8 <-> int32 QUANTIZE.
      {"int16_shapes", int16_shapes()},
      {"quantize_s8_s32_s8", quantize_s8_s32_s8()},
  };
}

}  // namespace shapeops

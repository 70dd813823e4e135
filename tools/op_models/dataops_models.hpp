#pragma once
// Small models for CONCATENATION, TRANSPOSE, CAST, SPLIT and SPLIT_V (issue #11), written with the fbt
// builder. TFLM's outputs for them are in tests/data/tflm_ops/<name>/ (README there, case folders 00..03);
// importer_test checks that the committed .tflite files equal these.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tflite_builder.hpp"

namespace dataops {

constexpr std::int8_t f32 = 0, i32 = 2, i16 = 7, i8 = 9;

// Builtin codes and option table types (schema.fbs).
constexpr std::int32_t concatenation_code = 2, transpose_code = 39, cast_code = 53, relu_code = 19,
                       relu6_code = 21, split_code = 49, split_v_code = 102, space_to_depth_code = 26,
                       depth_to_space_code = 5;
constexpr std::uint8_t concatenation_opts = 10, transpose_opts = 26, split_opts = 35, split_v_opts = 79,
                       space_to_depth_opts = 19, depth_to_space_opts = 94;

inline fbt::tensor_spec activation(std::vector<std::int32_t> shape, std::int8_t type, const char* name,
                                   float scale = 1.0f, std::int64_t zero_point = 0) {
  return {std::move(shape), type, 0, name, type != f32, {scale}, {zero_point}};
}

/// Graph inputs of `shapes` -> CONCATENATION (axis) -> y; every tensor quantized (scale, zero_point).
inline fbt::model_spec concatenation(const std::vector<std::vector<std::int32_t>>& shapes, std::int32_t axis,
                                     std::int8_t type, float scale = 1.0f, std::int64_t zero_point = 0) {
  fbt::model_spec m;
  m.opcodes = {concatenation_code};
  std::vector<std::int32_t> out = shapes[0];
  const auto a = static_cast<std::size_t>(axis < 0 ? axis + static_cast<std::int32_t>(out.size()) : axis);
  out[a] = 0;
  std::vector<std::int32_t> inputs;
  static const char* names[] = {"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"};
  for (std::size_t k = 0; k < shapes.size(); ++k) {
    m.tensors.push_back(activation(shapes[k], type, names[k], scale, zero_point));
    out[a] += shapes[k][a];
    inputs.push_back(static_cast<std::int32_t>(k));
  }
  m.tensors.push_back(activation(out, type, "y", scale, zero_point));
  auto opt = fbt::make_table();
  opt->i32(0, axis);
  const auto y = static_cast<std::int32_t>(shapes.size());
  m.ops = {{0, inputs, {y}, concatenation_opts, opt}};
  m.inputs = inputs;
  m.outputs = {y};
  return m;
}

/// float x [1,4,6] -> RELU -> a, x -> RELU6 -> b; CONCATENATION (a, x, b) along axis 1 -> [1,12,6]:
/// two branches and the graph input itself joined.
inline fbt::model_spec concat_f32_branches() {
  fbt::model_spec m;
  m.opcodes = {relu_code, relu6_code, concatenation_code};
  m.tensors = {activation({1, 4, 6}, f32, "x"), activation({1, 4, 6}, f32, "a"),
               activation({1, 4, 6}, f32, "b"), activation({1, 12, 6}, f32, "y")};
  auto opt = fbt::make_table();
  opt->i32(0, 1);
  m.ops = {
      {0, {0}, {1}, 0, nullptr}, {1, {0}, {2}, 0, nullptr}, {2, {1, 0, 2}, {3}, concatenation_opts, opt}};
  m.inputs = {0};
  m.outputs = {3};
  return m;
}

/// x -> TRANSPOSE (perm, batch first) -> y.
inline fbt::model_spec transpose(fbt::tensor_spec x, const std::vector<std::int32_t>& perm) {
  fbt::model_spec m;
  m.opcodes = {transpose_code};
  fbt::tensor_spec y = x;
  y.name = "y";
  for (std::size_t d = 0; d < perm.size(); ++d) y.shape[d] = x.shape[static_cast<std::size_t>(perm[d])];
  m.tensors = {x, y, {{static_cast<std::int32_t>(perm.size())}, i32, 1, "perm", false}};
  m.buffers.push_back(fbt::le_bytes_i32(perm));
  m.ops = {{0, {0, 2}, {1}, transpose_opts, fbt::make_table()}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// x -> CAST -> y of type `to` (not quantized: CAST converts the stored values).
inline fbt::model_spec cast(fbt::tensor_spec x, std::int8_t to) {
  fbt::model_spec m;
  m.opcodes = {cast_code};
  fbt::tensor_spec y{x.shape, to, 0, "y", false};
  m.tensors = {std::move(x), std::move(y)};
  m.ops = {{0, {0}, {1}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// x -> SPLIT (axis, into `extents.size()` equal parts) or SPLIT_V (`size_splits`) -> one graph output
/// per part, of extent `extents[k]` along the axis.
inline fbt::model_spec split(fbt::tensor_spec x, std::int32_t axis, const std::vector<std::int32_t>& extents,
                             const std::vector<std::int32_t>& size_splits = {}) {
  fbt::model_spec m;
  const bool v = !size_splits.empty();
  m.opcodes = {v ? split_v_code : split_code};
  const auto a = static_cast<std::size_t>(axis < 0 ? axis + static_cast<std::int32_t>(x.shape.size()) : axis);
  m.tensors = {x, {{}, i32, 1, "axis", false}};
  m.buffers.push_back(fbt::le_bytes_i32({axis}));
  std::vector<std::int32_t> outs;
  static const char* names[] = {"y0", "y1", "y2", "y3"};
  for (std::size_t k = 0; k < extents.size(); ++k) {
    fbt::tensor_spec y = x;
    y.name = names[k];
    y.shape[a] = extents[k];
    outs.push_back(static_cast<std::int32_t>(m.tensors.size()));
    m.tensors.push_back(y);
  }
  auto opt = fbt::make_table();
  opt->i32(0, static_cast<std::int32_t>(extents.size()));
  if (v) {
    m.tensors.push_back({{static_cast<std::int32_t>(size_splits.size())}, i32, 2, "size_splits", false});
    m.buffers.push_back(fbt::le_bytes_i32(size_splits));
    m.ops = {{0, {0, static_cast<std::int32_t>(m.tensors.size()) - 1, 1}, outs, split_v_opts, opt}};
  } else {
    m.ops = {{0, {1, 0}, outs, split_opts, opt}};
  }
  m.inputs = {0};
  m.outputs = outs;
  return m;
}

/// int8 x [1,8,3] -> SPLIT along axis 1 into a, b -> CONCATENATION (b, a) -> y: the halves swapped.
inline fbt::model_spec split_concat_s8() {
  fbt::model_spec m = split(activation({1, 8, 3}, i8, "x", 0.1f, -3), 1, {4, 4});
  m.opcodes.push_back(concatenation_code);
  m.tensors.push_back(activation({1, 8, 3}, i8, "y", 0.1f, -3));
  auto opt = fbt::make_table();
  opt->i32(0, 1);
  m.ops.push_back({1, {3, 2}, {4}, concatenation_opts, opt});
  m.outputs = {4};
  return m;
}

/// x [1,H,W,C] -> SPACE_TO_DEPTH or DEPTH_TO_SPACE (block) -> y.
inline fbt::model_spec block_op(fbt::tensor_spec x, std::int32_t block, bool to_depth) {
  fbt::model_spec m;
  m.opcodes = {to_depth ? space_to_depth_code : depth_to_space_code};
  fbt::tensor_spec y = x;
  y.name = "y";
  if (to_depth)
    y.shape = {1, x.shape[1] / block, x.shape[2] / block, x.shape[3] * block * block};
  else
    y.shape = {1, x.shape[1] * block, x.shape[2] * block, x.shape[3] / (block * block)};
  m.tensors = {x, y};
  auto opt = fbt::make_table();
  opt->i32(0, block);
  m.ops = {{0, {0}, {1}, to_depth ? space_to_depth_opts : depth_to_space_opts, opt}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// The models of tests/data/tflm_ops this helper added, by folder name.
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  return {
      // Two graph inputs along the width (TFLite axis 2), zero point -7.
      {"concat_s8_two_inputs", concatenation({{1, 3, 4, 5}, {1, 3, 2, 5}}, 2, i8, 0.05f, -7)},
      // Three inputs of rank 5 along axis -2 (a negative axis), zero point 127.
      {"concat_s8_rank5_neg_axis",
       concatenation({{1, 2, 3, 2, 2}, {1, 2, 3, 1, 2}, {1, 2, 3, 3, 2}}, -2, i8, 0.1f, 127)},
      // int16 (16x8: zero point 0) along the first axis after the batch; -1 on rank 2 (the last).
      {"concat_s16_axis1", concatenation({{1, 5, 3}, {1, 2, 3}}, 1, i16, 0.001f, 0)},
      {"concat_s8_last_axis_four", concatenation({{1, 3}, {1, 1}, {1, 4}, {1, 2}}, -1, i8, 0.02f, -128)},
      // Two branches of one float input and the input itself.
      {"concat_f32_branches", concat_f32_branches()},
      // NCHW -> NHWC (what PyTorch exports put first), odd sizes.
      {"transpose_s8_nchw", transpose(activation({1, 3, 5, 7}, i8, "x", 0.05f, -3), {0, 2, 3, 1})},
      {"transpose_s16_rank3", transpose(activation({1, 4, 6}, i16, "x", 0.001f, 0), {0, 2, 1})},
      // Rank 5 (TFLite Micro's most), an axis of 1.
      {"transpose_f32_rank5", transpose(activation({1, 2, 3, 4, 5}, f32, "x"), {0, 4, 2, 1, 3})},
      {"transpose_s8_rank5", transpose(activation({1, 3, 1, 4, 2}, i8, "x", 0.1f, 5), {0, 3, 4, 1, 2})},
      // CAST: the stored values, quantization ignored (int8 -> float keeps -128..127, not x * scale).
      {"cast_s8_f32", cast(activation({1, 4, 16}, i8, "x", 0.1f, 3), f32)},
      {"cast_s16_f32", cast(activation({1, 64}, i16, "x", 0.001f, 0), f32)},
      {"cast_s16_s32", cast(activation({1, 8, 8}, i16, "x", 0.001f, 0), i32)},
      // float -> int32 truncates toward zero (the inputs stay inside int32: beyond, C++ leaves it undefined).
      {"cast_f32_s32", cast(activation({1, 64}, f32, "x"), i32)},
      // SPLIT into three graph outputs; SPLIT_V with an inferred size (-1) on a negative axis; int16.
      {"split_s8_three", split(activation({1, 4, 6, 3}, i8, "x", 0.05f, 9), 2, {2, 2, 2})},
      {"split_v_f32_neg_axis", split(activation({1, 5, 7}, f32, "x"), -1, {2, 4, 1}, {2, -1, 1})},
      {"split_v_s16", split(activation({1, 6, 4}, i16, "x", 0.001f, 0), 1, {1, 5}, {1, 5})},
      // Every type of both ops (docs/ops.md claims only what a TFLM model backs).
      {"split_f32", split(activation({1, 6, 2}, f32, "x"), 1, {2, 2, 2})},
      {"split_s16", split(activation({1, 2, 6}, i16, "x", 0.001f, 0), -1, {3, 3})},
      {"split_v_s8", split(activation({1, 3, 5, 2}, i8, "x", 0.02f, -128), 2, {3, 2}, {-1, 2})},
      // SPACE_TO_DEPTH / DEPTH_TO_SPACE: blocks of 2 and 3, odd channel counts.
      {"space_to_depth_s8", block_op(activation({1, 4, 6, 3}, i8, "x", 0.1f, -1), 2, true)},
      {"space_to_depth_f32", block_op(activation({1, 6, 3, 2}, f32, "x"), 3, true)},
      {"depth_to_space_s8", block_op(activation({1, 2, 3, 12}, i8, "x", 0.1f, 4), 2, false)},
      {"depth_to_space_f32", block_op(activation({1, 3, 2, 9}, f32, "x"), 3, false)},
      // The parts of a SPLIT read by a later op.
      {"split_concat_s8", split_concat_s8()},
  };
}

}  // namespace dataops

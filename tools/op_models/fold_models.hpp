#pragma once
// Small models for ctml-import's import-time folding (issue #11): a PAD / PADV2 before a VALID CONV_2D or
// DEPTHWISE_CONV_2D, folded into the convolution as explicit padding. Written with the fbt builder; TFLM's
// outputs for them are in tests/data/tflm_ops/<name>/ (README there, make_fold_cases.py); importer_test
// checks that the committed .tflite files equal these.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "shapeops_models.hpp"

namespace fold {

constexpr std::int8_t f32 = 0, i32 = 2, i64 = 4, i16 = 7, i8 = 9;
constexpr std::int32_t conv_code = 3, depthwise_code = 4;
constexpr std::uint8_t conv_opts = 1, depthwise_opts = 2;

/// What one PAD -> conv model is made of.
struct pad_conv_case {
  std::int8_t type = i8;
  std::vector<std::int32_t> x_shape;  ///< [1, H, W, C]
  float x_scale = 1.0f;
  std::int64_t x_zero_point = 0;
  std::vector<std::int32_t> pads;  ///< [top, bottom, left, right]
  bool v2 = false;                 ///< PADV2 with the zero point (float: 0) as its value
  bool depthwise = false;
  std::int32_t filters = 1;  ///< conv: filters; depthwise: depth multiplier
  std::int32_t kh = 1, kw = 1, sh = 1, sw = 1, dh = 1, dw = 1;
  std::int8_t act = 0;  ///< TFLite's fused activation
  float y_scale = 1.0f;
  std::int64_t y_zero_point = 0;
  std::uint32_t seed = 1;
};

/// x -> PAD (PADV2) -> CONV_2D / DEPTHWISE_CONV_2D, VALID -> y. Weights from a small LCG over the whole
/// int8 range (float: multiples of 1/64 in [-2, 2)), per-channel scales, biases of both signs.
inline fbt::model_spec pad_conv(const pad_conv_case& c) {
  std::uint32_t s = c.seed;
  const auto next = [&s] {
    s = s * 1664525u + 1013904223u;
    return static_cast<int>(s >> 24) - 128;  // -128..127
  };
  const std::int32_t h = c.x_shape[1], w = c.x_shape[2], ch = c.x_shape[3];
  const std::vector<std::int32_t> paddings{0, 0, c.pads[0], c.pads[1], c.pads[2], c.pads[3], 0, 0};
  std::vector<std::uint8_t> value;
  if (c.v2)
    value = c.type == f32   ? fbt::le_bytes_f32({0.0f})
            : c.type == i16 ? std::vector<std::uint8_t>{0, 0}
                            : fbt::le_bytes_i8({static_cast<int>(c.x_zero_point)});
  fbt::model_spec m =
      shapeops::pad(shapeops::activation(c.x_shape, c.type, "x", c.x_scale, c.x_zero_point), paddings, value);
  m.tensors[1].name = "padded";
  const std::int32_t ph = h + c.pads[0] + c.pads[1], pw = w + c.pads[2] + c.pads[3];
  const std::int32_t oc = c.depthwise ? ch * c.filters : c.filters;
  const std::int32_t oh = (ph - ((c.kh - 1) * c.dh + 1)) / c.sh + 1,
                     ow = (pw - ((c.kw - 1) * c.dw + 1)) / c.sw + 1;
  const std::int32_t n_w = c.depthwise ? c.kh * c.kw * oc : oc * c.kh * c.kw * ch;
  const auto nt = static_cast<std::int32_t>(m.tensors.size());
  const auto nb = static_cast<std::uint32_t>(m.buffers.size());
  fbt::tensor_spec wt{c.depthwise ? std::vector<std::int32_t>{1, c.kh, c.kw, oc}
                                  : std::vector<std::int32_t>{oc, c.kh, c.kw, ch},
                      c.type == f32 ? f32 : i8, nb, "filter", c.type != f32};
  fbt::tensor_spec bt{{oc}, c.type == f32 ? f32 : c.type == i16 ? i64 : i32, nb + 1, "bias", c.type != f32};
  std::vector<int> wv(static_cast<std::size_t>(n_w));
  for (int& v : wv) v = next();
  if (c.type == f32) {
    std::vector<float> wf, bf;
    for (int v : wv) wf.push_back(static_cast<float>(v) / 64.0f);
    for (std::int32_t o = 0; o < oc; ++o) bf.push_back(static_cast<float>(next()) / 32.0f);
    m.buffers.push_back(fbt::le_bytes_f32(wf));
    m.buffers.push_back(fbt::le_bytes_f32(bf));
  } else {
    wt.scale.clear();
    wt.zero_point.clear();
    bt.scale.clear();
    bt.zero_point.clear();
    for (std::int32_t o = 0; o < oc; ++o) {
      const float ws = 0.002f + 0.0007f * static_cast<float>((o * 5) % 7);
      wt.scale.push_back(ws);
      wt.zero_point.push_back(0);
      bt.scale.push_back(ws * c.x_scale);
      bt.zero_point.push_back(0);
    }
    wt.quantized_dimension = c.depthwise ? 3 : 0;
    m.buffers.push_back(fbt::le_bytes_i8(wv));
    std::vector<std::uint8_t> b;
    for (std::int32_t o = 0; o < oc; ++o) {
      const std::int64_t v = std::int64_t{next()} * 97;
      for (int i = 0; i < (c.type == i16 ? 8 : 4); ++i)
        b.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * i)));
    }
    m.buffers.push_back(std::move(b));
  }
  fbt::tensor_spec y = shapeops::activation({1, oh, ow, oc}, c.type, "y", c.y_scale, c.y_zero_point);
  m.tensors.push_back(wt);
  m.tensors.push_back(bt);
  m.tensors.push_back(y);
  m.opcodes.push_back(c.depthwise ? depthwise_code : conv_code);
  fbt::ptr opt = c.depthwise ? fbt::depthwise_options(1, c.sw, c.sh, c.filters, c.act)
                             : fbt::conv_options(1, c.sw, c.sh, c.act, c.dw, c.dh);
  if (c.depthwise) opt->i32(5, c.dw).i32(6, c.dh);
  m.ops.push_back({1, {1, nt, nt + 1}, {nt + 2}, c.depthwise ? depthwise_opts : conv_opts, opt});
  m.outputs = {nt + 2};
  return m;
}

constexpr std::int32_t add_code = 0, mul_code = 18, reshape_code = 22, strided_slice_code = 45,
                       shape_code = 77, pack_code = 83, quantize_code = 114, dequantize_code = 6;
constexpr std::uint8_t add_opts = 11, mul_opts = 21, strided_slice_opts = 32, shape_opts = 55, pack_opts = 59;

/// x int8 [1,3,4] + QUANTIZE(a float constant [4]) -> y: the constant operand folded to int8 (ties of
/// x / scale, both signs, and values that saturate at both ends).
inline fbt::model_spec quantize_const_add_s8() {
  fbt::model_spec m;
  m.opcodes = {quantize_code, add_code};
  m.tensors = {shapeops::activation({1, 3, 4}, i8, "x", 0.05f, -3),
               {{4}, f32, 1, "c", false},
               shapeops::activation({4}, i8, "quantized c", 0.02f, 10),
               shapeops::activation({1, 3, 4}, i8, "y", 0.07f, -5)};
  m.buffers.push_back(
      fbt::le_bytes_f32({0.25f, -0.45f, 3.5f, -2.9f}));  // 12.5, -22.5 (ties); 185, -135 (saturate)
  m.ops = {{0, {1}, {2}, 0, nullptr}, {1, {0, 2}, {3}, add_opts, fbt::add_options(0)}};
  m.inputs = {0};
  m.outputs = {3};
  return m;
}

/// x float [1,2,5] * DEQUANTIZE(an int8 constant [5]) -> y: the constant operand folded to float.
inline fbt::model_spec dequantize_const_mul_f32() {
  fbt::model_spec m;
  m.opcodes = {dequantize_code, mul_code};
  m.tensors = {shapeops::activation({1, 2, 5}, f32, "x"),
               {{5}, i8, 1, "c", true, {0.037f}, {3}},
               shapeops::activation({5}, f32, "dequantized c"),
               shapeops::activation({1, 2, 5}, f32, "y")};
  m.buffers.push_back(fbt::le_bytes_i8({-128, -7, 3, 40, 127}));
  m.ops = {{0, {1}, {2}, 0, nullptr}, {1, {0, 2}, {3}, mul_opts, fbt::add_options(0)}};
  m.inputs = {0};
  m.outputs = {3};
  return m;
}

/// x int8 [1,4,6] -> RESHAPE to PACK(STRIDED_SLICE(SHAPE(x), [0:1], shrink), 24): [1, 24], the shape
/// subgraph TFLite's converter leaves for a Flatten; SHAPE, STRIDED_SLICE and PACK are folded.
inline fbt::model_spec shape_pack_reshape_s8() {
  fbt::model_spec m;
  m.opcodes = {shape_code, strided_slice_code, pack_code, reshape_code};
  m.tensors = {
      shapeops::activation({1, 4, 6}, i8, "x", 0.1f, 7),
      {{3}, i32, 0, "shape", false},
      {{1}, i32, 1, "begin", false},
      {{1}, i32, 2, "end", false},
      {{1}, i32, 3, "strides", false},
      {{}, i32, 0, "batch", false},
      {{}, i32, 4, "features", false},
      {{2}, i32, 0, "new shape", false},
      shapeops::activation({1, 24}, i8, "y", 0.1f, 7),
  };
  m.buffers.push_back(fbt::le_bytes_i32({0}));
  m.buffers.push_back(fbt::le_bytes_i32({1}));
  m.buffers.push_back(fbt::le_bytes_i32({1}));
  m.buffers.push_back(fbt::le_bytes_i32({24}));
  auto shape_opt = fbt::make_table();
  shape_opt->u8(0, static_cast<std::uint8_t>(i32));
  auto slice_opt = fbt::make_table();
  slice_opt->i32(4, 1);  // shrink_axis_mask
  auto pack_opt = fbt::make_table();
  pack_opt->i32(0, 2).i32(1, 0);
  m.ops = {{0, {0}, {1}, shape_opts, shape_opt},
           {1, {1, 2, 3, 4}, {5}, strided_slice_opts, slice_opt},
           {2, {5, 6}, {7}, pack_opts, pack_opt},
           {3, {0, 7}, {8}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {8};
  return m;
}

/// The models by folder name (tests/data/tflm_ops/<name>/<name>.tflite).
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  return {
      // Asymmetric pads on both axes, stride 2; input zero points at both ends of int8 (here and
      // below).
      {"pad_conv_s8", pad_conv({.type = i8,
                                .x_shape = {1, 7, 6, 3},
                                .x_scale = 0.05f,
                                .x_zero_point = -128,
                                .pads = {2, 1, 0, 3},
                                .filters = 5,
                                .kh = 3,
                                .kw = 3,
                                .sh = 2,
                                .sw = 2,
                                .y_scale = 0.1f,
                                .y_zero_point = 10,
                                .seed = 11})},
      // PADV2 with the zero point (127) as value, depthwise with multiplier 2, dilation, stride (1, 2).
      {"padv2_dw_s8", pad_conv({.type = i8,
                                .x_shape = {1, 5, 8, 4},
                                .x_scale = 0.03f,
                                .x_zero_point = 127,
                                .pads = {1, 0, 3, 2},
                                .v2 = true,
                                .depthwise = true,
                                .filters = 2,
                                .kh = 3,
                                .kw = 2,
                                .sh = 1,
                                .sw = 2,
                                .dh = 2,
                                .dw = 1,
                                .y_scale = 0.06f,
                                .y_zero_point = -20,
                                .seed = 12})},
      // Bottom / right padding only, 1x1: the windows of the last row and column are all padding.
      {"pad_conv1x1_s8", pad_conv({.type = i8,
                                   .x_shape = {1, 4, 5, 8},
                                   .x_scale = 0.1f,
                                   .x_zero_point = 5,
                                   .pads = {0, 2, 0, 1},
                                   .filters = 6,
                                   .y_scale = 0.05f,
                                   .y_zero_point = -9,
                                   .seed = 13})},
      // int16 (16x8): dilated conv, RELU6.
      {"pad_conv_s16", pad_conv({.type = i16,
                                 .x_shape = {1, 6, 5, 2},
                                 .x_scale = 0.0004f,
                                 .pads = {1, 2, 2, 1},
                                 .filters = 3,
                                 .kh = 2,
                                 .kw = 3,
                                 .dh = 2,
                                 .dw = 1,
                                 .act = 3,
                                 .y_scale = 0.0003f,
                                 .seed = 14})},
      // float: PADV2 with 0.0, depthwise.
      {"padv2_dw_f32", pad_conv({.type = f32,
                                 .x_shape = {1, 4, 4, 3},
                                 .pads = {1, 1, 2, 0},
                                 .v2 = true,
                                 .depthwise = true,
                                 .filters = 1,
                                 .kh = 3,
                                 .kw = 3,
                                 .seed = 15})},
      // float: PAD, conv stride 2.
      {"pad_conv_f32", pad_conv({.type = f32,
                                 .x_shape = {1, 5, 6, 2},
                                 .pads = {0, 1, 1, 1},
                                 .filters = 4,
                                 .kh = 3,
                                 .kw = 2,
                                 .sh = 2,
                                 .sw = 1,
                                 .seed = 16})},
      // Constant subgraphs computed at import time.
      {"quantize_const_add_s8", quantize_const_add_s8()},
      {"dequantize_const_mul_f32", dequantize_const_mul_f32()},
      {"shape_pack_reshape_s8", shape_pack_reshape_s8()},
  };
}

}  // namespace fold

#pragma once
// int16x8 (TFLite's 16x8: int16 activations with zero point 0, int8 symmetric weights, int64 bias)
// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, and TRANSPOSE_CONV (int8, int16x8, float), written with
// the fbt builder. TFLM's outputs for them are in tests/data/tflm_ops/*_s16 and transpose_conv_* (README
// there, make_inputs_int16_conv.py); importer_test builds its int16x8 refusals from act() and these.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tflite_builder.hpp"

namespace int16_conv {

inline constexpr std::int8_t int16_type = 7, int64_type = 4, int8_type = 9, int32_type = 2;

/// Deterministic weights: xorshift32 (13, 17, 5), values in [-127, 127] (symmetric int8).
inline std::vector<int> weights_from(std::uint32_t seed, std::size_t n) {
  std::vector<int> w;
  for (std::size_t i = 0; i < n; ++i) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    w.push_back(static_cast<int>(seed % 255u) - 127);
  }
  return w;
}

using fbt::le_bytes_i64;

/// An int16 activation tensor (zero point 0).
inline fbt::tensor_spec act(std::vector<std::int32_t> shape, float scale, const char* name) {
  return {std::move(shape), int16_type, 0, name, true, {scale}, {0}};
}

/// One weighted op on int16 activations: tensors input 0, filter 1 (buffer 1), bias 2 (buffer 2), output 3.
inline fbt::model_spec one_op(std::int32_t builtin, fbt::tensor_spec in, fbt::tensor_spec filter,
                              const std::vector<std::int64_t>& bias, fbt::tensor_spec out,
                              std::uint8_t options_type, fbt::ptr options, std::uint32_t seed) {
  fbt::model_spec m;
  m.opcodes = {builtin};
  std::size_t n = 1;
  for (auto d : filter.shape) n *= static_cast<std::size_t>(d);
  filter.type = int8_type;
  filter.buffer = 1;
  filter.zero_point.assign(filter.scale.size(), 0);
  fbt::tensor_spec b{{static_cast<std::int32_t>(bias.size())}, int64_type, 2, "bias", true, {}, {}};
  for (float s : filter.scale) b.scale.push_back(s * in.scale[0]);
  b.zero_point.assign(b.scale.size(), 0);
  m.tensors = {in, filter, b, out};
  m.buffers.push_back(fbt::le_bytes_i8(weights_from(seed, n)));
  m.buffers.push_back(le_bytes_i64(bias));
  m.ops = {{0, {0, 1, 2}, {3}, options_type, std::move(options)}};
  m.inputs = {0};
  m.outputs = {3};
  return m;
}

inline fbt::ptr depthwise_options(std::int8_t padding, int sw, int sh, int multiplier, std::int8_t act,
                                  int dw, int dh) {
  fbt::ptr t = fbt::depthwise_options(padding, sw, sh, multiplier, act);
  t->i32(5, dw).i32(6, dh);
  return t;
}

inline constexpr std::int8_t same = 0, valid = 1;  // TFLite's Padding
inline constexpr std::int8_t none = 0, relu = 1, relu_n1_to_1 = 2, relu6 = 3;

/// The int16x8 op models of tests/data/tflm_ops, by folder name. Edge cases: odd channel counts,
/// SAME and VALID, strides, dilation, depth multiplier, per-channel and per-tensor scales, every
/// fused activation, int64 biases beyond int32 (channels pinned at -32768 and 32767), a dense input
/// of 300 features flattened from rank 4.
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  std::vector<std::pair<std::string, fbt::model_spec>> models;
  // CONV_2D 3x3, SAME, stride 2x1, 3 -> 5 channels, per-channel scales, no activation; channel 3's
  // bias is 2^33 and channel 2's -3e9 (int64 only), so they saturate at 32767 and -32768.
  models.emplace_back(
      "conv2d_same_s16",
      one_op(3, act({1, 7, 9, 3}, 0.0005f, "x"),
             {{5, 3, 3, 3}, int8_type, 1, "filter", true, {0.004f, 0.0021f, 0.0113f, 0.0007f, 0.03f}, {}, 0},
             {0, 123456, -3000000000LL, 8589934592LL, -40000}, act({1, 4, 9, 5}, 0.001f, "y"), 1,
             fbt::conv_options(same, 1, 2, none), 11));
  // CONV_2D 2x3, VALID, stride 1x2, dilation 2x2, 5 -> 3 channels, per-tensor scale, RELU.
  models.emplace_back(
      "conv2d_valid_dilated_s16",
      one_op(3, act({1, 9, 8, 5}, 0.001f, "x"), {{3, 2, 3, 5}, int8_type, 1, "filter", true, {0.01f}, {}, 0},
             {1000, -1000, 0}, act({1, 7, 2, 3}, 0.05f, "y"), 1, fbt::conv_options(valid, 2, 1, relu, 2, 2),
             12));
  // CONV_2D 1x1, SAME, stride 2x2, 17 -> 7 channels, RELU6 (bound 6 / 0.0002 = 30000 inside int16).
  models.emplace_back("conv2d_1x1_relu6_s16",
                      one_op(3, act({1, 3, 5, 17}, 0.0004f, "x"),
                             {{7, 1, 1, 17},
                              int8_type,
                              1,
                              "filter",
                              true,
                              {0.002f, 0.004f, 0.001f, 0.0005f, 0.003f, 0.0025f, 0.0015f},
                              {},
                              0},
                             {0, 1, -1, 5000, -5000, 70000, -70000}, act({1, 2, 3, 7}, 0.0002f, "y"), 1,
                             fbt::conv_options(same, 2, 2, relu6), 13));
  // DEPTHWISE_CONV_2D 3x3, SAME, stride 2x2, depth multiplier 2 (3 -> 6), per-channel, RELU_N1_TO_1.
  models.emplace_back(
      "depthwise_s16",
      one_op(
          4, act({1, 6, 7, 3}, 0.0007f, "x"),
          {{1, 3, 3, 6}, int8_type, 1, "filter", true, {0.01f, 0.02f, 0.005f, 0.03f, 0.015f, 0.001f}, {}, 3},
          {0, 300, -300, 100000, -2500000000LL, 7}, act({1, 3, 4, 6}, 0.0001f, "y"), 2,
          depthwise_options(same, 2, 2, 2, relu_n1_to_1, 1, 1), 14));
  // DEPTHWISE_CONV_2D 3x2, VALID, dilation 2x2, 5 channels, per-tensor, no activation.
  models.emplace_back(
      "depthwise_valid_dilated_s16",
      one_op(4, act({1, 8, 6, 5}, 0.002f, "x"), {{1, 3, 2, 5}, int8_type, 1, "filter", true, {0.02f}, {}, 3},
             {-7, 0, 7, 20000, -20000}, act({1, 4, 4, 5}, 0.004f, "y"), 2,
             depthwise_options(valid, 1, 1, 1, none, 2, 2), 15));
  // FULLY_CONNECTED 37 -> 7 units, per-channel scales, RELU.
  models.emplace_back("dense_per_channel_s16",
                      one_op(9, act({1, 37}, 0.0003f, "x"),
                             {{7, 37},
                              int8_type,
                              1,
                              "weights",
                              true,
                              {0.01f, 0.02f, 0.003f, 0.04f, 0.005f, 0.006f, 0.0007f},
                              {},
                              0},
                             {0, 10, -10, 1000, -1000, 4000000000LL, -4000000000LL}, act({1, 7}, 0.002f, "y"),
                             8, fbt::fc_options(relu), 16));
  // FULLY_CONNECTED over a [1,2,3,50] input (300 features, flattened), 9 units, per-tensor scale, a
  // small output scale: most outputs saturate on full-range inputs.
  models.emplace_back(
      "dense_flatten_s16",
      one_op(9, act({1, 2, 3, 50}, 0.0001f, "x"), {{9, 300}, int8_type, 1, "weights", true, {0.005f}, {}, 0},
             {0, 1, 2, 3, 4, 5, 6, 7, 8}, act({1, 9}, 0.0005f, "y"), 8, fbt::fc_options(none), 17));
  return models;
}

/// TRANSPOSE_CONV with a constant output_shape: tensors output_shape 0 (buffer 1), filter 1 (buffer
/// 2), input 2, output 3, bias 4 (buffer 3) when `bias` is not empty. `t` is the activation type
/// (9 int8, 7 int16, 0 float); float models take `float_weights`.
inline fbt::model_spec transpose_conv(std::int8_t t, fbt::tensor_spec in, fbt::tensor_spec filter,
                                      fbt::tensor_spec out, std::int8_t padding, int sw, int sh,
                                      std::int8_t act, const std::vector<std::int64_t>& bias,
                                      std::uint32_t seed) {
  fbt::model_spec m;
  m.opcodes = {67};
  std::size_t n = 1;
  for (auto d : filter.shape) n *= static_cast<std::size_t>(d);
  const bool q = t != 0;
  in.type = out.type = t;
  in.quantized = out.quantized = q;
  filter.type = q ? int8_type : std::int8_t{0};
  filter.quantized = q;
  filter.buffer = 2;
  filter.zero_point.assign(filter.scale.size(), 0);
  fbt::tensor_spec shape{{4}, int32_type, 1, "output_shape", false};
  m.tensors = {shape, filter, in, out};
  m.buffers.push_back(fbt::le_bytes_i32(out.shape));
  const std::vector<int> w = weights_from(seed, n);
  if (q) {
    m.buffers.push_back(fbt::le_bytes_i8(w));
  } else {
    std::vector<float> wf;
    for (int v : w) wf.push_back(static_cast<float>(v) / 64.0f);
    m.buffers.push_back(fbt::le_bytes_f32(wf));
  }
  std::vector<std::int32_t> inputs{0, 1, 2};
  if (!bias.empty()) {
    fbt::tensor_spec b{{static_cast<std::int32_t>(bias.size())},
                       t == 7 ? int64_type
                       : q    ? int32_type
                              : std::int8_t{0},
                       3,
                       "bias",
                       q,
                       {},
                       {}};
    for (float sc : filter.scale) b.scale.push_back(sc * in.scale[0]);
    b.zero_point.assign(b.scale.size(), 0);
    m.tensors.push_back(b);
    if (t == 7) {
      m.buffers.push_back(le_bytes_i64(bias));
    } else if (q) {
      m.buffers.push_back(fbt::le_bytes_i32(std::vector<std::int32_t>(bias.begin(), bias.end())));
    } else {
      std::vector<float> bf;
      for (auto v : bias) bf.push_back(static_cast<float>(v) / 8.0f);
      m.buffers.push_back(fbt::le_bytes_f32(bf));
    }
    inputs.push_back(4);
  }
  auto o = fbt::make_table();
  o->u8(0, static_cast<std::uint8_t>(padding)).i32(1, sw).i32(2, sh).u8(3, static_cast<std::uint8_t>(act));
  m.ops = {{0, inputs, {3}, 49, o}};
  m.inputs = {2};
  m.outputs = {3};
  return m;
}

/// The TRANSPOSE_CONV op models of tests/data/tflm_ops (transpose_conv_*): int8, int16x8 and float;
/// SAME and VALID, strides, an output larger than the VALID minimum (a row only the bias reaches),
/// no bias, per-channel and per-tensor scales, fused activations.
inline std::vector<std::pair<std::string, fbt::model_spec>> transpose_conv_models() {
  const fbt::tensor_spec f32{};
  auto f = [](std::vector<std::int32_t> shape) {
    fbt::tensor_spec t{};
    t.shape = std::move(shape);
    return t;
  };
  std::vector<std::pair<std::string, fbt::model_spec>> models;
  // int8 3x3, SAME, stride 2x2, 5 -> 6 channels, per-channel, asymmetric input and output, RELU.
  models.emplace_back(
      "transpose_conv_same_s8",
      transpose_conv(int8_type, {{1, 3, 4, 5}, 0, 0, "x", true, {0.05f}, {-7}},
                     {{6, 3, 3, 5}, 0, 0, "filter", true, {0.01f, 0.02f, 0.005f, 0.03f, 0.015f, 0.008f}},
                     {{1, 6, 8, 6}, 0, 0, "y", true, {0.2f}, {10}}, same, 2, 2, relu,
                     {0, 100, -100, 5000, -5000, 77}, 21));
  // int8 2x3, VALID, stride 2x1 (sw 1, sh 2), per-tensor, no bias; output 9 rows where VALID's
  // minimum is 8: the last row comes from the taps of the last input row only partly.
  models.emplace_back(
      "transpose_conv_valid_s8",
      transpose_conv(int8_type, {{1, 4, 3, 2}, 0, 0, "x", true, {0.1f}, {3}},
                     {{3, 2, 3, 2}, 0, 0, "filter", true, {0.02f}},
                     {{1, 9, 5, 3}, 0, 0, "y", true, {0.15f}, {-20}}, valid, 1, 2, none, {}, 22));
  // int16x8 2x3, SAME, stride 2x2, 3 -> 4 channels, per-channel, int64 biases beyond int32, RELU.
  models.emplace_back("transpose_conv_same_s16",
                      transpose_conv(int16_type, {{1, 3, 5, 3}, 0, 0, "x", true, {0.001f}, {0}},
                                     {{4, 2, 3, 3}, 0, 0, "filter", true, {0.01f, 0.004f, 0.02f, 0.007f}},
                                     {{1, 6, 10, 4}, 0, 0, "y", true, {0.002f}, {0}}, same, 2, 2, relu,
                                     {0, 5000000000LL, -5000000000LL, 12345}, 23));
  // float 3x3, SAME, stride 2x2, 4 -> 5 channels, RELU6.
  models.emplace_back("transpose_conv_f32",
                      transpose_conv(0, f({1, 3, 3, 4}), f({5, 3, 3, 4}), f({1, 6, 6, 5}), same, 2, 2, relu6,
                                     {1, -2, 3, -4, 5}, 24));
  (void)f32;
  return models;
}

}  // namespace int16_conv

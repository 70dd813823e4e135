#pragma once
// The first small op models (issue #11), written with the fbt builder: float input and output around
// int8 (QUANTIZE / DEQUANTIZE), element-wise activations in int8 and float, SQUEEZE / EXPAND_DIMS, a
// float CNN through every float op, MAX_POOL_2D cut by the border, a dense layer above the compilers'
// constexpr limits. TFLM's outputs for them are in tests/data/tflm_ops/<name>/ (README there);
// importer_test also builds its negative cases from tiny_dense().

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tflite_builder.hpp"

namespace basic {

// A tiny valid int8 model: input [1,4] -> FULLY_CONNECTED (2 units) -> SOFTMAX.
inline fbt::model_spec tiny_dense() {
  fbt::model_spec m;
  m.opcodes = {9, 25};
  m.tensors = {
      {{1, 4}, 9, 0, "input", true, {0.5f}, {3}},
      {{2, 4}, 9, 1, "weights", true, {0.125f}, {0}},
      {{2}, 2, 2, "bias", true, {0.0625f}, {0}},
      {{1, 2}, 9, 0, "logits", true, {0.25f}, {-1}},
      {{1, 2}, 9, 0, "probs", true, {1.0f / 256.0f}, {-128}},
  };
  m.buffers.push_back(fbt::le_bytes_i8({1, -2, 3, -4, 5, -6, 7, -128}));
  m.buffers.push_back(fbt::le_bytes_i32({100, -100}));
  m.ops = {{0, {0, 1, 2}, {3}, 8, fbt::fc_options()}, {1, {3}, {4}, 9, fbt::softmax_options()}};
  m.inputs = {0};
  m.outputs = {4};
  return m;
}

// The TFLite converter's default: float input -> QUANTIZE -> FULLY_CONNECTED -> SOFTMAX ->
// DEQUANTIZE -> float output.
inline fbt::model_spec float_io() {
  fbt::model_spec m = tiny_dense();
  m.opcodes = {114, 9, 25, 6};  // QUANTIZE, FULLY_CONNECTED, SOFTMAX, DEQUANTIZE
  m.tensors = {
      {{1, 4}, 0, 0, "features", false},
      {{1, 4}, 9, 0, "features_q", true, {0.5f}, {3}},
      {{2, 4}, 9, 1, "weights", true, {0.125f}, {0}},
      {{2}, 2, 2, "bias", true, {0.0625f}, {0}},
      {{1, 2}, 9, 0, "logits", true, {0.25f}, {-1}},
      {{1, 2}, 9, 0, "probs_q", true, {1.0f / 256.0f}, {-128}},
      {{1, 2}, 0, 0, "probs", false},
  };
  m.ops = {{0, {0}, {1}, 0, nullptr},
           {1, {1, 2, 3}, {4}, 8, fbt::fc_options()},
           {2, {4}, {5}, 9, fbt::softmax_options()},
           {3, {5}, {6}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {6};
  return m;
}

// float [1,64] -> QUANTIZE (scale 0.5, zero point 3) -> DEQUANTIZE -> float: the output shows
// every quantized value. With `requant`, int8 [1,64] (0.3, -7) -> QUANTIZE to (0.11, 5) -> int8.
inline fbt::model_spec quantize_only(bool requant) {
  fbt::model_spec m;
  m.opcodes = {114, 6};
  m.buffers = {{}};
  if (requant) {
    m.tensors = {{{1, 64}, 9, 0, "x", true, {0.3f}, {-7}}, {{1, 64}, 9, 0, "y", true, {0.11f}, {5}}};
    m.ops = {{0, {0}, {1}, 0, nullptr}};
    m.outputs = {1};
  } else {
    m.tensors = {
        {{1, 64}, 0, 0, "x", false}, {{1, 64}, 9, 0, "x_q", true, {0.5f}, {3}}, {{1, 64}, 0, 0, "y", false}};
    m.ops = {{0, {0}, {1}, 0, nullptr}, {1, {1}, {2}, 0, nullptr}};
    m.outputs = {2};
  }
  m.inputs = {0};
  return m;
}

// One element-wise op on [1,256]: `type` 9 int8 (quantizations `in`, `out`) or 0 float.
inline fbt::model_spec unary(std::int32_t builtin, std::int8_t type, fbt::tensor_spec in,
                             fbt::tensor_spec out) {
  fbt::model_spec m;
  m.opcodes = {builtin};
  in.shape = out.shape = {1, 256};
  in.type = out.type = type;
  in.quantized = out.quantized = type == 9;
  in.name = "x";
  out.name = "y";
  m.tensors = {in, out};
  m.ops = {{0, {0}, {1}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

// [1,1,1,64] int8 -> SQUEEZE (dims 1, 2) -> [1,64] -> RELU -> EXPAND_DIMS (axis 1) -> [1,1,64].
inline fbt::model_spec squeeze_relu_expand() {
  fbt::model_spec m;
  m.opcodes = {43, 19, 70};
  m.tensors = {{{1, 1, 1, 64}, 9, 0, "x", true, {0.05f}, {-20}},
               {{1, 64}, 9, 0, "squeezed", true, {0.05f}, {-20}},
               {{1, 64}, 9, 0, "relu", true, {0.05f}, {-20}},
               {{1}, 2, 1, "axis", false},
               {{1, 1, 64}, 9, 0, "y", true, {0.05f}, {-20}}};
  m.buffers.push_back(fbt::le_bytes_i32({1}));
  auto squeeze = fbt::make_table();
  squeeze->child(0, fbt::make_i32s({1, 2}));
  m.ops = {{0, {0}, {1}, 30, squeeze}, {1, {1}, {2}, 0, nullptr}, {2, {2, 3}, {4}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {4};
  return m;
}

// A float CNN through every float op ctml-import lists: [1,8,8,3] -> CONV_2D 3x3 SAME (8) -> RELU;
// ADD(conv, relu) -> DEPTHWISE_CONV_2D 3x3 VALID stride 2, RELU6 -> MAX_POOL_2D 2x2 -> AVERAGE_POOL_2D
// 2x2 stride 2 -> SQUEEZE -> FULLY_CONNECTED (4) -> EXPAND_DIMS -> RESHAPE -> SOFTMAX -> [1,4].
inline fbt::model_spec float_cnn() {
  fbt::model_spec m;
  m.opcodes = {3, 19, 0, 4, 17, 1, 43, 9, 70, 22, 25};
  auto f = [](std::vector<std::int32_t> shape, std::uint32_t buffer, const char* name) {
    return fbt::tensor_spec{std::move(shape), 0, buffer, name, false};
  };
  m.tensors = {f({1, 8, 8, 3}, 0, "x"),     f({8, 3, 3, 3}, 1, "conv w"),
               f({8}, 2, "conv b"),         f({1, 8, 8, 8}, 0, "conv"),
               f({1, 8, 8, 8}, 0, "relu"),  f({1, 8, 8, 8}, 0, "sum"),
               f({1, 3, 3, 8}, 3, "dw w"),  f({8}, 4, "dw b"),
               f({1, 3, 3, 8}, 0, "dw"),    f({1, 2, 2, 8}, 0, "max"),
               f({1, 1, 1, 8}, 0, "avg"),   f({1, 8}, 0, "squeezed"),
               f({4, 8}, 5, "fc w"),        f({4}, 6, "fc b"),
               f({1, 4}, 0, "fc"),          {{1}, 2, 7, "axis", false},
               f({1, 1, 4}, 0, "expanded"), f({1, 4}, 0, "flat"),
               f({1, 4}, 0, "probs")};
  // Weights of both signs, not symmetric, so that RELU, RELU6 and the pools each change values. Small
  // integers times a power of two: exact in float, so no compiler's contraction or folding changes them.
  auto values = [](std::size_t n, std::size_t step, int center, float power_of_two) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i)
      v[i] = static_cast<float>(static_cast<int>(i * step % 29) - center) * power_of_two;
    return v;
  };
  m.buffers.push_back(fbt::le_bytes_f32(values(216, 7, 12, 0.0625f)));
  m.buffers.push_back(fbt::le_bytes_f32(values(8, 3, 5, 0.125f)));
  m.buffers.push_back(fbt::le_bytes_f32(values(72, 11, 12, 0.03125f)));
  m.buffers.push_back(fbt::le_bytes_f32(values(8, 5, 5, 0.25f)));
  m.buffers.push_back(fbt::le_bytes_f32(values(32, 13, 14, 0.0625f)));
  m.buffers.push_back(fbt::le_bytes_f32({0.25f, -0.5f, 0.0f, 1.0f}));
  m.buffers.push_back(fbt::le_bytes_i32({1}));
  auto squeeze = fbt::make_table();
  squeeze->child(0, fbt::make_i32s({1, 2}));
  m.ops = {{0, {0, 1, 2}, {3}, 1, fbt::conv_options(0, 1, 1, 0)},
           {1, {3}, {4}, 0, nullptr},
           {2, {3, 4}, {5}, 11, fbt::add_options(0)},
           {3, {5, 6, 7}, {8}, 2, fbt::depthwise_options(1, 2, 2, 1, 3)},
           {4, {8}, {9}, 5, fbt::pool_options(1, 1, 1, 2, 2)},
           {5, {9}, {10}, 5, fbt::pool_options(1, 2, 2, 2, 2)},
           {6, {10}, {11}, 30, squeeze},
           {7, {11, 12, 13}, {14}, 8, fbt::fc_options()},
           {8, {14, 15}, {16}, 0, nullptr},
           {9, {16}, {17}, 0, nullptr},
           {10, {17}, {18}, 9, fbt::softmax_options(1.0f)}};
  m.inputs = {0};
  m.outputs = {18};
  return m;
}

// int8 [1,6,6,5] -> MAX_POOL_2D 3x3 stride 2 SAME, fused RELU -> [1,3,3,5] (windows cut by the border).
inline fbt::model_spec maxpool_s8() {
  fbt::model_spec m;
  m.opcodes = {17};
  m.tensors = {{{1, 6, 6, 5}, 9, 0, "x", true, {0.05f}, {-20}},
               {{1, 3, 3, 5}, 9, 0, "y", true, {0.05f}, {-20}}};
  m.ops = {{0, {0}, {1}, 5, fbt::pool_options(0, 2, 2, 3, 3, 1)}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

// int8 [1,512] (0.05, 3) -> FULLY_CONNECTED 600 units (307,200 weights, per tensor) -> [1,600] (0.3, -4): a
// layer above the compilers' default constexpr limits for a loop over its weights (docs/importer.md,
// "Large models"). Weights and biases from a fixed linear congruential generator.
inline fbt::model_spec dense_large_s8() {
  constexpr int units = 600, in = 512;
  std::uint32_t state = 20261207u;
  auto next = [&state](int lo, int hi) {
    state = state * 1664525u + 1013904223u;
    return lo + static_cast<int>((state >> 8) % static_cast<std::uint32_t>(hi - lo + 1));
  };
  std::vector<int> w(static_cast<std::size_t>(units * in));
  for (int& v : w) v = next(-127, 127);
  std::vector<std::int32_t> b(static_cast<std::size_t>(units));
  for (std::int32_t& v : b) v = next(-20000, 20000);
  fbt::model_spec m;
  m.opcodes = {9};
  m.tensors = {
      {{1, in}, 9, 0, "x", true, {0.05f}, {3}},
      {{units, in}, 9, 1, "weights", true, {0.004f}, {0}},
      {{units}, 2, 2, "bias", true, {0.0002f}, {0}},
      {{1, units}, 9, 0, "y", true, {0.3f}, {-4}},
  };
  m.buffers.push_back(fbt::le_bytes_i8(w));
  m.buffers.push_back(fbt::le_bytes_i32(b));
  m.ops = {{0, {0, 1, 2}, {3}, 8, fbt::fc_options()}};
  m.inputs = {0};
  m.outputs = {3};
  return m;
}

/// The small models whose TFLM outputs are in tests/data/tflm_ops, by folder name.
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  const fbt::tensor_spec f32{};
  return {
      {"float_io", float_io()},
      {"quantize_roundtrip", quantize_only(false)},
      {"requantize", quantize_only(true)},
      {"relu_s8", unary(19, 9, {{}, 9, 0, "", true, {0.05f}, {-20}}, {{}, 9, 0, "", true, {0.05f}, {-20}})},
      {"relu6_s8",
       unary(21, 9, {{}, 9, 0, "", true, {0.05f}, {-100}}, {{}, 9, 0, "", true, {0.05f}, {-100}})},
      {"logistic_s8",
       unary(14, 9, {{}, 9, 0, "", true, {0.1f}, {5}}, {{}, 9, 0, "", true, {1.0f / 256.0f}, {-128}})},
      {"tanh_s8",
       unary(28, 9, {{}, 9, 0, "", true, {0.05f}, {-3}}, {{}, 9, 0, "", true, {1.0f / 128.0f}, {0}})},
      {"relu6_f32", unary(21, 0, f32, f32)},
      {"logistic_f32", unary(14, 0, f32, f32)},
      {"tanh_f32", unary(28, 0, f32, f32)},
      {"squeeze_relu_expand", squeeze_relu_expand()},
      {"float_cnn", float_cnn()},
      {"maxpool_s8", maxpool_s8()},
      {"dense_large_s8", dense_large_s8()},
  };
}

}  // namespace basic

#pragma once
// Small models for int16 LOGISTIC and TANH (issue #11), written with the fbt builder. TFLM's outputs
// for them are in tests/data/tflm_ops/<name>/ (README there, make_ops3_cases.py); importer_test checks
// that the committed .tflite files equal these.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "opsmath_models.hpp"

namespace ops3 {

constexpr std::int32_t logistic_code = 14, tanh_code = 28, resize_nearest_neighbor_code = 97;
constexpr std::uint8_t resize_nearest_neighbor_opts = 74;
constexpr std::int32_t gather_code = 36;
constexpr std::uint8_t gather_opts = 23;

/// x -> GATHER of the constant `indices` along `axis` (TFLite's, batch included) -> y, quantized like x.
inline fbt::model_spec gather(fbt::tensor_spec x, std::int32_t axis,
                              const std::vector<std::int32_t>& indices) {
  fbt::model_spec m;
  m.opcodes = {gather_code};
  fbt::tensor_spec y = x;
  y.name = "y";
  const auto rank = static_cast<std::int32_t>(x.shape.size());
  y.shape[static_cast<std::size_t>(axis < 0 ? axis + rank : axis)] =
      static_cast<std::int32_t>(indices.size());
  m.tensors = {x, y, {{static_cast<std::int32_t>(indices.size())}, opsmath::i32, 1, "indices", false}};
  m.buffers.push_back(fbt::le_bytes_i32(indices));
  auto opt = fbt::make_table();
  opt->i32(0, axis);
  m.ops = {{0, {0, 2}, {1}, gather_opts, opt}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// x -> RESIZE_NEAREST_NEIGHBOR to a constant (h, w) -> y, quantized like x.
inline fbt::model_spec resize(fbt::tensor_spec x, std::int32_t h, std::int32_t w, bool align_corners = false,
                              bool half_pixel_centers = false) {
  fbt::model_spec m;
  m.opcodes = {resize_nearest_neighbor_code};
  fbt::tensor_spec y = x;
  y.name = "y";
  y.shape = {x.shape[0], h, w, x.shape[3]};
  m.tensors = {x, y, {{2}, opsmath::i32, 1, "size", false}};
  m.buffers.push_back(fbt::le_bytes_i32({h, w}));
  auto opt = fbt::make_table();
  opt->u8(0, align_corners ? 1 : 0);
  opt->u8(1, half_pixel_centers ? 1 : 0);
  m.ops = {{0, {0, 2}, {1}, resize_nearest_neighbor_opts, opt}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// The models by folder name (tests/data/tflm_ops/<name>/<name>.tflite).
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  // int16 x of scale `scale` (zero point 0) -> op -> Q0.15 y.
  const auto s16 = [](std::int32_t code, float scale) {
    return opsmath::hard_swish(opsmath::activation({1, 2048}, opsmath::i16, "x", scale, 0), 1.0f / 32768.0f,
                               0, code);
  };
  // Every input scale kind TFLite Micro distinguishes: the power of two its table takes directly (2^-12;
  // for TANH also 2^-11: multiplier 3 << shift), another power of two (the general path, exact), other
  // scales (the multiplier truncated), the largest (saturating, no shift) and a tiny one (shift 31).
  return {
      {"logistic_s16_pot", s16(logistic_code, 1.0f / 4096.0f)},
      {"logistic_s16_pot10", s16(logistic_code, 1.0f / 1024.0f)},
      {"logistic_s16", s16(logistic_code, 0.0005f)},
      {"logistic_s16_wide", s16(logistic_code, 2.5f)},
      {"logistic_s16_tiny", s16(logistic_code, 1e-9f)},
      {"tanh_s16_pot", s16(tanh_code, 1.0f / 4096.0f)},
      {"tanh_s16_pot11", s16(tanh_code, 1.0f / 2048.0f)},
      {"tanh_s16_pot9", s16(tanh_code, 1.0f / 512.0f)},
      {"tanh_s16", s16(tanh_code, 0.0013f)},
      {"tanh_s16_wide", s16(tanh_code, 2.0f)},
      // RESIZE_NEAREST_NEIGHBOR: up and down by ratios that are not integers, align_corners (also to a
      // single pixel), half_pixel_centers, both; int8, int16, float.
      {"resize_nn_s8", resize(opsmath::activation({1, 3, 4, 5}, opsmath::i8, "x", 0.1f, -3), 7, 9)},
      {"resize_nn_s8_align",
       resize(opsmath::activation({1, 5, 6, 3}, opsmath::i8, "x", 0.05f, 127), 3, 11, true)},
      {"resize_nn_s8_one", resize(opsmath::activation({1, 4, 4, 2}, opsmath::i8, "x", 0.05f, 0), 1, 1, true)},
      {"resize_nn_s16_half",
       resize(opsmath::activation({1, 4, 3, 2}, opsmath::i16, "x", 0.001f, 0), 9, 5, false, true)},
      {"resize_nn_f32_down", resize(opsmath::activation({1, 8, 7, 3}, opsmath::f32, "x"), 3, 5)},
      // GATHER: the last axis (negative), a middle axis, repeats, out of order; int8 and float.
      {"gather_s8_last",
       gather(opsmath::activation({1, 3, 4, 6}, opsmath::i8, "x", 0.1f, -7), -1, {5, 0, 5, 2})},
      {"gather_s8_axis1",
       gather(opsmath::activation({1, 5, 3}, opsmath::i8, "x", 0.02f, 100), 1, {4, 1, 1, 0, 3, 2})},
      {"gather_f32_axis2", gather(opsmath::activation({1, 2, 7, 3}, opsmath::f32, "x"), 2, {6, 3})},
      {"resize_nn_f32_align_half",
       resize(opsmath::activation({1, 6, 5, 2}, opsmath::f32, "x"), 4, 13, true, true)},
  };
}

}  // namespace ops3

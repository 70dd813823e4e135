#pragma once
// Small SVDF models (issue #12), written with the fbt builder: int8 with int16 or int8 state, float
// with each fused activation, ranks 1 to 3, odd feature and unit counts, memory sizes 1 to 9. TFLM's
// outputs for them (several frames through one interpreter) are in tests/data/tflm_ops/<name>/
// (README there); importer_test checks that the committed .tflite files equal these.

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tflite_builder.hpp"

namespace svdf_models {

constexpr std::int8_t f32 = 0, i32 = 2, i16 = 7, i8 = 9;
constexpr std::int32_t svdf_code = 27;
constexpr std::uint8_t svdf_opts = 6;

/// xorshift32 (13, 17, 5) from `seed`: n values in [-127, 127].
inline std::vector<int> ints(std::uint32_t seed, std::size_t n, int range = 127) {
  std::vector<int> v;
  for (std::size_t i = 0; i < n; ++i) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    v.push_back(static_cast<int>(seed % static_cast<std::uint32_t>(2 * range + 1)) - range);
  }
  return v;
}

struct svdf_case {
  int features, units, rank, memory;
  std::int8_t act;        // TFLite's fused activation: 0 none, 1 relu, 2 relu_n1_to_1, 3 relu6
  std::int8_t state;      // int8 models: i16 or i8; float models: f32
  std::int64_t input_zp;  // int8 models
  std::int64_t state_zp;  // int8 state only
  std::int64_t output_zp;
  std::uint32_t seed;
};

using fbt::le_bytes_i16;

/// x [1, F] -> SVDF -> y [1, units]; tensors x 0, feature 1, time 2, bias 3, state 4, y 5.
inline fbt::model_spec svdf(const svdf_case& c) {
  fbt::model_spec m;
  m.opcodes = {svdf_code};
  const int filters = c.units * c.rank;
  const bool q = c.state != f32;
  const auto n_f = static_cast<std::size_t>(filters * c.features);
  const auto n_t = static_cast<std::size_t>(filters * c.memory);
  if (!q) {
    auto uniform = [](std::uint32_t seed, std::size_t n, float scale) {
      std::vector<float> v;
      for (int x : ints(seed, n, 1000)) v.push_back(static_cast<float>(x) * scale);
      return v;
    };
    m.tensors = {{{1, c.features}, f32, 0, "x", false},
                 {{filters, c.features}, f32, 1, "feature", false},
                 {{filters, c.memory}, f32, 2, "time", false},
                 {{c.units}, f32, 3, "bias", false},
                 {{1, filters * c.memory}, f32, 0, "state", false, {}, {}, 0, true},
                 {{1, c.units}, f32, 0, "y", false}};
    m.buffers.push_back(fbt::le_bytes_f32(uniform(c.seed, n_f, 0.0005f)));
    m.buffers.push_back(fbt::le_bytes_f32(uniform(c.seed + 1, n_t, 0.001f)));
    m.buffers.push_back(fbt::le_bytes_f32(uniform(c.seed + 2, static_cast<std::size_t>(c.units), 0.0002f)));
  } else {
    // Scales that keep the state and the output mostly inside their ranges (some saturate).
    const float s_in = 0.02f, s_f = 0.004f, s_t = c.state == i16 ? 0.00002f : 0.003f;
    const float state_range = c.state == i16 ? 8000.0f : 40.0f;
    const float s_state =
        s_in * s_f * 75.0f * 75.0f * std::sqrt(static_cast<float>(c.features)) / state_range;
    const float time_std = c.state == i16 ? 17000.0f : 73.0f;  // of the time weights drawn below
    const float s_out =
        s_state * s_t * state_range * time_std * std::sqrt(static_cast<float>(c.memory * c.rank)) / 50.0f;
    m.tensors = {{{1, c.features}, i8, 0, "x", true, {s_in}, {c.input_zp}},
                 {{filters, c.features}, i8, 1, "feature", true, {s_f}, {0}},
                 {{filters, c.memory}, c.state, 2, "time", true, {s_t}, {0}},
                 {{c.units}, i32, 3, "bias", true, {s_state * s_t}, {0}},
                 {{1, filters * c.memory}, c.state, 0, "state", true, {s_state}, {c.state_zp}, 0, true},
                 {{1, c.units}, i8, 0, "y", true, {s_out}, {c.output_zp}}};
    m.buffers.push_back(fbt::le_bytes_i8(ints(c.seed, n_f)));
    const std::vector<int> t = ints(c.seed + 1, n_t, c.state == i16 ? 30000 : 127);
    m.buffers.push_back(c.state == i16 ? le_bytes_i16(t) : fbt::le_bytes_i8(t));
    std::vector<std::int32_t> b;
    for (int x : ints(c.seed + 2, static_cast<std::size_t>(c.units), c.state == i16 ? 30000 : 3000))
      b.push_back(c.state == i16 ? x * 100 : x);
    m.buffers.push_back(fbt::le_bytes_i32(b));
  }
  auto opts = fbt::make_table();
  opts->i32(0, c.rank).u8(1, static_cast<std::uint8_t>(c.act));
  m.ops = {{0, {0, 1, 2, 3, 4}, {5}, svdf_opts, opts}};
  m.inputs = {0};
  m.outputs = {5};
  return m;
}

/// x [rows, depth] int8 -> SOFTMAX (beta) -> int16 (scale 1/65536, zero point -32768), keyword_scrambled's
/// output op.
inline fbt::model_spec softmax_s8_s16(std::int32_t rows, std::int32_t depth, float scale, std::int64_t zp,
                                      float beta) {
  fbt::model_spec m;
  m.opcodes = {25};  // SOFTMAX
  m.tensors = {{{1, rows, depth}, i8, 0, "x", true, {scale}, {zp}},
               {{1, rows, depth}, i16, 0, "y", true, {1.0f / 65536.0f}, {-32768}}};
  m.ops = {{0, {0}, {1}, 9, fbt::softmax_options(beta)}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// The SVDF op models of tests/data/tflm_ops, by folder name, and the frames TFLM ran each for.
struct named {
  std::string name;
  fbt::model_spec model;
  int frames;
};
inline std::vector<named> models() {
  return {
      // int8, int16 state (keyword_scrambled's kind), rank 1, odd sizes, zero points at both ends.
      {"svdf_s8_r1", svdf({13, 7, 1, 5, 0, i16, -3, 0, 5, 101}), 12},
      // int8 state with a zero point, rank 2, one feature, memory 1 (no history at all).
      {"svdf_s8_state8_r2_m1", svdf({1, 3, 2, 1, 0, i8, 10, 7, -4, 202}), 6},
      // rank 3, 40 features, 17 units, memory 9, fused RELU (TFLite Micro's int8 SVDF ignores it).
      {"svdf_s8_r3_relu", svdf({40, 17, 3, 9, 1, i16, 0, 0, -128, 303}), 20},
      // int8 state, rank 1, 64 units, memory 32 (keyword_scrambled's deeper layers), 41 frames.
      {"svdf_s8_state8_m32", svdf({16, 64, 1, 32, 0, i8, -60, -20, 0, 404}), 41},
      // float: RELU, rank 1; rank 2 without activation; rank 3 RELU_N1_TO_1; RELU6.
      {"svdf_f32_r1_relu", svdf({11, 5, 1, 4, 1, f32, 0, 0, 0, 505}), 10},
      {"svdf_f32_r2", svdf({24, 1, 2, 7, 0, f32, 0, 0, 0, 606}), 15},
      {"svdf_f32_r3_relu_n1", svdf({7, 4, 3, 3, 2, f32, 0, 0, 0, 707}), 8},
      {"svdf_f32_relu6_m1", svdf({3, 9, 1, 1, 3, f32, 0, 0, 0, 808}), 5},
      // SOFTMAX int8 -> int16: 3 rows of 17 (batch 1 x 3 rows: [1, 3, 17]), beta 0.7, scale 0.1 (the
      // exp spans [e^-17.9, 1]); 4 random inputs, stateless.
      {"softmax_s8_s16", softmax_s8_s16(3, 17, 0.1f, -5, 0.7f), 4},
  };
}

}  // namespace svdf_models

#pragma once
// Randomized UNIDIRECTIONAL_SEQUENCE_LSTM models (issue #12), written with the fbt builder: odd unit
// and feature counts, sequence lengths 1..200, cell clip values, three cell-state scales, float and
// int8. TFLM's outputs for them are in tests/data/tflm_ops/<name>/ (README there); importer_test
// checks that the committed .tflite files equal these.

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tflite_builder.hpp"

namespace lstm_models {

constexpr std::int8_t f32 = 0, i32 = 2, i64 = 4, i16 = 7, i8 = 9;
constexpr std::int32_t lstm_code = 44, fc_code = 9;
constexpr std::uint8_t lstm_opts = 71;  // UnidirectionalSequenceLSTMOptions

struct lstm_case {
  std::string name;
  int units, features, steps;
  bool int8;
  float cell_clip = 0.0f;
  int cell_power = -11;  ///< int8: the cell state's scale 2^cell_power
  bool time_major = false;
  std::uint32_t seed = 1;
  std::int8_t activation = 4;  ///< TANH; the refusal tests change it
  bool int16 = false;          ///< with int8: TFLite's 16x8 LSTM (int16 x and h, zero points 0, int64 bias)
  float proj_clip = 0.0f;      ///< TFLite's proj_clip option (TFLM ignores it); the refusal tests set it
  int dense_units = 0;         ///< int8 only: > 0 adds a FULLY_CONNECTED of all T x U outputs -> [1, N]
};

using fbt::le_bytes_i64;

/// xorshift32: a small deterministic generator (the models must be the same bytes on every run).
struct rng {
  std::uint32_t s;
  std::uint32_t next() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * (next() >> 8) / 16777216.0; }
  int integer(int lo, int hi) {
    return lo + static_cast<int>(next() % static_cast<std::uint32_t>(hi - lo + 1));
  }
};

inline fbt::ptr lstm_options(const lstm_case& c) {
  auto t = fbt::make_table();
  t->u8(0, static_cast<std::uint8_t>(c.activation)).f32(1, c.cell_clip).f32(2, c.proj_clip);
  if (c.time_major) t->u8(3, 1);
  return t;
}

/// x [1, T, F] (time-major: [T, 1, F]) -> UNIDIRECTIONAL_SEQUENCE_LSTM (units U) -> y [1, T, U].
/// Weights uniform with a spread that keeps the gates between saturation and zero; int8: random
/// per-tensor scales, a random input and output zero point, biases up to a gate pre-activation of 2.
/// int16 (16x8): x up to about +-5 and h in [-1, 1] at zero point 0, int64 biases.
/// dense_units N: y -> FULLY_CONNECTED (weights [N, T * U], flattening y) -> z [1, N], the output.
inline fbt::model_spec lstm(const lstm_case& c) {
  rng r{c.seed * 2654435761u + 12345u};
  fbt::model_spec m;
  m.opcodes = {lstm_code};
  const int U = c.units, F = c.features;
  const std::vector<std::int32_t> xs =
      c.time_major ? std::vector<std::int32_t>{c.steps, 1, F} : std::vector<std::int32_t>{1, c.steps, F};
  const std::vector<std::int32_t> ys =
      c.time_major ? std::vector<std::int32_t>{c.steps, 1, U} : std::vector<std::int32_t>{1, c.steps, U};
  const std::int8_t at = c.int16 ? i16 : (c.int8 ? i8 : f32);
  float in_scale = static_cast<float>(r.uniform(1.0 / 160, 1.0 / 100));
  int in_zp = c.int8 ? r.integer(-20, 20) : 0;
  float h_scale = static_cast<float>(r.uniform(1.0 / 140, 1.0 / 110));
  int h_zp = c.int8 ? r.integer(-10, 10) : 0;
  if (c.int16) {
    in_scale = static_cast<float>(r.uniform(1.0 / 7000, 1.0 / 5000));
    h_scale = static_cast<float>(r.uniform(1.0 / 32768, 1.0 / 30000));
    in_zp = h_zp = 0;
  }
  m.tensors.push_back({xs, at, 0, "x", c.int8, {in_scale}, {in_zp}});
  m.tensors.push_back({ys, at, 0, "y", c.int8, {h_scale}, {h_zp}});
  std::vector<std::int32_t> inputs(24, -1);
  inputs[0] = 0;
  const double spread = 2.0 / std::sqrt(static_cast<double>(F + U));
  auto add_const = [&](std::vector<std::int32_t> shape, std::int8_t type, std::vector<std::uint8_t> data,
                       float scale, const std::string& name) {
    const auto buffer = static_cast<std::uint32_t>(m.buffers.size());
    m.buffers.push_back(std::move(data));
    m.tensors.push_back({std::move(shape), type, buffer, name, type != f32, {scale}, {0}});
    return static_cast<std::int32_t>(m.tensors.size() - 1);
  };
  static const char* const gate_names[4] = {"i", "f", "c", "o"};  // TFLite's order
  for (int g = 0; g < 4; ++g) {
    const std::string gn = gate_names[g];
    for (int rec = 0; rec < 2; ++rec) {
      const int cols = rec ? U : F;
      const std::vector<std::int32_t> shape{U, cols};
      const std::string name = (rec ? "recurrent_to_" : "input_to_") + gn;
      std::int32_t idx = 0;
      if (c.int8) {
        const float s = static_cast<float>(spread / 127.0 * r.uniform(0.6, 1.0));
        std::vector<int> w(static_cast<std::size_t>(U * cols));
        for (int& v : w) v = r.integer(-127, 127);
        idx = add_const(shape, i8, fbt::le_bytes_i8(w), s, name);
      } else {
        std::vector<float> w(static_cast<std::size_t>(U * cols));
        for (float& v : w) v = static_cast<float>(r.uniform(-spread, spread));
        idx = add_const(shape, f32, fbt::le_bytes_f32(w), 1.0f, name);
      }
      inputs[static_cast<std::size_t>((rec ? 5 : 1) + g)] = idx;
    }
    const std::string name = gn + "_bias";
    std::int32_t idx = 0;
    if (c.int8) {
      const float ws = m.tensors[static_cast<std::size_t>(inputs[static_cast<std::size_t>(1 + g)])].scale[0];
      const double bias_scale = double{in_scale} * ws;
      if (c.int16) {
        std::vector<std::int64_t> b(static_cast<std::size_t>(U));
        for (auto& v : b) v = std::llround(r.uniform(-2.0, 2.0) / bias_scale);
        idx = add_const({U}, i64, le_bytes_i64(b), static_cast<float>(bias_scale), name);
      } else {
        std::vector<std::int32_t> b(static_cast<std::size_t>(U));
        for (auto& v : b) v = static_cast<std::int32_t>(std::lround(r.uniform(-2.0, 2.0) / bias_scale));
        idx = add_const({U}, i32, fbt::le_bytes_i32(b), static_cast<float>(bias_scale), name);
      }
    } else {
      std::vector<float> b(static_cast<std::size_t>(U));
      for (float& v : b) v = static_cast<float>(r.uniform(-1.0, 1.0));
      idx = add_const({U}, f32, fbt::le_bytes_f32(b), 1.0f, name);
    }
    inputs[static_cast<std::size_t>(12 + g)] = idx;
  }
  // h and c: variable tensors, quantized like the output (h) and at 2^cell_power (c).
  fbt::tensor_spec h{{1, U}, at, 0, "h", c.int8, {h_scale}, {h_zp}};
  h.is_variable = true;
  fbt::tensor_spec cs{{1, U}, c.int8 ? i16 : f32, 0, "c", c.int8, {std::ldexp(1.0f, c.cell_power)}, {0}};
  cs.is_variable = true;
  m.tensors.push_back(h);
  inputs[18] = static_cast<std::int32_t>(m.tensors.size() - 1);
  m.tensors.push_back(cs);
  inputs[19] = static_cast<std::int32_t>(m.tensors.size() - 1);
  m.ops = {{0, inputs, {1}, lstm_opts, lstm_options(c)}};
  m.inputs = {0};
  m.outputs = {1};
  if (c.dense_units > 0) {
    // Appended after the LSTM's values, so the generator's other draws stay as they were.
    const int n = c.dense_units, k = c.steps * U;
    const float ws =
        static_cast<float>(2.0 / std::sqrt(static_cast<double>(k)) / 127.0 * r.uniform(0.6, 1.0));
    std::vector<int> w(static_cast<std::size_t>(n * k));
    for (int& v : w) v = r.integer(-127, 127);
    const std::int32_t wi = add_const({n, k}, i8, fbt::le_bytes_i8(w), ws, "dense_weights");
    std::vector<std::int32_t> b(static_cast<std::size_t>(n));
    for (auto& v : b)
      v = static_cast<std::int32_t>(std::lround(r.uniform(-0.5, 0.5) / (double{h_scale} * ws)));
    const std::int32_t bi = add_const({n}, i32, fbt::le_bytes_i32(b), h_scale * ws, "dense_bias");
    const float z_scale = static_cast<float>(r.uniform(1.0 / 50, 1.0 / 35));
    m.tensors.push_back({{1, n}, i8, 0, "z", true, {z_scale}, {r.integer(-10, 10)}});
    m.opcodes.push_back(fc_code);
    m.ops.push_back(
        {1, {1, wi, bi}, {static_cast<std::int32_t>(m.tensors.size() - 1)}, 8, fbt::fc_options()});
    m.outputs = {static_cast<std::int32_t>(m.tensors.size() - 1)};
  }
  return m;
}

/// The committed cases (tests/data/tflm_ops/<name>): units 1, 3, 5, 7, 17, 64; features 1..40; 1..200
/// steps; cell clip off and at values that bind; cell scales 2^-11 (TFLite's default for a cell
/// range of 16), 2^-15 and 2^-8 (both of TFLM's tanh(c) input shifts); time-major with 1..12 steps
/// (one read by a FULLY_CONNECTED).
inline std::vector<lstm_case> cases() {
  return {
      {"lstm_u1_f1_t1_s8", 1, 1, 1, true, 0.0f, -11, false, 1},
      {"lstm_u3_f40_t200_s8_clip", 3, 40, 200, true, 1.0f, -11, false, 2},
      {"lstm_u17_f7_t13_s8_c15", 17, 7, 13, true, 0.0f, -15, false, 3},
      {"lstm_u64_f33_t5_s8_c8_clip", 64, 33, 5, true, 0.25f, -8, false, 4},
      {"lstm_u5_f4_t1_s8_time_major", 5, 4, 1, true, 0.0f, -11, true, 5},
      {"lstm_u1_f3_t50_f32", 1, 3, 50, false, 0.0f, 0, false, 6},
      {"lstm_u3_f5_t9_f32_clip", 3, 5, 9, false, 0.3f, 0, false, 7},
      {"lstm_u17_f40_t200_f32", 17, 40, 200, false, 0.0f, 0, false, 8},
      {"lstm_u64_f1_t2_f32_clip", 64, 1, 2, false, 2.0f, 0, false, 9},
      // int16x8 (TFLite's 16x8 LSTM): odd units, 1..40 features, up to 50 steps, clip, time-major.
      {"lstm_u1_f1_t1_s16", 1, 1, 1, true, 0.0f, -11, false, 10, 4, true},
      {"lstm_u3_f40_t50_s16_clip", 3, 40, 50, true, 1.0f, -11, false, 11, 4, true},
      {"lstm_u17_f7_t13_s16_c15", 17, 7, 13, true, 0.0f, -15, false, 12, 4, true},
      {"lstm_u17_f23_t6_s16_c8_clip", 17, 23, 6, true, 0.25f, -8, false, 13, 4, true},
      {"lstm_u3_f5_t1_s16_time_major", 3, 5, 1, true, 0.0f, -12, true, 14, 4, true},
      // Time-major with more than one step ([T, 1, F], imported as [1, T, F]: the same bytes).
      {"lstm_u7_f5_t9_s8_time_major", 7, 5, 9, true, 0.0f, -11, true, 15},
      {"lstm_u5_f3_t12_f32_time_major_clip", 5, 3, 12, false, 0.5f, 0, true, 16},
      {"lstm_u3_f5_t4_s16_time_major", 3, 5, 4, true, 0.0f, -11, true, 17, 4, true},
      {"lstm_u5_f4_t6_s8_time_major_fc", 5, 4, 6, true, 0.0f, -11, true, 18, 4, false, 0.0f, 3},
  };
}

inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  std::vector<std::pair<std::string, fbt::model_spec>> v;
  for (const lstm_case& c : cases()) v.emplace_back(c.name, lstm(c));
  return v;
}

}  // namespace lstm_models

#pragma once
// Small models for BATCH_MATMUL with a constant operand and the int16 SOFTMAX (issue #11), written with the
// fbt builder. TFLM's outputs for them are in tests/data/tflm_ops/<name>/ (README there, make_bmm_cases.py);
// importer_test checks that the committed .tflite files equal these.

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "opsmath_models.hpp"

namespace bmm {

constexpr std::int32_t batch_matmul_code = 126;
constexpr std::uint8_t batch_matmul_opts = 101;

/// Deterministic constant values (a 32-bit LCG), uniform over [lo, hi].
inline std::vector<std::int32_t> values(std::size_t n, std::int32_t lo, std::int32_t hi, std::uint32_t seed) {
  std::vector<std::int32_t> v(n);
  for (auto& x : v) {
    seed = seed * 1664525u + 1013904223u;
    x = lo + static_cast<std::int32_t>((seed >> 8) % static_cast<std::uint32_t>(hi - lo + 1));
  }
  return v;
}

inline std::size_t count(const std::vector<std::int32_t>& d) {
  std::size_t n = 1;
  for (std::int32_t x : d) n *= static_cast<std::size_t>(x);
  return n;
}

/// x -> BATCH_MATMUL(x, c) (or (c, x) with `constant_lhs`) -> y. `c` has shape `cshape` and `x`'s type;
/// int8 / int16: its values uniform over the type's range, its quantization (cscale, czp), y's (yscale, yzp);
/// float: values in [-4, 4]. The output shape follows TFLite's rules.
inline fbt::model_spec matmul(fbt::tensor_spec x, std::vector<std::int32_t> cshape, bool adj_x, bool adj_y,
                              bool constant_lhs, float cscale = 1.0f, std::int64_t czp = 0,
                              float yscale = 1.0f, std::int64_t yzp = 0) {
  fbt::model_spec m;
  m.opcodes = {batch_matmul_code};
  const std::vector<std::int32_t>& ls = constant_lhs ? cshape : x.shape;
  const std::vector<std::int32_t>& rs = constant_lhs ? x.shape : cshape;
  const std::size_t r = std::max(ls.size(), rs.size());
  auto ext = [r](std::vector<std::int32_t> d) {
    d.insert(d.begin(), r - d.size(), 1);
    return d;
  };
  const auto l = ext(ls), rr = ext(rs);
  std::vector<std::int32_t> ys(r);
  for (std::size_t i = 0; i + 2 < r; ++i) ys[i] = std::max(l[i], rr[i]);
  ys[r - 2] = adj_x ? l[r - 1] : l[r - 2];
  ys[r - 1] = adj_y ? rr[r - 2] : rr[r - 1];
  const std::size_t n = count(cshape);
  std::vector<std::uint8_t> bytes;
  const auto seed = static_cast<std::uint32_t>(n * 7919u + cshape.size());
  if (x.type == opsmath::f32) {
    std::vector<float> f;
    for (std::int32_t v : values(n, -4000, 4000, seed)) f.push_back(static_cast<float>(v) / 1000.0f);
    bytes = fbt::le_bytes_f32(f);
  } else if (x.type == opsmath::i16) {
    for (std::int32_t v : values(n, -32768, 32767, seed)) {
      bytes.push_back(static_cast<std::uint8_t>(v & 0xff));
      bytes.push_back(static_cast<std::uint8_t>((v >> 8) & 0xff));
    }
  } else {
    const auto v = values(n, -128, 127, seed);
    bytes = fbt::le_bytes_i8(std::vector<int>(v.begin(), v.end()));
  }
  fbt::tensor_spec c = opsmath::activation(cshape, x.type, "c", cscale, czp);
  c.buffer = 1;
  x.name = "x";
  m.tensors = {x, c, opsmath::activation(ys, x.type, "y", yscale, yzp)};
  m.buffers.push_back(std::move(bytes));
  auto opt = fbt::make_table();
  opt->u8(0, adj_x ? 1 : 0);
  opt->u8(1, adj_y ? 1 : 0);
  m.ops = {{0,
            constant_lhs ? std::vector<std::int32_t>{1, 0} : std::vector<std::int32_t>{0, 1},
            {2},
            batch_matmul_opts,
            opt}};
  m.inputs = {0};
  m.outputs = {2};
  return m;
}

/// x int16 (scale, zero point 0) of `shape` -> SOFTMAX (beta) -> int16 Q0.15 (TFLite's 16x8 SOFTMAX).
inline fbt::model_spec softmax_s16(std::vector<std::int32_t> shape, float scale, float beta) {
  fbt::model_spec m;
  m.opcodes = {25};  // SOFTMAX
  m.tensors = {opsmath::activation(shape, opsmath::i16, "x", scale, 0),
               opsmath::activation(shape, opsmath::i16, "y", 1.0f / 32768.0f, 0)};
  m.ops = {{0, {0}, {1}, 9, fbt::softmax_options(beta)}};
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

/// The models by folder name (tests/data/tflm_ops/<name>/<name>.tflite).
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  using opsmath::activation, opsmath::f32, opsmath::i16, opsmath::i8;
  // Output scales that keep most sums of K products of uniform values inside int8 / int16.
  const auto s8 = [](float xs, float cs, int k) { return xs * cs * 5461.0f * std::sqrt(float(k)) / 40.0f; };
  // Zero points at opposite ends: every product has one sign, the sums a mean of -16384 k (sat: room for it).
  const auto sat = [](float xs, float cs, int k) { return xs * cs * 16384.0f * float(k) / 160.0f; };
  const auto s16 = [](float xs, float cs, int k) { return xs * cs * 3.6e8f * std::sqrt(float(k)) / 8000.0f; };
  return {
      // int8: rank 3 x rank 2; zero points at both ends.
      {"bmm_s8", matmul(activation({1, 3, 5}, i8, "x", 0.05f, -128), {5, 7}, false, false, false, 0.02f, 127,
                        sat(0.05f, 0.02f, 5), 100)},
      // adj_y, the constant's rank below the input's.
      {"bmm_s8_adjy", matmul(activation({1, 2, 3, 6}, i8, "x", 0.04f, 127), {2, 5, 6}, false, true, false,
                             0.03f, -128, sat(0.04f, 0.03f, 6), 127)},
      // adj_x on a rank-5 input; batch axes broadcast both ways.
      {"bmm_s8_adjx_bcast", matmul(activation({1, 3, 1, 4, 2}, i8, "x", 0.1f, 0), {2, 4, 5}, true, false,
                                   false, 0.01f, 3, s8(0.1f, 0.01f, 4), -7)},
      // the constant first (lhs), both adj flags.
      {"bmm_s8_const_lhs", matmul(activation({1, 6, 4}, i8, "x", 0.03f, -5), {4, 3}, true, true, true, 0.02f,
                                  9, s8(0.03f, 0.02f, 4), 100)},
      // a constant batch axis of 1 before the matrix (TFLM flattens the input's batch into rows); odd depth.
      {"bmm_s8_flat", matmul(activation({1, 2, 3, 33}, i8, "x", 0.02f, 17), {1, 33, 9}, false, false, false,
                             0.015f, -3, s8(0.02f, 0.015f, 33), 0)},
      // int16 (zero points 0).
      {"bmm_s16", matmul(activation({1, 2, 3, 7}, i16, "x", 0.001f, 0), {7, 4}, false, false, false, 0.0005f,
                         0, s16(0.001f, 0.0005f, 7), 0)},
      {"bmm_s16_adj", matmul(activation({1, 5, 3}, i16, "x", 0.002f, 0), {1, 4, 5}, true, true, false,
                             0.0003f, 0, s16(0.002f, 0.0003f, 5), 0)},
      // float.
      {"bmm_f32", matmul(activation({1, 2, 3, 5}, f32, "x"), {2, 5, 4}, false, false, false)},
      {"bmm_f32_const_lhs", matmul(activation({1, 2, 6, 4}, f32, "x"), {3, 6}, false, false, true)},
      // int16 SOFTMAX: odd depths, input scales from fine (the whole int16 range within [-10, 0] after the
      // shift: exp interpolated everywhere) to coarse (most differences saturate at -10), beta != 1.
      {"softmax_s16", softmax_s16({1, 3, 37}, 1.0f / 2048.0f, 1.0f)},
      {"softmax_s16_coarse", softmax_s16({1, 2, 5, 11}, 0.01f, 1.0f)},
      {"softmax_s16_beta", softmax_s16({1, 4, 9}, 0.0003f, 0.37f)},
      {"softmax_s16_fine_beta", softmax_s16({1, 1000}, 1.0f / 65536.0f, 3.5f)},
  };
}

}  // namespace bmm

#pragma once
// Small structured-pruned int8 models (issue #14): filters / units whose weights are all zero, in front of
// each consumer ctml-import's channel folding (tools/ctml-import/src/channels.cpp) treats differently: a
// 1x1 conv (folded into its bias), a SAME 3x3 conv (kept when the constant is not the zero point, dropped
// when it is), a VALID and a SAME depthwise conv (constant channels, a dead channel), CONCATENATION,
// pooling and RESHAPE into a dense layer, ADD (of two constants; of a constant and a varying channel), a
// dense layer on a rank-4 input (flatten) and a zero unit into the next dense layer. TFLM's outputs for them
// are in tests/data/tflm_ops/<name>/ (README there, make_prune_cases.py).

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tflite_builder.hpp"

namespace prune_models {

constexpr std::int8_t i8 = 9, i32 = 2;
constexpr std::int8_t same = 0, valid = 1;
constexpr std::int8_t none = 0, relu = 1, relu6 = 3;

/// A conv / depthwise / dense layer: output quantization, options, and the filters (units, depthwise
/// channels) whose weights are all zero, each with its bias.
struct layer_spec {
  int filters = 1;  ///< depthwise: ignored (the input's channels)
  int k = 1, stride = 1;
  std::int8_t pad = same, act = none;
  std::map<int, std::int32_t> zero = {};  ///< filter -> bias (its weights are all zero)
  float y_scale = 0.08f;
  std::int64_t y_zero_point = 0;
  std::map<int, std::int32_t> bias = {};  ///< filter -> bias, for filters with weights (else from the LCG)
};

/// Builds a model layer by layer; weights from a small LCG, per-channel scales (dense: per tensor).
class net {
 public:
  explicit net(std::uint32_t seed) : seed_(seed) {}

  int input(std::vector<std::int32_t> shape, float scale, std::int64_t zero_point) {
    const int x = activation(std::move(shape), "x", scale, zero_point);
    m_.inputs.push_back(x);
    return x;
  }

  int conv(int x, const layer_spec& s) { return weighted(x, s, kind::conv); }
  int depthwise(int x, const layer_spec& s) { return weighted(x, s, kind::depthwise); }
  int dense(int x, const layer_spec& s) { return weighted(x, s, kind::dense); }

  int pool(int x, bool average, int k, int stride, std::int8_t pad) {
    const fbt::tensor_spec& t = m_.tensors[static_cast<std::size_t>(x)];
    const int y =
        activation({1, extent(t.shape[1], k, stride, pad), extent(t.shape[2], k, stride, pad), t.shape[3]},
                   average ? "avg" : "max", t.scale[0], t.zero_point[0]);
    op(average ? 1 : 17, {x}, y, 5, fbt::pool_options(pad, stride, stride, k, k));
    return y;
  }
  int add(int a, int b, float scale, std::int64_t zero_point) {
    const int y = activation(m_.tensors[static_cast<std::size_t>(a)].shape, "sum", scale, zero_point);
    op(0, {a, b}, y, 11, fbt::add_options(0));
    return y;
  }
  /// Along the last axis; the output has the first input's quantization.
  int concat(const std::vector<int>& xs) {
    const fbt::tensor_spec& t0 = m_.tensors[static_cast<std::size_t>(xs[0])];
    std::vector<std::int32_t> shape = t0.shape;
    shape.back() = 0;
    for (int x : xs) shape.back() += m_.tensors[static_cast<std::size_t>(x)].shape.back();
    const int y = activation(shape, "concat", t0.scale[0], t0.zero_point[0]);
    auto opt = fbt::make_table();
    opt->i32(0, static_cast<std::int32_t>(shape.size()) - 1);
    op(2, xs, y, 10, opt);
    return y;
  }
  int reshape(int x, std::vector<std::int32_t> shape) {
    const fbt::tensor_spec& t = m_.tensors[static_cast<std::size_t>(x)];
    const int s = constant({static_cast<std::int32_t>(shape.size())}, i32, "shape", fbt::le_bytes_i32(shape));
    const int y = activation(std::move(shape), "reshaped", t.scale[0], t.zero_point[0]);
    op(22, {x, s}, y, 0, nullptr);
    return y;
  }

  fbt::model_spec output(int y) {
    m_.outputs = {y};
    return m_;
  }

 private:
  enum class kind { conv, depthwise, dense };

  int next() {
    seed_ = seed_ * 1664525u + 1013904223u;
    return static_cast<int>(seed_ >> 24) - 128;
  }
  static std::int32_t extent(std::int32_t in, int k, int stride, std::int8_t pad) {
    return pad == same ? (in + stride - 1) / stride : (in - k) / stride + 1;
  }
  int activation(std::vector<std::int32_t> shape, const char* name, float scale, std::int64_t zero_point) {
    m_.tensors.push_back({std::move(shape), i8, 0, name, true, {scale}, {zero_point}});
    return static_cast<int>(m_.tensors.size()) - 1;
  }
  int constant(std::vector<std::int32_t> shape, std::int8_t type, const char* name,
               std::vector<std::uint8_t> bytes) {
    m_.buffers.push_back(std::move(bytes));
    m_.tensors.push_back(
        {std::move(shape), type, static_cast<std::uint32_t>(m_.buffers.size() - 1), name, false, {}, {}});
    return static_cast<int>(m_.tensors.size()) - 1;
  }
  void op(std::int32_t code, std::vector<std::int32_t> inputs, int y, std::uint8_t options_type,
          fbt::ptr options) {
    std::uint32_t index = 0;
    while (index < m_.opcodes.size() && m_.opcodes[index] != code) ++index;
    if (index == m_.opcodes.size()) m_.opcodes.push_back(code);
    m_.ops.push_back({index, std::move(inputs), {y}, options_type, std::move(options)});
  }

  int weighted(int x, const layer_spec& s, kind k) {
    const fbt::tensor_spec xt = m_.tensors[static_cast<std::size_t>(x)];
    const float xs = xt.scale[0];
    std::int32_t in = xt.shape.back(), out = s.filters, taps = s.k * s.k;
    std::vector<std::int32_t> w_shape, y_shape;
    if (k == kind::conv) {
      w_shape = {out, s.k, s.k, in};
      y_shape = {1, extent(xt.shape[1], s.k, s.stride, s.pad), extent(xt.shape[2], s.k, s.stride, s.pad),
                 out};
    } else if (k == kind::depthwise) {
      out = in;
      w_shape = {1, s.k, s.k, out};
      y_shape = {1, extent(xt.shape[1], s.k, s.stride, s.pad), extent(xt.shape[2], s.k, s.stride, s.pad),
                 out};
    } else {
      in = 1;
      for (std::size_t d = 1; d < xt.shape.size(); ++d) in *= xt.shape[d];
      taps = 1;
      w_shape = {out, in};
      y_shape = {1, out};
    }
    // Weights: conv OHWI, dense [units][features], depthwise [1][KH][KW][C] (channel fastest).
    const std::size_t per =
        static_cast<std::size_t>(taps) * static_cast<std::size_t>(k == kind::depthwise ? 1 : in);
    std::vector<int> w(per * static_cast<std::size_t>(out));
    for (std::size_t i = 0; i < w.size(); ++i) {
      const int o = k == kind::depthwise ? static_cast<int>(i % static_cast<std::size_t>(out))
                                         : static_cast<int>(i / per);
      const int v = next();
      w[i] = s.zero.count(o) ? 0 : (v == -128 ? -127 : v);
    }
    std::vector<float> ws;
    std::vector<std::int32_t> bias;
    for (int o = 0; o < out; ++o) {
      ws.push_back(k == kind::dense ? 0.004f : 0.003f + 0.0005f * static_cast<float>(o % 5));
      const int r = next();
      bias.push_back(s.zero.count(o) ? s.zero.at(o) : s.bias.count(o) ? s.bias.at(o) : r * 40);
    }
    if (k == kind::dense) ws.resize(1);
    const int wt = constant(w_shape, i8, "filter", fbt::le_bytes_i8(w));
    const int bt = constant({out}, i32, "bias", fbt::le_bytes_i32(bias));
    fbt::tensor_spec& wts = m_.tensors[static_cast<std::size_t>(wt)];
    wts.quantized = true;
    wts.scale = ws;
    wts.zero_point.assign(ws.size(), 0);
    wts.quantized_dimension = k == kind::depthwise ? 3 : 0;
    fbt::tensor_spec& bts = m_.tensors[static_cast<std::size_t>(bt)];
    bts.quantized = true;
    for (float f : ws) bts.scale.push_back(f * xs);
    bts.zero_point.assign(ws.size(), 0);
    const int y = activation(y_shape, "y", s.y_scale, s.y_zero_point);
    if (k == kind::conv)
      op(3, {x, wt, bt}, y, 1, fbt::conv_options(s.pad, s.stride, s.stride, s.act));
    else if (k == kind::depthwise)
      op(4, {x, wt, bt}, y, 2, fbt::depthwise_options(s.pad, s.stride, s.stride, 1, s.act));
    else
      op(9, {x, wt, bt}, y, 8, fbt::fc_options(s.act));
    return y;
  }

  fbt::model_spec m_;
  std::uint32_t seed_;
};

/// x -> 3x3 SAME conv (filters 1, 4, 6 zero: constants away from the zero point) -> 1x1 conv: the
/// constants fold into the 1x1 conv's bias.
inline fbt::model_spec prune_1x1_s8() {
  net n(141);
  const int x = n.input({1, 6, 6, 3}, 0.05f, -10);
  const int a =
      n.conv(x, {.filters = 8, .k = 3, .zero = {{1, 20000}, {4, -15000}, {6, 30000}}, .y_zero_point = 5});
  return n.output(n.conv(a, {.filters = 5, .act = relu, .y_scale = 0.1f, .y_zero_point = -20}));
}

/// x -> 1x1 conv (filter 2 zero, a constant away from the zero point; filter 4 zero with bias 0: the zero
/// point) -> 3x3 SAME conv: filter 2 is kept (the border sees padding), filter 4 dropped.
inline fbt::model_spec prune_same_s8() {
  net n(142);
  const int x = n.input({1, 6, 6, 3}, 0.05f, 7);
  const int a = n.conv(x, {.filters = 6, .zero = {{2, 25000}, {4, 0}}, .y_zero_point = -3});
  return n.output(n.conv(a, {.filters = 4, .k = 3, .y_scale = 0.12f, .y_zero_point = 1}));
}

/// x -> 3x3 SAME conv with RELU (filters 0, 3 zero with negative biases: the zero point; filter 5 zero,
/// positive bias) -> 3x3 SAME conv stride 2, RELU6: 0 and 3 dropped, 5 kept.
inline fbt::model_spec prune_relu_s8() {
  net n(143);
  const int x = n.input({1, 7, 7, 4}, 0.04f, -128);
  const int a = n.conv(x, {.filters = 6,
                           .k = 3,
                           .act = relu,
                           .zero = {{0, -30000}, {3, -5000}, {5, 40000}},
                           .y_zero_point = -128});
  return n.output(
      n.conv(a, {.filters = 5, .k = 3, .stride = 2, .act = relu6, .y_scale = 0.03f, .y_zero_point = -128}));
}

/// x -> 1x1 conv RELU6 (filter 1 zero, constant away from the zero point; filter 3 zero at the zero point)
/// -> 3x3 VALID depthwise RELU (channel 5's weights zero) -> 1x1 conv: depthwise channels 1, 3, 5 are
/// constants, dropped; the 1x1 conv's filter 5 (non-zero weights) is then dead and dropped too.
inline fbt::model_spec prune_dw_valid_s8() {
  net n(144);
  const int x = n.input({1, 8, 8, 4}, 0.05f, 3);
  const int a = n.conv(x, {.filters = 8,
                           .act = relu6,
                           .zero = {{1, 30000}, {3, -30000}},
                           .y_scale = 0.03f,
                           .y_zero_point = -128});
  const int d =
      n.depthwise(a, {.k = 3, .pad = valid, .act = relu, .zero = {{5, 10000}}, .y_zero_point = -100});
  return n.output(n.conv(d, {.filters = 6, .y_scale = 0.1f, .y_zero_point = 4}));
}

/// The same with a SAME depthwise: channel 1 (a constant away from the zero point) is not constant after
/// it (the border sees padding) and is kept; 3 (the zero point) and 5 (zero depthwise weights) go.
inline fbt::model_spec prune_dw_same_s8() {
  net n(145);
  const int x = n.input({1, 6, 6, 4}, 0.05f, 3);
  const int a = n.conv(x, {.filters = 8,
                           .act = relu6,
                           .zero = {{1, 30000}, {3, -30000}},
                           .y_scale = 0.03f,
                           .y_zero_point = -128});
  const int d = n.depthwise(a, {.k = 3, .act = relu, .zero = {{5, 10000}}, .y_zero_point = -100});
  return n.output(n.conv(d, {.filters = 6, .y_scale = 0.1f, .y_zero_point = 4}));
}

/// Two convs (zero filters A1; B0 at the zero point after RELU, B3) -> CONCATENATION -> AVERAGE_POOL 2x2
/// stride 2 -> MAX_POOL 4x4 -> RESHAPE [1, 9] -> FULLY_CONNECTED: the constants go through all of them
/// into the dense layer's bias.
inline fbt::model_spec prune_concat_pool_s8() {
  net n(146);
  const int x = n.input({1, 8, 8, 3}, 0.05f, -5);
  const int a = n.conv(x, {.filters = 4, .k = 3, .zero = {{1, 20000}}, .y_zero_point = 3});
  const int b = n.conv(x, {.filters = 5, .act = relu, .zero = {{0, -9000}, {3, 15000}}, .y_zero_point = 3});
  const int c = n.concat({a, b});
  const int p = n.pool(n.pool(c, true, 2, 2, valid), false, 4, 4, valid);
  const int r = n.reshape(p, {1, 9});
  return n.output(n.dense(r, {.filters = 4, .y_scale = 0.1f, .y_zero_point = -7}));
}

/// Two convs (filters 1, 2 zero in the first; 2, 3 in the second) -> ADD -> 1x1 conv: channel 2 is the ADD of
/// two constants, a constant (TFLite's ADD arithmetic), folded into the 1x1 conv; 1 and 3 are the ADD of a
/// constant and a varying channel: kept.
inline fbt::model_spec prune_add_s8() {
  net n(147);
  const int x = n.input({1, 5, 5, 3}, 0.05f, 0);
  const int a = n.conv(x, {.filters = 4, .zero = {{1, -7000}, {2, 20000}}, .y_zero_point = 0});
  const int b = n.conv(
      x, {.filters = 4, .k = 3, .zero = {{2, 10000}, {3, 16000}}, .y_scale = 0.06f, .y_zero_point = -3});
  const int s = n.add(a, b, 0.1f, 2);
  return n.output(n.conv(s, {.filters = 3, .y_scale = 0.1f, .y_zero_point = 0}));
}

/// 3x3 SAME conv (filters 2, 5 zero) -> FULLY_CONNECTED on the [1,4,4,6] tensor (flattened: the channel is
/// every 6th feature), RELU, unit 1 zero -> FULLY_CONNECTED: both fold into the next dense layer.
inline fbt::model_spec prune_dense_s8() {
  net n(148);
  const int x = n.input({1, 4, 4, 3}, 0.05f, 10);
  const int a = n.conv(x, {.filters = 6, .k = 3, .zero = {{2, 20000}, {5, -25000}}, .y_zero_point = -2});
  const int f =
      n.dense(a, {.filters = 5, .act = relu, .zero = {{1, 30000}}, .y_scale = 0.2f, .y_zero_point = -128});
  return n.output(n.dense(f, {.filters = 3, .y_scale = 0.1f, .y_zero_point = 0}));
}

/// The models by folder name (tests/data/tflm_ops/<name>/<name>.tflite).
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  return {{"prune_1x1_s8", prune_1x1_s8()},         {"prune_same_s8", prune_same_s8()},
          {"prune_relu_s8", prune_relu_s8()},       {"prune_dw_valid_s8", prune_dw_valid_s8()},
          {"prune_dw_same_s8", prune_dw_same_s8()}, {"prune_concat_pool_s8", prune_concat_pool_s8()},
          {"prune_add_s8", prune_add_s8()},         {"prune_dense_s8", prune_dense_s8()}};
}

}  // namespace prune_models

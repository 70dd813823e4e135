// Structured pruning exploited at import time (channels.hpp). Three steps over the validated model:
//  1. forward: which channels of which tensors hold one constant everywhere, and its value, computed
//     with TFLite's integer arithmetic (conv / depthwise / dense requantization, pooling, RESHAPE,
//     CONCATENATION, ADD);
//  2. which channels can go: the largest set in which every channel's consumers can do without it
//     (fold its constant into their bias exactly, or have only zero weights for it, or drop it too);
//  3. rewrite the layers (weights, biases, scales, bias folding) and the tensors' shapes.
// A channel of a graph input or output, or read by an op not modelled here, is always kept.

#include "channels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>

#include "error.hpp"

namespace ctml_import {
namespace {

using constant = std::optional<std::int32_t>;  ///< a channel's value everywhere, if it is one constant

constexpr std::int64_t i32_max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t i32_min = std::numeric_limits<std::int32_t>::min();

// TFLite's requantization (QuantizeMultiplier, MultiplyByQuantizedMultiplier with double rounding,
// CalculateActivationRangeQuantized), as include/ctml/quant computes it at compile time.
struct multiplier {
  std::int32_t value = 0;
  int shift = 0;
};
multiplier quantize_multiplier(double real) {
  if (real == 0.0) return {};
  int shift = 0;
  const double mantissa = std::frexp(real, &shift);
  auto q = static_cast<std::int64_t>(std::round(mantissa * 2147483648.0));
  if (q == (std::int64_t{1} << 31)) {
    q /= 2;
    ++shift;
  }
  if (shift < -31) return {};
  if (shift > 30) return {std::numeric_limits<std::int32_t>::max(), 30};
  return {static_cast<std::int32_t>(q), shift};
}
std::int32_t high_mul(std::int32_t a, std::int32_t b) {
  if (a == b && a == std::numeric_limits<std::int32_t>::min())
    return std::numeric_limits<std::int32_t>::max();
  const std::int64_t ab = std::int64_t{a} * std::int64_t{b};
  const std::int64_t nudge = ab >= 0 ? (std::int64_t{1} << 30) : (1 - (std::int64_t{1} << 30));
  return static_cast<std::int32_t>((ab + nudge) / (std::int64_t{1} << 31));
}
std::int32_t divide_by_pot(std::int32_t x, int exponent) {
  const auto mask = static_cast<std::int32_t>((std::int64_t{1} << exponent) - 1);
  const std::int32_t remainder = x & mask;
  const std::int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}
std::int32_t requantize(std::int32_t x, multiplier m) {
  const int left = m.shift > 0 ? m.shift : 0, right = m.shift > 0 ? 0 : -m.shift;
  const auto shifted = static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << left);
  return divide_by_pot(high_mul(shifted, m.value), right);
}
// In int64: a requantized value near the int32 limits plus the zero point, or a bound of a tiny
// scale, must clamp, not overflow (found by fuzz.sh; a real model's values stay far from them).
std::int32_t clamp_to_activation(std::int64_t v, activation act, const quant& out) {
  const auto q = [&](float real) {
    const double steps = std::round(static_cast<double>(real) / static_cast<double>(out.scale));
    return std::int64_t{out.zero_point} + static_cast<std::int64_t>(std::clamp(steps, -1e12, 1e12));
  };
  std::int64_t lo = -128, hi = 127;
  if (act == activation::relu || act == activation::relu6) lo = std::max(lo, q(0.0f));
  if (act == activation::relu6) hi = std::min(hi, q(6.0f));
  if (act == activation::relu_n1_to_1) lo = std::max(lo, q(-1.0f)), hi = std::min(hi, q(1.0f));
  return static_cast<std::int32_t>(std::clamp(v, std::min(lo, hi), hi));
}

std::size_t idx(int i) {
  return static_cast<std::size_t>(i);
}
int channels_of(const activation_tensor& t) {
  return t.dims.empty() ? 1 : t.dims.back();
}

/// Padding adds nothing to a conv's sums (every tap of every output is inside the input): a constant
/// input channel then adds the same amount to every output.
bool no_padding(const model& m, const layer& l) {
  if (l.kind == layer_kind::dense) return true;
  for (std::size_t k = 0; k < l.pad_before.size(); ++k)
    if (l.pad_before[k] != 0 || l.pad_after[k] != 0) return false;
  if (l.pad == padding::valid) return true;
  const std::vector<int>& in = m.tensors[idx(l.inputs[0])].dims;
  const std::vector<int>& out = m.tensors[idx(l.output)].dims;
  const auto total = [](int o, int s, int k, int d, int i) {
    return std::max(0, (o - 1) * s + (k - 1) * d + 1 - i);
  };
  return total(out[1], l.stride_h, l.kernel_h, l.dilation_h, in[1]) == 0 &&
         total(out[2], l.stride_w, l.kernel_w, l.dilation_w, in[2]) == 0;
}

class folder {
 public:
  folder(model& m, std::size_t multiple)
      : m_(m), consts_(m.tensors.size()), gone_(m.tensors.size()), multiple_(multiple) {}

  void run(bool keep) {
    record_before();
    if (m_.type != dtype::int8) return;
    for (std::size_t t = 0; t < m_.tensors.size(); ++t)
      consts_[t].assign(idx(channels_of(m_.tensors[t])), std::nullopt);
    for (std::size_t k = 0; k < m_.layers.size(); ++k) forward(k);
    if (keep) return;
    choose();
    rewrite();
  }

 private:
  // ---- the layers this file understands ----

  /// conv2d, dense, depthwise_conv2d (depth multiplier 1) with int8 weights and an int32 bias.
  bool weighted(const layer& l) const {
    if (l.kind != layer_kind::conv2d && l.kind != layer_kind::dense && l.kind != layer_kind::depthwise_conv2d)
      return false;
    if (l.kind == layer_kind::depthwise_conv2d && l.depth_multiplier != 1) return false;
    if (l.bias_i32.size() != idx(l.filters) || l.weights_i8.empty() || l.inputs.size() != 1) return false;
    if (l.weight_scales.size() != 1 && l.weight_scales.size() != idx(l.filters)) return false;
    if (!int8(l.inputs[0]) || !int8(l.output)) return false;
    const int c = channels_of(m_.tensors[idx(l.inputs[0])]);
    if (l.kind == layer_kind::dense) return c > 0 && l.in_features % c == 0;
    return l.kind == layer_kind::depthwise_conv2d || l.in_channels == c;
  }
  /// Layers whose output channel o comes from input channel o only: depthwise (multiplier 1), pooling,
  /// a RESHAPE that keeps the last axis, a CONCATENATION along the last axis (from one input's channel),
  /// an ADD of two activations of one shape (from channel o of both).
  bool mapped(const layer& l) const {
    switch (l.kind) {
      case layer_kind::depthwise_conv2d:
        return weighted(l);
      case layer_kind::average_pool2d:
      case layer_kind::max_pool2d:
        return int8(l.inputs[0]) && int8(l.output);
      case layer_kind::reshape: {
        const activation_tensor &in = m_.tensors[idx(l.inputs[0])], &out = m_.tensors[idx(l.output)];
        return int8(l.inputs[0]) && int8(l.output) && in.dims.size() >= 2 && out.dims.size() >= 2 &&
               in.dims.back() == out.dims.back();
      }
      case layer_kind::add: {
        if (l.has_constant || l.inputs.size() != 2 || !int8(l.output)) return false;
        return int8(l.inputs[0]) && int8(l.inputs[1]) &&
               m_.tensors[idx(l.inputs[0])].dims == m_.tensors[idx(l.output)].dims &&
               m_.tensors[idx(l.inputs[1])].dims == m_.tensors[idx(l.output)].dims;
      }
      case layer_kind::concatenation: {
        const std::size_t rank = m_.tensors[idx(l.output)].dims.size();
        if (rank < 2 || l.axis != static_cast<int>(rank) - 2 || !int8(l.output)) return false;
        for (int in : l.inputs)
          if (!int8(in)) return false;
        return true;
      }
      default:
        return false;
    }
  }
  bool int8(int t) const { return m_.tensors[idx(t)].type == dtype::int8; }
  bool graph_output(int t) const {
    return std::find(m_.outputs.begin(), m_.outputs.end(), t) != m_.outputs.end();
  }
  /// The input (slot, channel) pairs behind output channel o of a mapped layer.
  std::vector<std::pair<std::size_t, int>> sources(const layer& l, int o) const {
    if (l.kind == layer_kind::add) return {{0, o}, {1, o}};
    if (l.kind != layer_kind::concatenation) return {{0, o}};
    for (std::size_t s = 0; s < l.inputs.size(); ++s) {
      const int c = channels_of(m_.tensors[idx(l.inputs[s])]);
      if (o < c) return {{s, o}};
      o -= c;
    }
    throw error("internal: concatenation channel out of range");
  }
  /// Output channel of a mapped layer that input slot s's channel c becomes.
  int target(const layer& l, std::size_t s, int c) const {
    if (l.kind != layer_kind::concatenation) return c;
    for (std::size_t k = 0; k < s; ++k) c += channels_of(m_.tensors[idx(l.inputs[k])]);
    return c;
  }

  /// TFLite's int8 ADD of two values (add_common.cc: both inputs offset, shifted left by 20 and rescaled
  /// to twice the larger input scale, summed, rescaled to the output), then the fused activation.
  std::int32_t add_value(const layer& l, std::int32_t a, std::int32_t b) const {
    const quant &qa = m_.tensors[idx(l.inputs[0])].q, &qb = m_.tensors[idx(l.inputs[1])].q;
    const quant& qo = m_.tensors[idx(l.output)].q;
    const double twice_max = 2.0 * static_cast<double>(qa.scale > qb.scale ? qa.scale : qb.scale);
    const multiplier ma = quantize_multiplier(static_cast<double>(qa.scale) / twice_max);
    const multiplier mb = quantize_multiplier(static_cast<double>(qb.scale) / twice_max);
    const multiplier mo =
        quantize_multiplier(twice_max / (static_cast<double>(1 << 20) * static_cast<double>(qo.scale)));
    const std::int32_t sa = requantize((a - qa.zero_point) * (std::int32_t{1} << 20), ma);
    const std::int32_t sb = requantize((b - qb.zero_point) * (std::int32_t{1} << 20), mb);
    return clamp_to_activation(std::int64_t{requantize(sa + sb, mo)} + qo.zero_point, l.act, qo);
  }

  // Weights of (output channel o, tap, input channel c) of a conv or dense layer; `taps` each.
  int taps(const layer& l) const {
    if (l.kind == layer_kind::dense) return l.in_features / channels_of(m_.tensors[idx(l.inputs[0])]);
    return l.kernel_h * l.kernel_w;
  }
  int in_channels(const layer& l) const { return channels_of(m_.tensors[idx(l.inputs[0])]); }
  std::int8_t weight(const layer& l, int o, int tap, int c) const {
    if (l.kind == layer_kind::depthwise_conv2d) return l.weights_i8[idx(tap) * idx(l.filters) + idx(o)];
    const int ci = in_channels(l);
    return l.weights_i8[(idx(o) * idx(taps(l)) + idx(tap)) * idx(ci) + idx(c)];
  }
  /// Σ over taps of the weights of (o, c), and Σ of their magnitudes.
  std::pair<std::int64_t, std::int64_t> weight_sum(const layer& l, int o, int c) const {
    std::int64_t s = 0, a = 0;
    for (int tap = 0; tap < taps(l); ++tap) {
      const int w = weight(l, o, tap, c);
      s += w;
      a += std::abs(w);
    }
    return {s, a};
  }
  bool zero_weights(const layer& l, int o, int c) const { return weight_sum(l, o, c).second == 0; }

  /// A weighted layer's output channel o for the accumulator `acc`: requantized, offset, clamped.
  std::int32_t output_value(const layer& l, int o, std::int32_t acc) const {
    const quant &qi = m_.tensors[idx(l.inputs[0])].q, &qo = m_.tensors[idx(l.output)].q;
    const float ws = l.weight_scales[l.weight_scales.size() == 1 ? 0 : idx(o)];
    const multiplier mul = quantize_multiplier(static_cast<double>(qi.scale) * static_cast<double>(ws) /
                                               static_cast<double>(qo.scale));
    return clamp_to_activation(std::int64_t{requantize(acc, mul)} + qo.zero_point, l.act, qo);
  }

  // ---- 1. forward: constant channels ----

  void forward(std::size_t k) {
    const layer& l = m_.layers[k];
    std::vector<constant>& out = consts_[idx(l.output)];
    if (weighted(l)) {
      const int zp = m_.tensors[idx(l.inputs[0])].q.zero_point;
      const std::vector<constant>& in = consts_[idx(l.inputs[0])];
      const bool exact = no_padding(m_, l);
      const bool dw = l.kind == layer_kind::depthwise_conv2d;
      for (int o = 0; o < l.filters; ++o) {
        std::int64_t acc = l.bias_i32[idx(o)];
        bool ok = true;
        for (int c = dw ? o : 0; ok && c < (dw ? o + 1 : in_channels(l)); ++c) {
          const auto [sum, magnitude] = weight_sum(l, o, c);
          if (magnitude == 0) continue;
          if (!in[idx(c)]) {
            ok = false;
            continue;
          }
          const std::int64_t d = std::int64_t{*in[idx(c)]} - zp;
          if (d == 0) continue;
          if (!exact) ok = false;
          acc += d * sum;
        }
        if (ok && acc >= i32_min && acc <= i32_max)
          out[idx(o)] = output_value(l, o, static_cast<std::int32_t>(acc));
      }
      return;
    }
    if (!mapped(l)) return;
    for (int o = 0; o < static_cast<int>(out.size()); ++o) {
      const auto [s, c] = sources(l, o)[0];
      const int in = l.inputs[s];
      constant v = consts_[idx(in)][idx(c)];
      if (!v) continue;
      if (l.kind == layer_kind::add) {
        const constant w = consts_[idx(l.inputs[1])][idx(o)];
        if (!w) continue;  // the other operand varies
        v = add_value(l, *v, *w);
      } else if (l.kind == layer_kind::average_pool2d || l.kind == layer_kind::max_pool2d) {
        // The maximum, or the rounded average of the window's elements inside the input, of one value c
        // is c; then the fused activation.
        v = clamp_to_activation(*v, l.act, m_.tensors[idx(l.output)].q);
      } else if (l.kind == layer_kind::concatenation) {
        const quant &qi = m_.tensors[idx(in)].q, &qo = m_.tensors[idx(l.output)].q;
        if (qi.scale != qo.scale || qi.zero_point != qo.zero_point) continue;  // requantized: not followed
      }
      out[idx(o)] = v;
    }
  }

  // ---- 2. the channels that can go ----

  /// Per consumer (conv / dense) whether every constant input channel folds into every bias without
  /// leaving int32: else only channels it reads through zero weights, or whose d is 0, can go.
  bool folds_fit(const layer& l) const {
    const std::vector<constant>& in = consts_[idx(l.inputs[0])];
    const int zp = m_.tensors[idx(l.inputs[0])].q.zero_point;
    for (int o = 0; o < l.filters; ++o) {
      std::int64_t worst = std::abs(std::int64_t{l.bias_i32[idx(o)]});
      for (int c = 0; c < in_channels(l); ++c)
        if (in[idx(c)]) worst += std::abs(std::int64_t{*in[idx(c)]} - zp) * weight_sum(l, o, c).second;
      if (worst > i32_max) return false;
    }
    return true;
  }

  /// Can channel c of tensor t go, given the current candidates `gone_`?
  bool can_go(int t, int c) const {
    // Its producer must drop it: a mapped layer only together with its source channel.
    const layer& p = m_.layers[idx(t) - m_.input_count];
    if (mapped(p))
      for (const auto& [s, ci] : sources(p, c))
        if (!gone_[idx(p.inputs[s])][idx(ci)]) return false;
    const constant v = consts_[idx(t)][idx(c)];
    for (std::size_t k = 0; k < m_.layers.size(); ++k) {
      const layer& l = m_.layers[k];
      for (std::size_t s = 0; s < l.inputs.size(); ++s) {
        if (l.inputs[s] != t) continue;
        if (mapped(l)) {
          if (!gone_[idx(l.output)][idx(target(l, s, c))]) return false;
          continue;
        }
        if (!weighted(l)) return false;  // an op not modelled here reads it
        // A constant channel: d = value - zero point adds d * w at every tap inside the input. d == 0
        // adds nothing anywhere; else the same d * Σw at every output when no tap is padding.
        const bool fold = v && (*v == m_.tensors[idx(t)].q.zero_point || (fits_[k] && no_padding(m_, l)));
        for (int o = 0; o < l.filters; ++o)
          if (!gone_[idx(l.output)][idx(o)] && !fold && !zeros_[k][idx(o) * idx(in_channels(l)) + idx(c)])
            return false;
      }
    }
    return true;
  }

  void choose() {
    // Which (filter, input channel) pairs have all-zero weights, once: can_go asks for each of them in
    // every pass of the fixed point (rescanning the taps there made mutated MLPerf models 12x slower to
    // import under the fuzzer's sanitizers).
    zeros_.assign(m_.layers.size(), {});
    for (std::size_t k = 0; k < m_.layers.size(); ++k) {
      const layer& l = m_.layers[k];
      if (!weighted(l) || l.kind == layer_kind::depthwise_conv2d) continue;
      const int ci = in_channels(l);
      zeros_[k].resize(idx(l.filters) * idx(ci));
      for (int o = 0; o < l.filters; ++o)
        for (int c = 0; c < ci; ++c) zeros_[k][idx(o) * idx(ci) + idx(c)] = zero_weights(l, o, c);
    }
    fits_.assign(m_.layers.size(), false);
    for (std::size_t k = 0; k < m_.layers.size(); ++k) {
      const layer& l = m_.layers[k];
      if (weighted(l) && l.kind != layer_kind::depthwise_conv2d) fits_[k] = folds_fit(l);
    }
    for (std::size_t t = 0; t < m_.tensors.size(); ++t) {
      const bool candidate =
          t >= m_.input_count && !graph_output(static_cast<int>(t)) &&
          (weighted(m_.layers[t - m_.input_count]) || mapped(m_.layers[t - m_.input_count]));
      gone_[t].assign(idx(channels_of(m_.tensors[t])), candidate);
    }
    // The greatest set closed under can_go: drop candidates that fail until none does (each pass only
    // removes candidates, and removing one never lets another pass that failed). Then every tensor keeps
    // a channel: where all would go, the first stays, and the passes run again. Last tensor first: a
    // kept channel keeps its sources (earlier tensors) in the same pass.
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t t = m_.tensors.size(); t-- > m_.input_count;) {
        std::vector<bool>& g = gone_[t];
        for (int c = 0; c < static_cast<int>(g.size()); ++c)
          if (g[idx(c)] && !can_go(static_cast<int>(t), c)) g[idx(c)] = false, changed = true;
      }
      if (changed) continue;
      for (std::size_t t = m_.input_count; t < m_.tensors.size() && !changed; ++t) {
        std::vector<bool>& g = gone_[t];
        if (!g.empty() && std::all_of(g.begin(), g.end(), [](bool b) { return b; }))
          g[0] = false, changed = true;
      }
      if (changed) continue;
      // A tensor of a multiple of 4 channels keeps a multiple of 4 (--channel-multiple): the Arm
      // kernels read 4 channels a word, and a layer left with, say, 13 of 16 channels took their slower
      // paths (IC pruned s25 ran 1.22x the dense model's instructions on the Cortex-M4). Keeping a
      // channel that could go is always exact; the last ones that could go stay.
      for (std::size_t t = m_.input_count; t < m_.tensors.size() && multiple_ > 1; ++t) {
        std::vector<bool>& g = gone_[t];
        if (g.size() % multiple_ != 0) continue;
        auto kept = static_cast<std::size_t>(std::count(g.begin(), g.end(), false));
        for (std::size_t c = g.size(); c-- > 0 && kept % multiple_ != 0;)
          if (g[c]) g[c] = false, ++kept, changed = true;
      }
    }
  }

  // ---- 3. rewrite ----

  void rewrite() {
    for (std::size_t k = 0; k < m_.layers.size(); ++k) {
      layer& l = m_.layers[k];
      if (weighted(l)) rewrite_weighted(k);
      if ((l.kind == layer_kind::average_pool2d || l.kind == layer_kind::max_pool2d) && mapped(l)) {
        const std::uint64_t before = l.macs;
        const std::vector<int>& od = m_.tensors[idx(l.output)].dims;
        l.macs = std::uint64_t(od[1]) * std::uint64_t(od[2]) * std::uint64_t(kept(l.output)) *
                 std::uint64_t(l.kernel_h) * std::uint64_t(l.kernel_w);
        m_.pruning_other_macs += before - l.macs;
      }
    }
    for (std::size_t t = 0; t < m_.tensors.size(); ++t) {
      activation_tensor& x = m_.tensors[t];
      if (x.dims.empty() || kept(static_cast<int>(t)) == x.dims.back()) continue;
      x.elements = x.elements / std::uint64_t(x.dims.back()) * std::uint64_t(kept(static_cast<int>(t)));
      x.dims.back() = kept(static_cast<int>(t));
    }
  }
  int kept(int t) const {
    return static_cast<int>(std::count(gone_[idx(t)].begin(), gone_[idx(t)].end(), false));
  }

  void rewrite_weighted(std::size_t k) {
    layer& l = m_.layers[k];
    const layer old = l;
    const std::vector<bool>&gin = gone_[idx(l.inputs[0])], &gout = gone_[idx(l.output)];
    const std::vector<constant>& in = consts_[idx(l.inputs[0])];
    const int zp = m_.tensors[idx(l.inputs[0])].q.zero_point;
    const bool dw = l.kind == layer_kind::depthwise_conv2d;
    const int ci = in_channels(old), nt = taps(old);
    l.weights_i8.clear();
    l.bias_i32.clear();
    if (old.weight_scales.size() != 1) l.weight_scales.clear();
    if (dw) {
      for (int tap = 0; tap < nt; ++tap)
        for (int o = 0; o < old.filters; ++o)
          if (!gout[idx(o)]) l.weights_i8.push_back(weight(old, o, tap, o));
    }
    for (int o = 0; o < old.filters; ++o) {
      if (gout[idx(o)]) continue;
      std::int64_t bias = old.bias_i32[idx(o)];
      if (!dw) {
        for (int tap = 0; tap < nt; ++tap)
          for (int c = 0; c < ci; ++c)
            if (!gin[idx(c)]) l.weights_i8.push_back(weight(old, o, tap, c));
        for (int c = 0; c < ci; ++c) {
          if (!gin[idx(c)] || zero_weights(old, o, c)) continue;
          // can_go allowed it: the channel is constant and folds exactly (checked again here).
          if (!in[idx(c)])
            throw error("internal: op " + std::to_string(l.op_index) + " reads a dropped channel");
          const std::int64_t d = std::int64_t{*in[idx(c)]} - zp;
          if (d == 0) continue;
          if (!fits_[k] || !no_padding(m_, old))
            throw error("internal: op " + std::to_string(l.op_index) + " cannot fold a dropped channel");
          bias += d * weight_sum(old, o, c).first;
        }
      }
      if (bias < i32_min || bias > i32_max) throw error("internal: folded bias out of range");
      l.bias_i32.push_back(static_cast<std::int32_t>(bias));
      if (old.weight_scales.size() != 1) l.weight_scales.push_back(old.weight_scales[idx(o)]);
    }
    l.filters = static_cast<int>(l.bias_i32.size());
    const std::uint64_t cin = dw ? 1 : static_cast<std::uint64_t>(std::count(gin.begin(), gin.end(), false));
    const std::vector<int>& od = m_.tensors[idx(l.output)].dims;
    if (l.kind == layer_kind::conv2d) {
      l.in_channels = static_cast<int>(cin);
      l.macs =
          std::uint64_t(od[1]) * std::uint64_t(od[2]) * std::uint64_t(l.filters) * std::uint64_t(nt) * cin;
    } else if (dw) {
      l.macs = std::uint64_t(od[1]) * std::uint64_t(od[2]) * std::uint64_t(l.filters) * std::uint64_t(nt);
    } else {
      l.in_features = static_cast<int>(std::uint64_t(nt) * cin);
      l.macs = std::uint64_t(l.filters) * std::uint64_t(l.in_features);
    }
    l.params = l.weights_i8.size() + l.bias_i32.size();
    for (pruning_row& r : m_.pruning) {
      if (r.op_index != l.op_index) continue;
      r.out_removed = old.filters - l.filters;
      r.in_removed = dw ? r.out_removed : ci - static_cast<int>(cin);
      r.bytes_saved = (old.weights_i8.size() - l.weights_i8.size()) + 12 * std::uint64_t(r.out_removed);
      r.macs_skipped = old.macs - l.macs;
    }
  }

  void record_before() {
    for (const layer& l : m_.layers) {
      if (l.kind != layer_kind::conv2d && l.kind != layer_kind::dense &&
          l.kind != layer_kind::depthwise_conv2d)
        continue;
      if (l.weights_i8.empty()) continue;
      pruning_row r;
      r.op_index = l.op_index;
      r.op_name = l.op_name;
      r.weights = l.weights_i8.size();
      r.zero_weights = static_cast<std::uint64_t>(std::count(l.weights_i8.begin(), l.weights_i8.end(), 0));
      r.out_total = l.filters;
      r.in_total = l.kind == layer_kind::depthwise_conv2d ? l.filters : in_channels(l);
      const std::size_t per = l.weights_i8.size() / idx(l.filters);
      for (int o = 0; o < l.filters; ++o) {
        bool zero = true;
        for (std::size_t i = 0; zero && i < per; ++i)
          zero = (l.kind == layer_kind::depthwise_conv2d ? l.weights_i8[i * idx(l.filters) + idx(o)]
                                                         : l.weights_i8[idx(o) * per + i]) == 0;
        r.zero_channels += zero ? 1 : 0;
      }
      m_.pruning.push_back(r);
    }
  }

  model& m_;
  std::vector<std::vector<constant>> consts_;  ///< per tensor, per channel
  std::vector<std::vector<bool>> gone_;        ///< per tensor, per channel: removed
  std::vector<bool> fits_;                     ///< per layer: folds_fit
  std::vector<std::vector<bool>> zeros_;  ///< per conv / dense layer, per (filter, input channel): all zero
  std::size_t multiple_;                  ///< --channel-multiple
};

}  // namespace

void fold_pruned_channels(model& m, bool keep, int channel_multiple) {
  m.pruned_channels_kept = keep;
  folder(m, static_cast<std::size_t>(channel_multiple)).run(keep);
}

}  // namespace ctml_import

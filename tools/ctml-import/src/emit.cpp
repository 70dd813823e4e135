// The header writer. It reads only the validated model description.

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <functional>
#include <limits>
#include <string>

#include "import.hpp"

namespace ctml_import {
namespace {

constexpr std::size_t comment_width = 108;  // clang-format's column limit is 110

std::string with_commas(std::uint64_t v) {
  const std::string digits = std::to_string(v);
  std::string s;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) s += ',';
    s += digits[i];
  }
  return s;
}

/// A C++ integer literal with digit separators ("2'664'768").
std::string cpp_number(std::uint64_t v) {
  std::string s = with_commas(v);
  std::replace(s.begin(), s.end(), ',', '\'');
  return s;
}

/// A float as a C++ literal that reads back to the same value ("0.5847029f", "1.0f", "1e-05f").
std::string float_literal(float v) {
  std::array<char, 64> buf{};
  const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  std::string s(buf.data(), res.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s + "f";
}

/// Text safe inside a // comment: printable ASCII, no backslash (a trailing one would continue
/// the comment onto the next line), at most `max` characters.
std::string comment_text(std::string_view s, std::size_t max) {
  std::string out;
  for (char c : s) out += (c >= 0x20 && c < 0x7f && c != '\\') ? c : '?';
  if (out.size() > max) out = out.substr(0, max - 3) + "...";
  return out;
}

std::string dims_text(const std::vector<int>& d, std::size_t from = 0) {
  std::string s;
  for (std::size_t i = from; i < d.size(); ++i) {
    if (i > from) s += 'x';
    s += std::to_string(d[i]);
  }
  return s;
}

/// " (TFLite 9x1x5, time-major: the same bytes)" for a time-major LSTM's tensor [T, 1, X] imported as
/// [1, T, X], else "".
std::string time_major_note(const activation_tensor& t) {
  if (t.time_major_dims.empty()) return "";
  return " (TFLite " + dims_text(t.time_major_dims) + ", time-major: the same bytes)";
}

std::string shape_type(const std::vector<int>& d) {
  std::string s = "ctml::shape<";
  for (std::size_t i = 1; i < d.size(); ++i) {
    if (i > 1) s += ", ";
    s += std::to_string(d[i]);
  }
  return s + ">";
}

std::string activation_name(activation a) {
  switch (a) {
    case activation::none:
      return "none";
    case activation::relu:
      return "relu";
    case activation::relu6:
      return "relu6";
    case activation::relu_n1_to_1:
      return "relu_n1_to_1";
  }
  return "none";
}

std::string hw(int h, int w) {
  return "{" + std::to_string(h) + ", " + std::to_string(w) + "}";
}

std::string quant_literal(const quant& q) {
  return "{" + float_literal(q.scale) + ", " + std::to_string(q.zero_point) + "}";
}

/// The C++ element type of a tensor type.
std::string cpp_type(dtype t) {
  switch (t) {
    case dtype::int8:
      return "std::int8_t";
    case dtype::int16:
      return "std::int16_t";
    case dtype::int32:
      return "std::int32_t";
    case dtype::float32:
      break;
  }
  return "float";
}

std::string data_name(const layer& l) {
  return "op" + std::to_string(l.op_index) + "_" + layer_kind_name(l.kind);
}

bool has_data(const model& m, const layer& l) {
  switch (l.kind) {
    case layer_kind::conv2d:
    case layer_kind::depthwise_conv2d:
    case layer_kind::dense:
    case layer_kind::softmax:
    case layer_kind::conv2d_transpose:
    case layer_kind::lstm:
    case layer_kind::batch_matmul:
      return true;
    case layer_kind::add:
    case layer_kind::sub:
    case layer_kind::mul:
      return m.type != dtype::float32 || l.has_constant;
    case layer_kind::prelu:
      return m.type != dtype::float32 || l.has_constant;
    case layer_kind::div:
    case layer_kind::minimum:
    case layer_kind::maximum:
      return l.has_constant;  // minimum / maximum keep their inputs' quantization
    case layer_kind::mean:
    case layer_kind::hard_swish:
      return m.type != dtype::float32;
    case layer_kind::quantize:
      return true;
    case layer_kind::sigmoid:
    case layer_kind::tanh:
      return m.type != dtype::float32;  // int8 or int16 (Q0.15)
    case layer_kind::pad:
      return l.has_pad_value;
    case layer_kind::leaky_relu:
    case layer_kind::svdf:
      return true;
    default:
      return false;
  }
}

/// Writes `values` as rows: a new row every `row` values (each row starts on a new line, with
/// `label(r)` as a trailing comment), wrapped every `per_line` values.
template <class T, class Fmt, class Label>
void rows(std::string& out, const std::vector<T>& values, std::size_t row, std::size_t per_line, Fmt fmt,
          Label label) {
  const std::string indent = "        ";
  if (row == 0) row = values.size();
  for (std::size_t start = 0, r = 0; start < values.size(); start += row, ++r) {
    const std::size_t end = std::min(values.size(), start + row);
    for (std::size_t i = start; i < end; i += per_line) {
      out += indent;
      const std::size_t stop = std::min(end, i + per_line);
      for (std::size_t j = i; j < stop; ++j) {
        out += fmt(values[j]);
        out += ",";
        if (j + 1 != stop) out += " ";
      }
      if (i == start) {
        const std::string l = label(r);
        if (!l.empty()) out += "  // " + l;
      }
      out += "\n";
    }
  }
}

/// int8 values right-aligned in 4 columns, from a table (the weights are most of the header).
const std::string& int8_fmt(std::int8_t v) {
  static const std::array<std::string, 256> table = [] {
    std::array<std::string, 256> t;
    for (int i = -128; i < 128; ++i) {
      std::string s = std::to_string(i);
      t[static_cast<std::size_t>(i + 128)] = std::string(4 - s.size(), ' ') + s;
    }
    return t;
  }();
  return table[static_cast<std::size_t>(v + 128)];
}
std::string int32_fmt(std::int32_t v) {
  return std::to_string(v);
}
std::string int64_fmt(std::int64_t v) {
  // -2^63 has no literal (9223372036854775808 fits no signed type).
  if (v == std::numeric_limits<std::int64_t>::min()) return "(-9223372036854775807 - 1)";
  return std::to_string(v);
}
std::string f32_fmt(float v) {
  return float_literal(v);
}

class emitter {
 public:
  emitter(const model& m, const header_info& info) : m_(m), info_(info) {}

  std::string run() {
    summary();
    out_ += "#pragma once\n\n#include <cstdint>\n\n#include <ctml/nn.hpp>\n\n";
    out_ += "namespace " + info_.name + "_data {\n\n";
    for (std::size_t k = 0; k < m_.input_count; ++k) {
      const activation_tensor& in = m_.tensors[k];
      out_ += "// t" + std::to_string(in.tflite_index) + " \"" + comment_text(in.name, 60) + "\" " +
              dims_text(in.dims) + " " + type_word(in.type) + time_major_note(in) + "\n";
      if (in.type != dtype::float32) {
        out_ += "inline constexpr ctml::quantization " + input_name(k) + quant_literal(in.q) +
                ";  // r = scale * (q - zero_point)\n";
      }
    }
    for (const layer& l : m_.layers)
      if (has_data(m_, l)) data(l);
    out_ += "\n}  // namespace " + info_.name + "_data\n\n";
    model_type();
    totals_check();
    return std::move(out_);
  }

 private:
  bool q8() const { return m_.type != dtype::float32; }  ///< quantized: int8 weights (int8 or int16x8)
  bool s16() const { return m_.type == dtype::int16; }   ///< TFLite's 16x8: int16 activations, int64 bias
  /// "int8", "float32", or "int8, float input and output" (and the like) around an int8 model.
  std::string type_text() const {
    std::string s = s16() ? "int16x8" : type_word(m_.type);
    const dtype tin = m_.tensors.front().type, tout = m_.tensors.back().type;
    const bool fin = tin != m_.type, fout = tout != m_.type;
    if (fin && fout && tin == tout)
      s += ", " + type_word(tin, "float") + " input and output";
    else {
      if (fin) s += ", " + type_word(tin, "float") + " input";
      if (fout) s += ", " + type_word(tout, "float") + " output";
    }
    return s;
  }
  std::string elem() const { return cpp_type(m_.type); }
  bool quantized() const { return q8(); }  ///< int8 or int16 activations
  /// The name of graph input k: "input" for a model with one input, else "input0", "input1", ...
  std::string input_name(std::size_t k) const {
    return m_.input_count == 1 ? std::string("input") : "input" + std::to_string(k);
  }

  void summary() {
    out_ += "// Generated by ctml-import " + std::string(version) + " from " +
            comment_text(info_.source_name, 60) + " \xE2\x80\x94 do not edit.\n";
    out_ += "// Source SHA-256: " + info_.sha256 + "\n";
    if (!m_.description.empty()) out_ += "// Model description: " + comment_text(m_.description, 80) + "\n";
    out_ += "// Summary (" + type_text() + ", " + (m_.is_chain ? "sequential" : "graph") + "):\n";
    char line[256];
    // Params and MACs are checked against the library by the static_assert that ends the header.
    // Bytes are not printed: flash and RAM depend on the target's kernels (the Arm DSP conv widens
    // some weights to int16; the arena holds their scratch), so only the library can say them.
    auto row = [&](const std::string& op, const std::string& name, const std::string& shape,
                   const std::string& params, const std::string& macs) {
      std::snprintf(line, sizeof line, "//   %-4s %-18s %-14s %10s %12s", op.c_str(), name.c_str(),
                    shape.c_str(), params.c_str(), macs.c_str());
      std::string s = line;
      while (!s.empty() && s.back() == ' ') s.pop_back();
      out_ += s.substr(0, comment_width) + "\n";
    };
    row("op", "layer", "output shape", "params", "MACs");
    row("--", "-----", "------------", "------", "----");
    for (std::size_t k = 0; k < m_.input_count; ++k)
      row("-", input_name(k), dims_text(m_.tensors[k].dims, 1), "0", "0");
    std::uint64_t macs = 0, params = 0;
    for (const layer& l : m_.layers) {
      if (l.kind == layer_kind::dense && l.flatten_input)
        row(std::to_string(l.op_index), "reshape (flatten)", std::to_string(l.in_features), "0", "0");
      row(std::to_string(l.op_index),
          l.kind == layer_kind::activation ? activation_name(l.act) : layer_kind_name(l.kind),
          dims_text(m_.tensors[static_cast<std::size_t>(l.output)].dims, 1), with_commas(l.params),
          with_commas(l.macs));
      macs += l.macs;
      params += l.params;
    }
    if (m_.input_count != 1 || m_.outputs.size() != 1) {
      std::string outs;
      for (int t : m_.outputs) outs += (outs.empty() ? "" : ", ") + node_name(t);
      out_ += "// Inputs: " + std::to_string(m_.input_count) + " (arena.input<I>()); outputs: " + outs +
              " (arena.output<I>())\n";
    }
    for (const std::string& f : m_.folded) out_ += "// Folded at import time: " + f + "\n";
    pruning();
    out_ += "// Totals: " + with_commas(params) + " params, " + with_commas(macs) + " MACs\n";
    out_ +=
        "//   flash: " + info_.name + "::flash_bytes (weights, biases, requantization constants, as the\n";
    out_ += "//          target's kernels read them); RAM: " + info_.name + "::ram_bytes (arena + state)\n";
    macs_ = macs;
    params_ = params;
  }

  /// Per conv / depthwise / dense layer, for a model that looks pruned (a filter of zeros, or a layer at
  /// least a quarter zeros): its zero weights, the channels folded away (channels.hpp) and what that
  /// saved. The params and MACs above are those left.
  void pruning() {
    bool pruned = false;
    std::uint64_t bytes = 0, macs = m_.pruning_other_macs;
    for (const pruning_row& r : m_.pruning) {
      pruned = pruned || r.zero_channels > 0 || r.zero_weights * 4 >= r.weights || r.out_removed > 0 ||
               r.in_removed > 0;
      bytes += r.bytes_saved;
      macs += r.macs_skipped;
    }
    if (!pruned) return;
    out_ +=
        m_.pruned_channels_kept
            ? "// Pruning (channels kept: --keep-pruned-channels):\n"
            : "// Pruning (all-zero and dead channels removed, their constants folded into the next bias):\n";
    char line[256];
    auto row = [&](const std::string& op, const std::string& name, const std::string& zero,
                   const std::string& filters, const std::string& removed, const std::string& saved,
                   const std::string& skipped) {
      std::snprintf(line, sizeof line, "//   %-4s %-18s %7s %13s %-17s %11s %13s", op.c_str(), name.c_str(),
                    zero.c_str(), filters.c_str(), removed.c_str(), saved.c_str(), skipped.c_str());
      std::string t = line;
      while (!t.empty() && t.back() == ' ') t.pop_back();
      out_ += t.substr(0, comment_width) + "\n";
    };
    row("op", "layer", "zeros", "zero filters", "removed out, in", "bytes saved", "MACs skipped");
    row("--", "-----", "-----", "------------", "---------------", "-----------", "------------");
    for (const pruning_row& r : m_.pruning) {
      char zero[32];
      std::snprintf(zero, sizeof zero, "%.1f %%",
                    r.weights == 0
                        ? 0.0
                        : 100.0 * static_cast<double>(r.zero_weights) / static_cast<double>(r.weights));
      row(std::to_string(r.op_index), r.op_name, zero,
          std::to_string(r.zero_channels) + "/" + std::to_string(r.out_total),
          std::to_string(r.out_removed) + "/" + std::to_string(r.out_total) + ", " +
              std::to_string(r.in_removed) + "/" + std::to_string(r.in_total),
          with_commas(r.bytes_saved), with_commas(r.macs_skipped));
    }
    out_ += "//   saved: " + with_commas(bytes) + " bytes of weights, biases and multipliers; " +
            with_commas(macs) + " MACs (pooling included)\n";
    out_ +=
        "//   The zero weights left are ordinary weights in this header; how the kernels skip them is "
        "chosen\n";
    out_ += "//   when the model is compiled, per target.\n";
  }

  // The summary's totals, checked against the model the library builds from the type above.
  void totals_check() {
    const std::string& n = info_.name;
    out_ += "\n// clang-format off\n";
    out_ += "static_assert(" + n + "::macs == " + cpp_number(macs_) + " && " + n +
            "::params == " + cpp_number(params_) + ",\n";
    out_ +=
        "              \"ctml-import: the library's MACs or parameters differ from the summary above\");\n";
    out_ += "// clang-format on\n";
  }

  void data(const layer& l) {
    const activation_tensor& o = m_.tensors[static_cast<std::size_t>(l.output)];
    out_ += "\n// op " + std::to_string(l.op_index) + " " + l.op_name + " -> t" +
            std::to_string(o.tflite_index) + " \"" + comment_text(o.name, 60) + "\" " + dims_text(o.dims) +
            time_major_note(o) + "\n";
    const std::string name = data_name(l);
    if (l.kind == layer_kind::softmax) {
      out_ += "inline constexpr ctml::softmax_params " + name + "{.beta = " + float_literal(l.beta);
      if (q8()) out_ += ", .output = " + quant_literal(o.q);
      out_ += "};\n";
      return;
    }
    if (l.kind == layer_kind::svdf) {
      svdf_data(l, name, o);
      return;
    }
    if (l.kind == layer_kind::pad) {
      std::string v;
      if (m_.type == dtype::float32)
        v = float_literal(static_cast<float>(l.pad_value));
      else
        v = std::to_string(static_cast<std::int64_t>(l.pad_value));
      out_ += "inline constexpr " + elem() + " " + name + "_value = " + v + ";  // PADV2's constant_values\n";
      return;
    }
    if (l.kind == layer_kind::leaky_relu) {
      out_ += "inline constexpr ctml::leaky_relu_params " + name + "{.alpha = " + float_literal(l.alpha);
      if (m_.type != dtype::float32) out_ += ", .output = " + quant_literal(o.q);
      out_ += "};\n";
      return;
    }
    const bool binary = l.kind == layer_kind::add || l.kind == layer_kind::sub || l.kind == layer_kind::mul;
    const bool operand = binary || l.kind == layer_kind::div || l.kind == layer_kind::minimum ||
                         l.kind == layer_kind::maximum || l.kind == layer_kind::prelu ||
                         l.kind == layer_kind::batch_matmul;
    if (operand && l.has_constant) {
      const std::string shape = "ctml::shape<" + [&] {
        std::string d;
        for (std::size_t i = 0; i < l.constant_dims.size(); ++i)
          d += (i ? ", " : "") + std::to_string(l.constant_dims[i]);
        return d;
      }() + ">";
      out_ += "// clang-format off\n";
      out_ += "inline constexpr ctml::constant_operand<" + elem() + ", " + shape + "> " + name + "{\n";
      out_ += std::string("    .values = {  // the constant ") +
              (l.kind == layer_kind::batch_matmul ? (l.constant_lhs ? "first" : "second") : "second") +
              " operand, " + dims_text(l.constant_dims) + "\n";
      if (quantized())
        rows(out_, l.operand_i, 0, 16, int32_fmt, [](std::size_t) { return std::string(); });
      else
        rows(out_, l.weights_f32, 0, 8, f32_fmt, [](std::size_t) { return std::string(); });
      out_ += "    },\n";
      if (quantized()) {
        out_ += "    .quant = " + quant_literal(l.constant_q) + ",\n";
        out_ += "    .output = " + quant_literal(o.q) + ",\n";
      }
      out_ += "};\n";
      out_ += "// clang-format on\n";
      return;
    }
    if (binary || l.kind == layer_kind::quantize || l.kind == layer_kind::sigmoid ||
        l.kind == layer_kind::tanh || l.kind == layer_kind::mean || l.kind == layer_kind::hard_swish ||
        l.kind == layer_kind::prelu) {
      out_ += "inline constexpr ctml::quantization " + name + quant_literal(o.q) + ";\n";
      return;
    }
    if (l.kind == layer_kind::lstm) {
      lstm_data(l, o, name);
      return;
    }
    const std::string ns = std::to_string(l.weight_scales.size());
    std::string type;
    std::size_t row = 0;
    std::string layout;
    std::function<std::string(std::size_t)> label;
    const int oc = l.filters;
    if (l.kind == layer_kind::conv2d || l.kind == layer_kind::conv2d_transpose) {
      type = "ctml::conv2d_weights<" + elem() + ", " + std::to_string(oc) + ", " +
             std::to_string(l.kernel_h) + ", " + std::to_string(l.kernel_w) + ", " +
             std::to_string(l.in_channels);
      row = static_cast<std::size_t>(l.kernel_h) * static_cast<std::size_t>(l.kernel_w) *
            static_cast<std::size_t>(l.in_channels);
      layout = "OHWI [" + std::to_string(oc) + "][" + std::to_string(l.kernel_h) + "][" +
               std::to_string(l.kernel_w) + "][" + std::to_string(l.in_channels) + "]";
      label = [](std::size_t r) { return "out channel " + std::to_string(r); };
    } else if (l.kind == layer_kind::depthwise_conv2d) {
      type = "ctml::depthwise_conv2d_weights<" + elem() + ", " + std::to_string(l.kernel_h) + ", " +
             std::to_string(l.kernel_w) + ", " + std::to_string(oc);
      row = static_cast<std::size_t>(oc);
      layout = "[1][" + std::to_string(l.kernel_h) + "][" + std::to_string(l.kernel_w) + "][" +
               std::to_string(oc) + "]";
      const int kw = l.kernel_w;
      label = [kw](std::size_t r) {
        return "kh " + std::to_string(r / static_cast<std::size_t>(kw)) + ", kw " +
               std::to_string(r % static_cast<std::size_t>(kw));
      };
    } else {
      type =
          "ctml::dense_weights<" + elem() + ", " + std::to_string(oc) + ", " + std::to_string(l.in_features);
      row = static_cast<std::size_t>(l.in_features);
      layout = "[" + std::to_string(oc) + " units][" + std::to_string(l.in_features) + " inputs]";
      label = [](std::size_t r) { return "unit " + std::to_string(r); };
    }
    if (q8()) type += ", " + ns;
    type += ">";
    out_ += "// clang-format off\n";
    out_ += "inline constexpr " + type + " " + name + "{\n";
    // A std::array, not a braced list: param_array copies it without a constexpr loop, so a layer of
    // any size compiles within the compilers' default constexpr limits (docs/importer.md, "Large models").
    const std::size_t count = q8() ? l.weights_i8.size() : l.weights_f32.size();
    out_ += "    .weights = std::array<" + std::string(q8() ? "std::int8_t" : "float") + ", " +
            std::to_string(count) + ">{  // " + layout + "\n";
    if (q8())
      rows(out_, l.weights_i8, row, 16, int8_fmt, label);
    else
      rows(out_, l.weights_f32, row, 8, f32_fmt, label);
    out_ += "    },\n";
    out_ += "    .bias = {\n";
    if (s16())
      rows(out_, l.bias_i64, 0, 8, int64_fmt, [](std::size_t) { return std::string(); });
    else if (q8())
      rows(out_, l.bias_i32, 0, 10, int32_fmt, [](std::size_t) { return std::string(); });
    else
      rows(out_, l.bias_f32, 0, 8, f32_fmt, [](std::size_t) { return std::string(); });
    out_ += "    },\n";
    if (q8()) {
      out_ += "    .weight_scales = {\n";
      rows(out_, l.weight_scales, 0, 8, f32_fmt, [](std::size_t) { return std::string(); });
      out_ += "    },\n";
      out_ += "    .output = " + quant_literal(o.q) + ",\n";
    }
    out_ += "};\n";
    out_ += "// clang-format on\n";
  }

  // SVDF: ctml::svdf_weights in TFLite's layout (filter u * rank + r: rank r of unit u).
  void svdf_data(const layer& l, const std::string& name, const activation_tensor& o) {
    const int filters = l.filters * l.rank;
    std::string type = "ctml::svdf_weights<" + elem() + ", " + std::to_string(l.filters) + ", " +
                       std::to_string(l.in_features) + ", " + std::to_string(l.memory);
    if (l.rank != 1 || (q8() && l.state_type != dtype::int16)) type += ", " + std::to_string(l.rank);
    if (q8() && l.state_type != dtype::int16) type += ", " + cpp_type(l.state_type);
    type += ">";
    auto label = [](std::size_t r) { return "filter " + std::to_string(r); };
    out_ += "// clang-format off\n";
    out_ += "inline constexpr " + type + " " + name + "{\n";
    out_ += "    .feature = {  // [" + std::to_string(filters) + " filters][" +
            std::to_string(l.in_features) + " inputs]\n";
    if (q8())
      rows(out_, l.weights_i8, static_cast<std::size_t>(l.in_features), 16, int8_fmt, label);
    else
      rows(out_, l.weights_f32, static_cast<std::size_t>(l.in_features), 8, f32_fmt, label);
    out_ += "    },\n";
    out_ += "    .time = {  // [" + std::to_string(filters) + " filters][" + std::to_string(l.memory) +
            " memory]\n";
    if (q8())
      rows(out_, l.time_i, static_cast<std::size_t>(l.memory), 16, int32_fmt, label);
    else
      rows(out_, l.time_f32, static_cast<std::size_t>(l.memory), 8, f32_fmt, label);
    out_ += "    },\n";
    out_ += "    .bias = {\n";
    if (q8())
      rows(out_, l.bias_i32, 0, 10, int32_fmt, [](std::size_t) { return std::string(); });
    else
      rows(out_, l.bias_f32, 0, 8, f32_fmt, [](std::size_t) { return std::string(); });
    out_ += "    },\n";
    if (q8()) {
      out_ += "    .feature_scale = " + float_literal(l.weight_scales[0]) + ",\n";
      out_ += "    .time_scale = " + float_literal(l.time_scale) + ",\n";
      out_ += "    .state = " + quant_literal(l.state_q) + ",\n";
      out_ += "    .output = " + quant_literal(o.q) + ",\n";
    }
    out_ += "};\n";
    out_ += "// clang-format on\n";
  }

  // ctml::lstm_weights: the gates stacked in ONNX order i, o, f, c (the validator reordered them).
  void lstm_data(const layer& l, const activation_tensor& o, const std::string& name) {
    const std::string u = std::to_string(l.filters), f = std::to_string(l.in_features);
    auto label = [&](std::size_t r) {
      static const char* const gates[4] = {"i", "o", "f", "c"};
      const auto units = static_cast<std::size_t>(l.filters);
      return std::string("gate ") + gates[r / units] + ", unit " + std::to_string(r % units);
    };
    auto none = [](std::size_t) { return std::string(); };
    out_ += "// clang-format off\n";
    out_ += "inline constexpr ctml::lstm_weights<" + elem() + ", " + u + ", " + f + "> " + name + "{\n";
    out_ += "    .kernel = {  // [4 x " + u + " (gates i, o, f, c) x units][" + f + " inputs]\n";
    if (q8())
      rows(out_, l.weights_i8, static_cast<std::size_t>(l.in_features), 16, int8_fmt, label);
    else
      rows(out_, l.weights_f32, static_cast<std::size_t>(l.in_features), 8, f32_fmt, label);
    out_ += "    },\n    .recurrent_kernel = {  // [4 x " + u + "][" + u + " units]\n";
    if (q8())
      rows(out_, l.recurrent_i8, static_cast<std::size_t>(l.filters), 16, int8_fmt, label);
    else
      rows(out_, l.recurrent_f32, static_cast<std::size_t>(l.filters), 8, f32_fmt, label);
    out_ += "    },\n    .bias = {\n";
    if (m_.type == dtype::int16)
      rows(out_, l.bias_i64, 0, 8, int64_fmt, none);
    else if (q8())
      rows(out_, l.bias_i32, 0, 10, int32_fmt, none);
    else
      rows(out_, l.bias_f32, 0, 8, f32_fmt, none);
    out_ += "    },\n";
    if (q8()) {
      out_ += "    .kernel_scales = {\n";
      rows(out_, l.weight_scales, 0, 8, f32_fmt, none);
      out_ += "    },\n    .recurrent_scales = {\n";
      rows(out_, l.recurrent_scales, 0, 8, f32_fmt, none);
      out_ += "    },\n    .cell_scale = " + float_literal(l.cell_scale) + ",\n";
      out_ += "    .output = " + quant_literal(o.q) + ",\n";
    }
    out_ += "};\n// clang-format on\n";
  }

  /// A folded PAD's explicit padding as conv options (last in declaration order), or nothing.
  static std::string pads(const layer& l) {
    if (l.pad_before.size() != 2) return "";
    return ", .pads = {.top = " + std::to_string(l.pad_before[0]) +
           ", .bottom = " + std::to_string(l.pad_after[0]) + ", .left = " + std::to_string(l.pad_before[1]) +
           ", .right = " + std::to_string(l.pad_after[1]) + "}";
  }

  std::string layer_type(const layer& l) const {
    const std::string data = info_.name + "_data::" + data_name(l);
    switch (l.kind) {
      case layer_kind::conv2d: {
        std::string o = "ctml::conv2d_options{.filters = " + std::to_string(l.filters) +
                        ", .kernel_size = " + hw(l.kernel_h, l.kernel_w);
        if (l.stride_h != 1 || l.stride_w != 1) o += ", .strides = " + hw(l.stride_h, l.stride_w);
        if (l.pad == padding::same) o += ", .padding = ctml::padding::same";
        if (l.dilation_h != 1 || l.dilation_w != 1)
          o += ", .dilation_rate = " + hw(l.dilation_h, l.dilation_w);
        if (l.act != activation::none) o += ", .activation = ctml::activation::" + activation_name(l.act);
        o += pads(l);
        return "ctml::conv2d<" + o + "}, " + data + ">";
      }
      case layer_kind::conv2d_transpose: {
        std::string o = "ctml::conv2d_transpose_options{.filters = " + std::to_string(l.filters) +
                        ", .kernel_size = " + hw(l.kernel_h, l.kernel_w);
        if (l.stride_h != 1 || l.stride_w != 1) o += ", .strides = " + hw(l.stride_h, l.stride_w);
        if (l.pad == padding::same) o += ", .padding = ctml::padding::same";
        o += ", .output_size = " + hw(l.output_h, l.output_w);
        if (l.act != activation::none) o += ", .activation = ctml::activation::" + activation_name(l.act);
        return "ctml::conv2d_transpose<" + o + "}, " + data + ">";
      }
      case layer_kind::depthwise_conv2d: {
        std::string o = "ctml::depthwise_conv2d_options{.kernel_size = " + hw(l.kernel_h, l.kernel_w);
        if (l.stride_h != 1 || l.stride_w != 1) o += ", .strides = " + hw(l.stride_h, l.stride_w);
        if (l.pad == padding::same) o += ", .padding = ctml::padding::same";
        if (l.depth_multiplier != 1) o += ", .depth_multiplier = " + std::to_string(l.depth_multiplier);
        if (l.dilation_h != 1 || l.dilation_w != 1)
          o += ", .dilation_rate = " + hw(l.dilation_h, l.dilation_w);
        if (l.act != activation::none) o += ", .activation = ctml::activation::" + activation_name(l.act);
        o += pads(l);
        return "ctml::depthwise_conv2d<" + o + "}, " + data + ">";
      }
      case layer_kind::average_pool2d:
      case layer_kind::max_pool2d: {
        std::string o = "ctml::pool2d_options{.pool_size = " + hw(l.kernel_h, l.kernel_w);
        if (l.stride_h != 1 || l.stride_w != 1) o += ", .strides = " + hw(l.stride_h, l.stride_w);
        if (l.pad == padding::same) o += ", .padding = ctml::padding::same";
        if (l.act != activation::none) o += ", .activation = ctml::activation::" + activation_name(l.act);
        return "ctml::" + layer_kind_name(l.kind) + "<" + o + "}>";
      }
      case layer_kind::reshape:
        return "ctml::reshape<" + shape_type(m_.tensors[static_cast<std::size_t>(l.output)].dims) + ">";
      case layer_kind::dense: {
        std::string o = "ctml::dense_options{.units = " + std::to_string(l.filters);
        if (l.act != activation::none) o += ", .activation = ctml::activation::" + activation_name(l.act);
        return "ctml::dense<" + o + "}, " + data + ">";
      }
      case layer_kind::softmax:
        return "ctml::softmax<" + data +
               (m_.tensors[static_cast<std::size_t>(l.output)].type == dtype::int16 ? ", std::int16_t>"
                                                                                    : ">");
      case layer_kind::svdf: {
        std::string o = "ctml::svdf_options{.units = " + std::to_string(l.filters);
        if (l.rank != 1) o += ", .rank = " + std::to_string(l.rank);
        if (l.act != activation::none) o += ", .act = ctml::activation::" + activation_name(l.act);
        o += "}";
        if (l.dropped_activation != activation::none) {
          std::string a = activation_name(l.dropped_activation);
          for (char& ch : a) ch = ch == '_' ? '_' : static_cast<char>(ch - ('a' <= ch && ch <= 'z' ? 32 : 0));
          o += "/* fused " + a + " ignored, as by TFLite Micro's int8 SVDF */";
        }
        return "ctml::svdf<" + o + ", " + data + ">";
      }
      case layer_kind::add:
      case layer_kind::sub:
      case layer_kind::mul: {
        const std::string op = layer_kind_name(l.kind);
        std::string o = "ctml::" + op + "_options{";
        if (l.act != activation::none) o += ".activation = ctml::activation::" + activation_name(l.act);
        return "ctml::" + op + "<" + o + "}" + (quantized() || l.has_constant ? ", " + data : std::string()) +
               ">";
      }
      case layer_kind::quantize: {
        const dtype to = m_.tensors[static_cast<std::size_t>(l.output)].type;
        return "ctml::quantize<" + data + (to == dtype::int8 ? std::string() : ", " + cpp_type(to)) + ">";
      }
      case layer_kind::pad: {
        std::string o = "ctml::pad<ctml::pad_options{.before = {";
        for (std::size_t i = 0; i < l.pad_before.size(); ++i)
          o += (i ? ", " : "") + std::to_string(l.pad_before[i]);
        o += "}, .after = {";
        for (std::size_t i = 0; i < l.pad_after.size(); ++i)
          o += (i ? ", " : "") + std::to_string(l.pad_after[i]);
        o += "}}";
        if (l.has_pad_value) o += ", " + data + "_value";
        return o + ">";
      }
      case layer_kind::strided_slice: {
        auto list = [](const std::vector<int>& v) {
          std::string t = "{";
          for (std::size_t i = 0; i < v.size(); ++i) t += (i ? ", " : "") + std::to_string(v[i]);
          return t + "}";
        };
        std::string o = "ctml::strided_slice<ctml::strided_slice_options{.begin = " + list(l.slice_begin) +
                        ", .end = " + list(l.slice_end) + ", .strides = " + list(l.slice_strides);
        if (l.slice_begin_mask) o += ", .begin_mask = " + std::to_string(l.slice_begin_mask);
        if (l.slice_end_mask) o += ", .end_mask = " + std::to_string(l.slice_end_mask);
        if (l.slice_shrink_mask) o += ", .shrink_axis_mask = " + std::to_string(l.slice_shrink_mask);
        return o + "}>";
      }
      case layer_kind::leaky_relu:
        return "ctml::leaky_relu<" + data + ">";
      case layer_kind::lstm: {
        // TFLite's LSTM outputs every step and keeps h and c in variable tensors across invocations.
        std::string o = "ctml::lstm_options{.units = " + std::to_string(l.filters) +
                        ", .return_sequences = true, .stateful = true";
        if (l.cell_clip > 0.0f) o += ", .cell_clip = " + float_literal(l.cell_clip);
        return "ctml::lstm<" + o + "}, " + data + ">";
      }
      case layer_kind::div: {
        std::string o = "ctml::div_options{";
        if (l.act != activation::none) o += ".activation = ctml::activation::" + activation_name(l.act);
        return "ctml::div<" + o + "}" + (l.has_constant ? ", " + data : std::string()) + ">";
      }
      case layer_kind::minimum:
      case layer_kind::maximum:
        return "ctml::" + layer_kind_name(l.kind) + "<" + (l.has_constant ? data : std::string()) + ">";
      case layer_kind::l2_normalization:
        return "ctml::l2_normalization<>";
      case layer_kind::prelu:
        return "ctml::prelu<" + (quantized() || l.has_constant ? data : std::string()) + ">";
      case layer_kind::hard_swish:
        return "ctml::hard_swish<" + (quantized() ? data : std::string()) + ">";
      case layer_kind::mean: {
        std::string axes;
        for (unsigned m = l.mean_axes; m != 0; m >>= 1) axes.insert(axes.begin(), (m & 1u) ? '1' : '0');
        std::string o = "ctml::mean<ctml::mean_options{.axes = 0b" + axes;
        if (!l.keep_dims) o += ", .keep_dims = false";
        return o + "}" + (quantized() ? ", " + data : std::string()) + ">";
      }
      case layer_kind::concatenation:
        return "ctml::concatenation<" + std::to_string(l.axis) + ">";
      case layer_kind::space_to_depth:
      case layer_kind::depth_to_space:
        return "ctml::" + layer_kind_name(l.kind) + "<" + std::to_string(l.block) + ">";
      case layer_kind::batch_matmul: {
        std::string o;
        if (l.adj_x) o += ".adj_x = true";
        if (l.adj_y) o += std::string(o.empty() ? "" : ", ") + ".adj_y = true";
        if (l.constant_lhs) o += std::string(o.empty() ? "" : ", ") + ".constant_lhs = true";
        return "ctml::batch_matmul<ctml::batch_matmul_options{" + o + "}, " + data + ">";
      }
      case layer_kind::gather: {
        std::string o = "ctml::gather<" + std::to_string(l.axis);
        for (int k : l.indices) o += ", " + std::to_string(k);
        return o + ">";
      }
      case layer_kind::resize_nearest_neighbor:
        return "ctml::resize_nearest_neighbor<" + std::to_string(l.output_h) + ", " +
               std::to_string(l.output_w) +
               (l.align_corners || l.half_pixel_centers
                    ? std::string(l.align_corners ? ", true" : ", false") +
                          (l.half_pixel_centers ? ", true" : "")
                    : std::string()) +
               ">";
      case layer_kind::cast:
        return "ctml::cast<" + cpp_type(m_.tensors[static_cast<std::size_t>(l.output)].type) + ">";
      case layer_kind::transpose: {
        std::string o = "ctml::transpose<";
        for (std::size_t i = 0; i < l.perm.size(); ++i) o += (i ? ", " : "") + std::to_string(l.perm[i]);
        return o + ">";
      }
      case layer_kind::dequantize:
        return "ctml::dequantize";
      case layer_kind::activation:
        return "ctml::" + activation_name(l.act);
      case layer_kind::sigmoid:
      case layer_kind::tanh:
        return "ctml::" + layer_kind_name(l.kind) + "<" + (q8() ? data : std::string()) + ">";
    }
    return "";
  }

  std::string input_type(std::size_t k = 0) const {
    const dtype t = m_.tensors[k].type;
    std::string s = "ctml::input<" + shape_type(m_.tensors[k].dims) + ", " + cpp_type(t);
    if (t != dtype::float32) s += ", " + info_.name + "_data::" + input_name(k);
    return s + ">";
  }

  std::string node_name(int tensor) const {
    if (tensor < static_cast<int>(m_.input_count)) return input_name(static_cast<std::size_t>(tensor));
    const layer& l = m_.layers[static_cast<std::size_t>(tensor) - m_.input_count];
    return "op" + std::to_string(l.op_index) + l.suffix;
  }

  void model_type() {
    const std::string& n = info_.name;
    const activation_tensor& out = m_.tensors.back();
    out_ += "/// " + n + ": " + type_text() + " model imported from " + comment_text(info_.source_name, 40) +
            ".\n";
    const bool several = m_.input_count != 1 || m_.outputs.size() != 1;
    if (!several) {
      out_ += "/// " + std::to_string(m_.layers.size()) + " ops, input " + dims_text(m_.tensors[0].dims, 1) +
              ", output " + dims_text(out.dims, 1) + ".\n";
    } else {
      std::string ins, outs;
      for (std::size_t k = 0; k < m_.input_count; ++k)
        ins += (k ? ", " : "") + dims_text(m_.tensors[k].dims, 1);
      for (int t : m_.outputs)
        outs += (outs.empty() ? "" : ", ") + dims_text(m_.tensors[static_cast<std::size_t>(t)].dims, 1);
      out_ += "/// " + std::to_string(m_.layers.size()) + " ops, inputs " + ins + ", outputs " + outs + ".\n";
    }
    // A time-major graph input or output: TFLite's [T, 1, X] is ctml's <T, X>, the same bytes.
    auto time_major_io = [&](const activation_tensor& t, const char* what) {
      if (t.time_major_dims.empty()) return;
      out_ += "/// Time-major " + std::string(what) + " t" + std::to_string(t.tflite_index) + ": TFLite's " +
              dims_text(t.time_major_dims) + " is " + shape_type(t.dims) +
              " here (the same bytes, step by step).\n";
    };
    for (std::size_t k = 0; k < m_.input_count; ++k) time_major_io(m_.tensors[k], "input");
    for (int t : m_.outputs) time_major_io(m_.tensors[static_cast<std::size_t>(t)], "output");
    out_ += "/// Usage: static ctml::arena<" + n + "> arena;\n";
    out_ += std::string("///        ") + (several ? "write arena.input<I>(), " : "... ") + n +
            "::invoke(arena);" + (several ? " read arena.output<I>()" : "") + "\n";
    out_ += "// clang-format off\n";
    std::vector<std::string> items;
    if (m_.is_chain) {
      items.push_back(input_type());
      for (const layer& l : m_.layers) {
        if (l.kind == layer_kind::dense && l.flatten_input)
          items.push_back("ctml::reshape<ctml::shape<" + std::to_string(l.in_features) + ">>");
        items.push_back(layer_type(l));
      }
      out_ += "struct " + n + " final : ctml::sequential<\n";
    } else {
      for (std::size_t k = 0; k < m_.input_count; ++k)
        items.push_back("ctml::node<\"" + input_name(k) + "\", " + input_type(k) + ">");
      for (const layer& l : m_.layers) {
        const std::string self = "op" + std::to_string(l.op_index) + l.suffix;
        std::string ins;
        for (int t : l.inputs) ins += ", \"" + node_name(t) + "\"";
        if (l.kind == layer_kind::dense && l.flatten_input) {
          items.push_back("ctml::node<\"" + self + "_flatten\", ctml::reshape<ctml::shape<" +
                          std::to_string(l.in_features) + ">>" + ins + ">");
          ins = ", \"" + self + "_flatten\"";
        }
        items.push_back("ctml::node<\"" + self + "\", " + layer_type(l) + ins + ">");
      }
      // The outputs, when they are not just the last layer's.
      if (m_.outputs.size() != 1 || m_.outputs[0] != static_cast<int>(m_.tensors.size()) - 1) {
        std::string names;
        for (int t : m_.outputs) names += (names.empty() ? "\"" : ", \"") + node_name(t) + "\"";
        items.push_back("ctml::outputs<" + names + ">");
      }
      out_ += "struct " + n + " final : ctml::graph<\n";
    }
    for (std::size_t i = 0; i < items.size(); ++i)
      out_ += "    " + items[i] + (i + 1 < items.size() ? ",\n" : "> {};\n");
    out_ += "// clang-format on\n";
  }

  const model& m_;
  const header_info& info_;
  std::string out_;
  std::uint64_t macs_ = 0, params_ = 0;
};

}  // namespace

std::string emit(const model& m, const header_info& info) {
  return emitter(m, info).run();
}

}  // namespace ctml_import

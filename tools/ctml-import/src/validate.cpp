// Turns the parsed flatbuffer into the validated model description. Every assumption the emitter
// and the library make is checked here, with a message naming the operator or tensor at fault.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "model.hpp"
#include "ops.hpp"

namespace ctml_import {
namespace {

constexpr std::uint64_t max_elements = std::uint64_t{1} << 28;        ///< of one tensor
constexpr std::uint64_t max_constant_bytes = std::uint64_t{8} << 20;  ///< copied into the header

std::string dims_text(const std::vector<int>& d) {
  std::string s;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i != 0) s += 'x';
    s += std::to_string(d[i]);
  }
  return s.empty() ? "scalar" : s;
}

/// What to do about an op ctml-import does not import (the message after "operator i (NAME): ").
std::string unsupported_op_hint(std::int32_t builtin) {
  const std::string name = tflite::builtin_name(builtin);
  if (name == "LSTM" || name == "BIDIRECTIONAL_SEQUENCE_LSTM" || name == "RNN" ||
      name == "UNIDIRECTIONAL_SEQUENCE_RNN")
    return "op is not supported: of the recurrent ops ctml-import takes UNIDIRECTIONAL_SEQUENCE_LSTM "
           "(ctml::lstm) and SVDF (ctml::svdf); ctml also has the GRU (ctml::gru, exported by tools/onnx)";
  return "op is not supported by ctml-import (supported: " + supported_op_names() + ")";
}

/// The ops ctml-import takes with int16 activations (and QUANTIZE with int32 ones): ops.cpp's list.
bool int16_builtin(std::int32_t b) {
  return takes_type(b, "int16");
}

std::int8_t tflite_type(dtype d) {
  switch (d) {
    case dtype::int8:
      return tflite::int8;
    case dtype::int16:
      return tflite::int16;
    case dtype::int32:
      return tflite::int32;
    case dtype::float32:
      break;
  }
  return tflite::float32;
}

/// A graph input that is only TRANSPOSE_CONV's output_shape operand (an INT32 vector some converters
/// leave non-constant): TFLM ignores its values (the output tensor's shape rules), so it is not one
/// of the model's inputs for ctml.
bool is_shape_input(const tflite::model& raw, std::int32_t idx) {
  if (idx < 0 || static_cast<std::size_t>(idx) >= raw.tensors.size() ||
      raw.tensors[static_cast<std::size_t>(idx)].type != tflite::int32)
    return false;
  bool read = false;
  for (const tflite::op& o : raw.ops)
    for (std::size_t k = 0; k < o.inputs.size(); ++k)
      if (o.inputs[k] == idx) {
        if (k != 0 || o.opcode_index >= raw.operator_codes.size() ||
            raw.operator_codes[o.opcode_index].builtin != tflite::op_transpose_conv)
          return false;
        read = true;
      }
  return read;
}

/// The graph inputs ctml imports: all but TRANSPOSE_CONV's output_shape operands.
std::vector<std::int32_t> data_inputs(const tflite::model& raw) {
  std::vector<std::int32_t> v;
  for (std::int32_t i : raw.inputs)
    if (!is_shape_input(raw, i)) v.push_back(i);
  return v;
}

class validator {
 public:
  validator(const tflite::model& raw, const fb::buffer& file) : raw_(raw), file_(file) {}

  model run() {
    if (raw_.subgraph_count != 1)
      throw error("the model has " + std::to_string(raw_.subgraph_count) +
                  " subgraphs; ctml-import supports exactly one");
    const std::vector<std::int32_t> inputs = data_inputs(raw_);  // without TRANSPOSE_CONV's shapes
    if (inputs.empty()) throw error("the model has no inputs");
    if (raw_.outputs.empty()) throw error("the model has no outputs");
    if (raw_.ops.empty()) throw error("the model has no operators");
    m_.description = raw_.description;
    produced_.assign(raw_.tensors.size(), -1);
    mark_time_major();
    const std::size_t n_in = inputs.size(), n_out = raw_.outputs.size();
    auto input_what = [&](std::size_t k) {
      return n_in == 1 ? std::string("the graph input") : "graph input " + std::to_string(k);
    };

    // The first graph input decides int8, int16 or float32; a float input that a QUANTIZE reads
    // first is the float input of a quantized model (the TFLite converter's default I/O).
    const int in = tensor_index(inputs[0], input_what(0));
    const tflite::tensor& t = raw_.tensors[static_cast<std::size_t>(in)];
    if (t.type == tflite::int8) {
      m_.type = dtype::int8;
    } else if (t.type == tflite::int16) {
      // TFLite's 16x8 (int16 activations, int8 weights, int64 bias), or an int16 input that a QUANTIZE
      // turns into int8 (keyword_scrambled): an int8 model with int16 input.
      m_.type = first_reader_is_quantize(in) && first_quantize_output_type(in) == tflite::int8 ? dtype::int8
                                                                                               : dtype::int16;
    } else if (t.type == tflite::float32) {
      // A float input into a QUANTIZE to int16: an int16 model with float input.
      m_.type = !first_reader_is_quantize(in)                     ? dtype::float32
                : first_quantize_output_type(in) == tflite::int16 ? dtype::int16
                                                                  : dtype::int8;
    } else if (t.type == tflite::int32 && first_reader_is_quantize(in)) {
      // An int32 input into a QUANTIZE: the model computes in the QUANTIZE's output type.
      const std::int8_t q = first_quantize_output_type(in);
      m_.type = q == tflite::int16 ? dtype::int16 : dtype::int8;
    } else {
      throw error("graph input " + tname(in) + " has type " + tflite::type_name(t.type) +
                  "; ctml-import supports INT8, INT16 (16x8), INT32 into a QUANTIZE, and FLOAT32 models");
    }
    // Every graph input, in TFLite's order: ctml's arena.input<I>() is TFLite's input I.
    for (std::size_t k = 0; k < n_in; ++k) {
      const int idx = tensor_index(inputs[k], input_what(k));
      const std::int8_t type = raw_.tensors[static_cast<std::size_t>(idx)].type;
      // An input a QUANTIZE reads first keeps its own type (float I/O, int32 into QUANTIZE).
      add_activation(idx, n_in == 1 ? "the graph input" : "a graph input",
                     first_reader_is_quantize(idx) ? type : model_type(), true);
    }
    m_.input_count = n_in;

    for (std::size_t i = 0; i < raw_.ops.size(); ++i) do_op(static_cast<int>(i));

    // Every graph output, in TFLite's order (arena.output<I>()); the last operator must write one of
    // them (a layer whose output nothing reads would be dead code).
    bool last_written = false;
    for (std::size_t k = 0; k < n_out; ++k) {
      const int out = tensor_index(raw_.outputs[k],
                                   n_out == 1 ? "the graph output" : "graph output " + std::to_string(k));
      const int p = produced_[static_cast<std::size_t>(out)];
      if (p < static_cast<int>(n_in))
        throw error("the graph output t" + std::to_string(out) +
                    (p < 0 ? " is not written by any operator" : " is a graph input"));
      last_written = last_written || p == static_cast<int>(m_.tensors.size()) - 1;
      m_.outputs.push_back(p);
    }
    if (!last_written)
      throw error(n_out == 1
                      ? "the graph output t" + std::to_string(raw_.outputs[0]) +
                            " is not written by the last operator; ctml-import needs the output to come last"
                      : std::string("no graph output is written by the last operator; ctml-import needs the "
                                    "last operator to write one of them"));

    fold_pads();
    m_.is_chain = n_in == 1 && n_out == 1;
    for (std::size_t i = 0; i < m_.layers.size(); ++i) {
      const layer& l = m_.layers[i];
      if (l.inputs.size() != 1 || l.inputs[0] != static_cast<int>(i)) m_.is_chain = false;
    }
    return std::move(m_);
  }

 private:
  // --- time-major LSTMs ---------------------------------------------------------------------------
  std::int32_t builtin_of(const tflite::op& o) const {
    return o.opcode_index < raw_.operator_codes.size() ? raw_.operator_codes[o.opcode_index].builtin : -1;
  }
  bool is_time_major_lstm(const tflite::op& o) const {
    if (builtin_of(o) != tflite::op_unidirectional_sequence_lstm || !o.options ||
        o.options_type != tflite::opt_unidirectional_sequence_lstm)
      return false;
    return o.options->boolean(3);
  }
  /// The shape of tensor `idx` as written in the file (unchecked), or empty.
  std::vector<std::int32_t> raw_shape(std::int32_t idx) const {
    if (idx < 0 || static_cast<std::size_t>(idx) >= raw_.tensors.size()) return {};
    return raw_.tensors[static_cast<std::size_t>(idx)].shape;
  }
  static bool steps_first(const std::vector<std::int32_t>& d) {  ///< [T, 1, X], T > 1
    return d.size() == 3 && d[0] > 1 && d[1] == 1 && d[2] > 0;
  }

  /// A time-major LSTM (time_major = true) with a batch of 1 reads x [T, 1, F] and writes y [T, 1, U]:
  /// the same bytes as [1, T, F] and [1, T, U], ctml::lstm's input <T, F> and output <T, U>. Those
  /// tensors are seen as [1, T, X] from the start (dims_of swaps the first two dimensions), and so are
  /// the inputs and outputs of the element-wise ops (activations, QUANTIZE, DEQUANTIZE, CAST) around
  /// them. That is exact only where no op depends on the axis order: every other reader or writer of
  /// such a tensor must be a RESHAPE (SQUEEZE, EXPAND_DIMS), which keeps the bytes, or a
  /// FULLY_CONNECTED of all its values (the flattened bytes); anything else is refused here, naming it.
  void mark_time_major() {
    time_major_.assign(raw_.tensors.size(), 0);
    auto mark = [&](std::int32_t idx) {
      if (idx < 0 || static_cast<std::size_t>(idx) >= raw_.tensors.size() ||
          time_major_[static_cast<std::size_t>(idx)])
        return false;
      time_major_[static_cast<std::size_t>(idx)] = 1;
      return true;
    };
    for (std::size_t i = 0; i < raw_.ops.size(); ++i) {
      const tflite::op& o = raw_.ops[i];
      if (!is_time_major_lstm(o) || o.inputs.empty() || o.outputs.empty()) continue;
      const std::vector<std::int32_t> x = raw_shape(o.inputs[0]);
      if (x.size() == 3 && x[1] != 1)
        throw error("operator " + std::to_string(i) +
                    " (UNIDIRECTIONAL_SEQUENCE_LSTM): time_major with a batch of " + std::to_string(x[1]) +
                    "; ctml-import needs a batch of 1");
      if (!steps_first(x)) continue;
      mark(o.inputs[0]);
      const std::vector<std::int32_t> y = raw_shape(o.outputs[0]);
      if (steps_first(y) && y[0] == x[0]) mark(o.outputs[0]);
    }
    if (std::find(time_major_.begin(), time_major_.end(), 1) == time_major_.end()) return;
    auto elementwise = [](std::int32_t b) {
      return b == tflite::op_relu || b == tflite::op_relu6 || b == tflite::op_logistic ||
             b == tflite::op_tanh || b == tflite::op_leaky_relu || b == tflite::op_hard_swish ||
             b == tflite::op_quantize || b == tflite::op_dequantize || b == tflite::op_cast;
    };
    auto marked = [&](std::int32_t idx) {
      return idx >= 0 && static_cast<std::size_t>(idx) < raw_.tensors.size() &&
             time_major_[static_cast<std::size_t>(idx)];
    };
    for (bool changed = true; changed;) {  // through the element-wise ops, both ways
      changed = false;
      for (const tflite::op& o : raw_.ops) {
        if (!elementwise(builtin_of(o)) || o.inputs.size() != 1 || o.outputs.size() != 1 ||
            raw_shape(o.inputs[0]) != raw_shape(o.outputs[0]))
          continue;
        if (marked(o.inputs[0])) changed = mark(o.outputs[0]) || changed;
        if (marked(o.outputs[0])) changed = mark(o.inputs[0]) || changed;
      }
    }
    for (std::size_t i = 0; i < raw_.ops.size(); ++i) {
      const tflite::op& o = raw_.ops[i];
      if (i < raw_.folded_ops.size() && raw_.folded_ops[i]) continue;
      const std::int32_t b = builtin_of(o);
      const bool lstm = is_time_major_lstm(o);
      const bool same_shape =
          o.inputs.size() == 1 && o.outputs.size() == 1 && raw_shape(o.inputs[0]) == raw_shape(o.outputs[0]);
      auto refuse = [&](std::int32_t idx, const char* how) {
        const std::vector<std::int32_t>& d = raw_.tensors[static_cast<std::size_t>(idx)].shape;
        throw error("time-major LSTM tensor " + tname(idx) + " [" + std::to_string(d[0]) + ", 1, " +
                    std::to_string(d[2]) + "] is " + how + " " + tflite::builtin_name(b) + " (op " +
                    std::to_string(i) +
                    "), whose meaning depends on the axis order; ctml-import reads it as [1, " +
                    std::to_string(d[0]) + ", " + std::to_string(d[2]) +
                    "] (the same bytes) and needs its other readers and writers to be time-major LSTMs, "
                    "element-wise ops, RESHAPE, SQUEEZE, EXPAND_DIMS or a FULLY_CONNECTED of all its values");
      };
      for (std::size_t k = 0; k < o.inputs.size(); ++k) {
        if (!marked(o.inputs[k])) continue;
        bool exact = k == 0 && (lstm || (elementwise(b) && same_shape) || b == tflite::op_reshape ||
                                b == tflite::op_squeeze || b == tflite::op_expand_dims);
        if (k == 0 && b == tflite::op_fully_connected && o.inputs.size() >= 2) {
          // The weights [N, T * X] flatten the whole tensor (TFLite's batch is then 1); keep_num_dims off.
          const std::vector<std::int32_t> w = raw_shape(o.inputs[1]);
          const std::vector<std::int32_t>& d = raw_.tensors[static_cast<std::size_t>(o.inputs[0])].shape;
          const bool keep =
              o.options && o.options_type == tflite::opt_fully_connected && o.options->boolean(2);
          exact = !keep && w.size() == 2 && std::int64_t{w[1]} == std::int64_t{d[0]} * d[2];
        }
        if (!exact) refuse(o.inputs[k], "read by");
      }
      for (std::size_t k = 0; k < o.outputs.size(); ++k)
        if (marked(o.outputs[k]) &&
            !(k == 0 && (lstm || (elementwise(b) && same_shape) || b == tflite::op_reshape ||
                         b == tflite::op_squeeze || b == tflite::op_expand_dims)))
          refuse(o.outputs[k], "written by");
    }
  }

  // --- errors --------------------------------------------------------------------------------------
  [[noreturn]] void fail(const std::string& msg) const {
    throw error("operator " + std::to_string(op_) + " (" + op_name_ + "): " + msg);
  }

  // --- tensors -------------------------------------------------------------------------------------
  int tensor_index(std::int32_t idx, const std::string& what) const {
    if (idx < 0 || static_cast<std::size_t>(idx) >= raw_.tensors.size()) {
      const std::string msg = what + " refers to tensor " + std::to_string(idx) + ", but the model has " +
                              std::to_string(raw_.tensors.size()) + " tensors";
      if (op_ >= 0) fail(msg);
      throw error(msg);
    }
    return idx;
  }

  std::string tname(int idx) const { return tensor_label(raw_, idx); }

  /// Checked dims: rank 1..8, every dimension >= 1, element count bounded.
  std::vector<int> dims_of(int idx, std::uint64_t* elements) const {
    const tflite::tensor& t = raw_.tensors[static_cast<std::size_t>(idx)];
    if (t.shape.empty()) where_fail(tname(idx) + " has no shape (scalar or unknown rank)");
    std::vector<int> d;
    std::uint64_t n = 1;
    for (std::int32_t v : t.shape) {
      if (v <= 0) where_fail(tname(idx) + " has a dimension of " + std::to_string(v));
      n *= static_cast<std::uint64_t>(v);
      if (n > max_elements)
        where_fail(tname(idx) + " has too many elements (shape overflows the limit of " +
                   std::to_string(max_elements) + ")");
      d.push_back(v);
    }
    if (t.sparse) where_fail(tname(idx) + " is sparse; ctml-import supports dense tensors only");
    if (time_major_[static_cast<std::size_t>(idx)]) std::swap(d[0], d[1]);  // [T, 1, X] as [1, T, X]
    if (elements) *elements = n;
    return d;
  }

  [[noreturn]] void where_fail(const std::string& msg) const {
    if (op_ >= 0) fail(msg);
    throw error(msg);
  }

  tflite::buffer_ref buffer_of(int idx) const {
    const tflite::tensor& t = raw_.tensors[static_cast<std::size_t>(idx)];
    if (t.buffer >= raw_.buffers.size()) {
      if (t.buffer == 0) return {};  // a model without a buffers table: no constant data at all
      where_fail(tname(idx) + " refers to buffer " + std::to_string(t.buffer) + ", but the model has " +
                 std::to_string(raw_.buffers.size()) + " buffers");
    }
    return raw_.buffers[t.buffer];
  }

  /// Per-tensor activation quantization of a tensor of `type` (int8 unless said).
  quant activation_quant(int idx, std::int8_t type = tflite::int8) const {
    const tflite::quantization& q = raw_.tensors[static_cast<std::size_t>(idx)].quant;
    if (!q.present || q.scale.size() != 1 || q.zero_point.size() != 1)
      where_fail(tname(idx) + " needs per-tensor quantization (1 scale, 1 zero point); it has " +
                 std::to_string(q.scale.size()) + " scales and " + std::to_string(q.zero_point.size()) +
                 " zero points");
    if (q.has_details) where_fail(tname(idx) + " uses custom quantization");
    check_scale(idx, q.scale[0]);
    const std::int64_t lo = type == tflite::int16   ? -32768
                            : type == tflite::int32 ? std::int64_t{std::numeric_limits<std::int32_t>::min()}
                                                    : -128;
    const std::int64_t hi = type == tflite::int16   ? 32767
                            : type == tflite::int32 ? std::int64_t{std::numeric_limits<std::int32_t>::max()}
                                                    : 127;
    if (q.zero_point[0] < lo || q.zero_point[0] > hi)
      where_fail(tname(idx) + " has zero point " + std::to_string(q.zero_point[0]) + ", outside " +
                 (type == tflite::int16   ? "int16"
                  : type == tflite::int32 ? "int32"
                                          : "int8"));
    return {q.scale[0], static_cast<std::int32_t>(q.zero_point[0])};
  }

  void check_scale(int idx, float s) const {
    if (!std::isfinite(s) || !(s > 0.0f) || !std::isnormal(s))
      where_fail(tname(idx) + " has an invalid quantization scale (must be finite and > 0)");
  }

  /// The output type of the operator that reads `idx` first (a QUANTIZE), or -1.
  std::int8_t first_quantize_output_type(int idx) const {
    for (const tflite::op& o : raw_.ops)
      for (std::int32_t i : o.inputs)
        if (i == idx) {
          if (o.outputs.size() != 1 || o.outputs[0] < 0 ||
              static_cast<std::size_t>(o.outputs[0]) >= raw_.tensors.size())
            return -1;
          return raw_.tensors[static_cast<std::size_t>(o.outputs[0])].type;
        }
    return -1;
  }

  bool first_reader_is_quantize(int idx) const {
    for (const tflite::op& o : raw_.ops)
      for (std::int32_t i : o.inputs)
        if (i == idx)
          return o.opcode_index < raw_.operator_codes.size() &&
                 raw_.operator_codes[o.opcode_index].builtin == tflite::op_quantize;
    return false;
  }

  std::int8_t model_type() const { return tflite_type(m_.type); }
  bool quantized() const { return m_.type != dtype::float32; }  ///< int8 or int16 (16x8)

  /// Registers a tensor an operator writes (or the graph input) as an activation of type `want`
  /// (the model's type unless a QUANTIZE or DEQUANTIZE says otherwise).
  /// A graph input (`graph_input`) of rank 1 gets a leading batch dimension (the element-wise ops
  /// broadcast it against the other operand's last axis, as TFLite does).
  void add_activation(int idx, const char* what, std::int8_t want, bool graph_input = false) {
    const tflite::tensor& t = raw_.tensors[static_cast<std::size_t>(idx)];
    if (produced_[static_cast<std::size_t>(idx)] >= 0)
      where_fail(tname(idx) + " (" + what + ") is written more than once");
    if (buffer_of(idx).size != 0) where_fail(tname(idx) + " (" + what + ") is a constant");
    if (t.is_variable)
      where_fail(tname(idx) + " is a variable tensor; ctml-import supports stateless models");
    if (t.type != want)
      where_fail(tname(idx) + " (" + what + ") has type " + tflite::type_name(t.type) + "; expected " +
                 tflite::type_name(want));
    activation_tensor a;
    a.tflite_index = idx;
    a.name = t.name;
    a.dims = dims_of(idx, &a.elements);
    if (time_major_[static_cast<std::size_t>(idx)]) a.time_major_dims = {a.dims[1], 1, a.dims[2]};
    if (graph_input && a.dims.size() == 1) a.dims.insert(a.dims.begin(), 1);
    if (a.dims.size() < 2 || a.dims[0] != 1)
      where_fail(tname(idx) + " has shape " + dims_text(a.dims) +
                 "; ctml-import needs a leading batch dimension of 1");
    a.type = want == tflite::int8    ? dtype::int8
             : want == tflite::int16 ? dtype::int16
             : want == tflite::int32 ? dtype::int32
                                     : dtype::float32;
    // CAST's output carries no quantization (TFLite ignores it); every other quantized tensor has one.
    if (a.type != dtype::float32)
      a.q = unquantized_output_ && !t.quant.present ? quant{} : activation_quant(idx, want);
    produced_[static_cast<std::size_t>(idx)] = static_cast<int>(m_.tensors.size());
    m_.tensors.push_back(std::move(a));
  }

  /// The k-th input of the current operator as an activation already written; index into m_.tensors.
  /// Of the model's type unless `any_type` (QUANTIZE converts whatever it reads).
  int data_input(std::size_t k, bool any_type = false) {
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    if (k >= o.inputs.size() || o.inputs[k] < 0) fail("input " + std::to_string(k) + " is missing");
    const int idx = tensor_index(o.inputs[k], "input " + std::to_string(k));
    if (buffer_of(idx).size != 0)
      fail("input " + std::to_string(k) + " (" + tname(idx) +
           ") is a constant; ctml-import needs an activation");
    const int p = produced_[static_cast<std::size_t>(idx)];
    if (p < 0) fail("reads " + tname(idx) + " before any operator writes it");
    const dtype got = m_.tensors[static_cast<std::size_t>(p)].type;
    if (got != m_.type && !any_type)
      fail("reads " + tname(idx) + ", a " + type_word(got, "float") + " tensor of an " +
           type_word(m_.type, "float") +
           " model; ctml-import supports float only at the graph input (into a QUANTIZE) and output (out "
           "of a DEQUANTIZE), other types only into and out of a QUANTIZE");
    return p;
  }

  struct constant {
    int index;
    std::vector<int> dims;
    std::uint64_t elements;
    tflite::buffer_ref data;
  };

  /// The k-th input of the current operator as constant data of `type`, size checked against its shape.
  constant const_input(std::size_t k, std::int8_t type, const char* what) {
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    if (k >= o.inputs.size() || o.inputs[k] < 0)
      fail(std::string(what) + " (input " + std::to_string(k) + ") is missing");
    const int idx = tensor_index(o.inputs[k], what);
    const tflite::tensor& t = raw_.tensors[static_cast<std::size_t>(idx)];
    constant c{idx, {}, 0, buffer_of(idx)};
    if (c.data.size == 0)
      fail(std::string(what) + " " + tname(idx) + " is not constant; ctml-import needs constant weights");
    if (t.type != type)
      fail(std::string(what) + " " + tname(idx) + " has type " + tflite::type_name(t.type) + "; expected " +
           tflite::type_name(type));
    c.dims = dims_of(idx, &c.elements);
    const std::uint64_t want = c.elements * (type == tflite::int8    ? 1u
                                             : type == tflite::int16 ? 2u
                                             : type == tflite::int64 ? 8u
                                                                     : 4u);
    if (c.data.size != want)
      fail(std::string(what) + " " + tname(idx) + " has " + std::to_string(c.data.size) +
           " bytes of data, but its shape " + dims_text(c.dims) + " needs " + std::to_string(want));
    copied_ += want;
    if (copied_ > max_constant_bytes)
      fail("the model's constant data exceeds " + std::to_string(max_constant_bytes >> 20) + " MiB");
    return c;
  }

  std::vector<std::int8_t> read_i8(const constant& c) const {
    std::vector<std::int8_t> v(c.elements);
    file_.need(c.data.offset, c.elements, "constant data");
    std::memcpy(v.data(), file_.bytes().data() + c.data.offset, v.size());
    return v;
  }
  std::vector<std::int32_t> read_i16(const constant& c) const {
    std::vector<std::int32_t> v(c.elements);
    file_.need(c.data.offset, 2 * c.elements, "constant data");
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::uint8_t* b = file_.bytes().data() + c.data.offset + 2 * i;
      v[i] = static_cast<std::int16_t>(static_cast<std::uint16_t>(b[0] | (b[1] << 8)));
    }
    return v;
  }

  /// A constant operand (of ADD, MUL, BATCH_MATMUL, ...) in the model's type: its values, TFLite shape
  /// `dims` and, quantized, its quantization.
  void constant_operand(layer& l, const constant& c, std::vector<int> dims) const {
    l.has_constant = true;
    l.constant_dims = std::move(dims);
    if (m_.type == dtype::float32) {
      l.weights_f32 = read_f32(c);
      return;
    }
    if (m_.type == dtype::int8) {
      const std::vector<std::int8_t> v = read_i8(c);
      l.operand_i.assign(v.begin(), v.end());
    } else {
      l.operand_i = read_i16(c);
    }
    l.constant_q = activation_quant(c.index, model_type());
  }
  std::vector<std::int32_t> read_i32(const constant& c) const {
    std::vector<std::int32_t> v(c.elements);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = file_.i32(c.data.offset + 4 * i);
    return v;
  }
  std::vector<std::int64_t> read_i64(const constant& c) const {
    std::vector<std::int64_t> v(c.elements);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = file_.i64(c.data.offset + 8 * i);
    return v;
  }
  std::vector<float> read_f32(const constant& c) const {
    std::vector<float> v(c.elements);
    for (std::size_t i = 0; i < v.size(); ++i) {
      v[i] = file_.f32(c.data.offset + 4 * i);
      if (!std::isfinite(v[i])) fail(tname(c.index) + " holds a value that is not finite");
    }
    return v;
  }

  /// Weight quantization: symmetric (all zero points 0), per tensor or along `axis` of length `channels`.
  std::vector<float> weight_scales(const constant& c, int axis, int channels) const {
    const tflite::quantization& q = raw_.tensors[static_cast<std::size_t>(c.index)].quant;
    if (!q.present || q.scale.empty()) fail("weights " + tname(c.index) + " are not quantized");
    if (q.has_details) fail("weights " + tname(c.index) + " use custom quantization");
    if (q.zero_point.size() != q.scale.size())
      fail("weights " + tname(c.index) + " have " + std::to_string(q.scale.size()) + " scales but " +
           std::to_string(q.zero_point.size()) + " zero points");
    if (q.scale.size() != 1) {
      if (q.scale.size() != static_cast<std::size_t>(channels))
        fail("weights " + tname(c.index) + " have " + std::to_string(q.scale.size()) +
             " scales; expected 1 or " + std::to_string(channels) + " (one per output channel)");
      if (q.quantized_dimension != axis)
        fail("weights " + tname(c.index) + " are quantized along dimension " +
             std::to_string(q.quantized_dimension) + "; TFLite defines dimension " + std::to_string(axis) +
             " for this op");
    }
    for (std::int64_t zp : q.zero_point)
      if (zp != 0)
        fail("weights " + tname(c.index) + " have a non-zero zero point (" + std::to_string(zp) + ")");
    for (float s : q.scale) check_scale(c.index, s);
    return q.scale;
  }

  // --- operators -----------------------------------------------------------------------------------
  const fb::table* options(std::uint8_t want) {
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    if (o.options_type != want && !(o.options_type == 0 && !o.options))
      fail("has options of type " + std::to_string(o.options_type) + "; expected " + std::to_string(want));
    return o.options ? &*o.options : nullptr;
  }

  activation fused(std::int8_t v) const {
    switch (v) {
      case 0:
        return activation::none;
      case 1:
        return activation::relu;
      case 2:
        return activation::relu_n1_to_1;
      case 3:
        return activation::relu6;
      default:
        break;
    }
    fail("fused activation " +
         std::string(v == 4   ? "TANH"
                     : v == 5 ? "SIGN_BIT"
                              : std::to_string(v)) +
         " is not supported (NONE, RELU, RELU6, RELU_N1_TO_1 are)");
  }

  padding pad(std::int8_t v) const {
    if (v == 0) return padding::same;
    if (v == 1) return padding::valid;
    fail("padding " + std::to_string(v) + " is not SAME or VALID");
  }

  int positive(std::int32_t v, const char* what) const {
    if (v < 1 || v > (1 << 16)) fail(std::string(what) + " is " + std::to_string(v) + "; expected 1..65536");
    return v;
  }

  /// Output extent of a window op along one axis, as TFLite computes it.
  int out_extent(int in, int kernel, int stride, int dilation, padding p, const char* axis) const {
    const std::int64_t effective = std::int64_t{kernel - 1} * dilation + 1;
    if (p == padding::same) return static_cast<int>((std::int64_t{in} + stride - 1) / stride);
    if (effective > in)
      fail(std::string("the ") + axis + " window (" + std::to_string(effective) +
           ") is larger than the input (" + std::to_string(in) + ") with VALID padding");
    return static_cast<int>((in - effective + stride) / stride);
  }

  /// Registers the single output of the current operator and checks its shape. `expected` is taken
  /// by value: registering the output may reallocate the tensors a reference would point into.
  int output(const std::vector<int> expected) { return output(expected, model_type()); }
  int output(const std::vector<int> expected, std::int8_t type) {
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    if (o.outputs.size() != 1) fail("has " + std::to_string(o.outputs.size()) + " outputs; expected 1");
    const int idx = tensor_index(o.outputs[0], "output 0");
    add_activation(idx, "an operator output", type);
    const activation_tensor& t = m_.tensors.back();
    if (t.dims != expected)
      fail("output " + tname(idx) + " has shape " + dims_text(t.dims) + "; the op computes " +
           dims_text(expected));
    return static_cast<int>(m_.tensors.size()) - 1;
  }

  void input_count(std::size_t lo, std::size_t hi) const {
    const std::size_t n = raw_.ops[static_cast<std::size_t>(op_)].inputs.size();
    if (n < lo || n > hi)
      fail("has " + std::to_string(n) + " inputs; expected " + std::to_string(lo) +
           (lo == hi ? "" : " to " + std::to_string(hi)));
  }

  bool has_bias(std::size_t k) const {
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    return k < o.inputs.size() && o.inputs[k] >= 0;
  }

  void same_quant(int a, int b, const char* why) const {
    if (!quantized()) return;
    const quant& x = m_.tensors[static_cast<std::size_t>(a)].q;
    const quant& y = m_.tensors[static_cast<std::size_t>(b)].q;
    if (x.scale != y.scale || x.zero_point != y.zero_point)
      fail(std::string("input and output quantization differ; ") + why);
  }

  const activation_tensor& tensor(int i) const { return m_.tensors[static_cast<std::size_t>(i)]; }

  /// A PAD (PADV2) of H and W only, padding with the input's zero point (float: 0), whose only reader is
  /// a VALID CONV_2D or DEPTHWISE_CONV_2D: the conv takes the padding as explicit pads and the padded
  /// tensor is never made. Bit-exact: TFLite's conv sums (x - zero point) * w over the taps inside its
  /// input, so a padded tap adds (zp - zp) * w = 0 exactly as a skipped one does (float: +-0).
  void fold_pads() {
    for (std::size_t j = 0; j < m_.layers.size(); ++j) {
      const layer& p = m_.layers[j];
      if (p.kind != layer_kind::pad || p.pad_before.size() != 3 || p.pad_before[2] != 0 ||
          p.pad_after[2] != 0)
        continue;
      const activation_tensor& in = tensor(p.inputs[0]);
      const double fill = m_.type == dtype::int8 ? in.q.zero_point : 0.0;  // int16: zero point 0
      if (p.has_pad_value && p.pad_value != fill) continue;
      const int t = p.output;
      if (std::find(m_.outputs.begin(), m_.outputs.end(), t) != m_.outputs.end()) continue;
      std::size_t readers = 0, reader = 0;
      for (std::size_t k = 0; k < m_.layers.size(); ++k)
        for (int i : m_.layers[k].inputs)
          if (i == t) ++readers, reader = k;
      layer& c = m_.layers[reader];
      if (readers != 1 || (c.kind != layer_kind::conv2d && c.kind != layer_kind::depthwise_conv2d) ||
          c.pad != padding::valid || c.inputs[0] != t)
        continue;
      c.pad_before = {p.pad_before[0], p.pad_before[1]};
      c.pad_after = {p.pad_after[0], p.pad_after[1]};
      c.inputs[0] = p.inputs[0];
      m_.folded.push_back("op " + std::to_string(p.op_index) + " " + p.op_name + " into op " +
                          std::to_string(c.op_index) + " " + c.op_name + " (explicit padding)");
      // Drop the PAD and its tensor; the tensors after it move down by one.
      m_.layers.erase(m_.layers.begin() + static_cast<std::ptrdiff_t>(j));
      m_.tensors.erase(m_.tensors.begin() + t);
      for (layer& l : m_.layers) {
        for (int& i : l.inputs)
          if (i > t) --i;
        if (l.output > t) --l.output;
      }
      for (int& o : m_.outputs)
        if (o > t) --o;
      --j;
    }
  }

  void do_op(int index) {
    op_ = index;
    op_name_ = "?";
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(index)];
    if (o.opcode_index >= raw_.operator_codes.size())
      fail("opcode index " + std::to_string(o.opcode_index) + " is out of range (" +
           std::to_string(raw_.operator_codes.size()) + " operator codes)");
    const tflite::operator_code& code = raw_.operator_codes[o.opcode_index];
    if (!code.custom_code.empty() || code.builtin == tflite::op_custom) {
      op_name_ = "CUSTOM";
      std::string name;
      for (char ch : code.custom_code) name += (ch >= 0x20 && ch < 0x7f) ? ch : '?';
      fail("custom op '" + name + "' is not supported");
    }
    op_name_ = tflite::builtin_name(code.builtin);
    if (static_cast<std::size_t>(index) < raw_.folded_ops.size() &&
        raw_.folded_ops[static_cast<std::size_t>(index)]) {
      m_.folded.push_back("op " + std::to_string(index) + " " + op_name_ + " (its output is a constant)");
      return;
    }
    if (m_.type == dtype::int16 && supported_builtin(code.builtin) &&
        !takes_input_type(code.builtin, "int16"))
      fail("int16 activations (TFLite's 16x8): this op is not imported for int16 yet (int16 models: " +
           op_names_taking("int16") + "); or quantize with int8 activations");
    layer l;
    l.op_index = index;
    l.op_name = op_name_;
    switch (code.builtin) {
      case tflite::op_conv_2d:
        conv(l, false);
        break;
      case tflite::op_depthwise_conv_2d:
        conv(l, true);
        break;
      case tflite::op_average_pool_2d:
        pool(l, layer_kind::average_pool2d);
        break;
      case tflite::op_max_pool_2d:
        pool(l, layer_kind::max_pool2d);
        break;
      case tflite::op_reshape:
        reshape(l, tflite::opt_reshape);
        break;
      case tflite::op_squeeze:
      case tflite::op_expand_dims:
        reshape(l, o.options_type);  // shape-only: the output tensor's shape says it all
        break;
      case tflite::op_relu:
        clamp_activation(l, activation::relu);
        break;
      case tflite::op_relu6:
        clamp_activation(l, activation::relu6);
        break;
      case tflite::op_logistic:
        smooth_activation(l, layer_kind::sigmoid, {1.0f / 256.0f, -128}, "scale 1/256, zero point -128");
        break;
      case tflite::op_tanh:
        smooth_activation(l, layer_kind::tanh, {1.0f / 128.0f, 0}, "scale 1/128, zero point 0");
        break;
      case tflite::op_fully_connected:
        dense(l);
        break;
      case tflite::op_transpose_conv:
        transpose_conv(l);
        break;
      case tflite::op_softmax:
        softmax(l);
        break;
      case tflite::op_add:
        binary(l, layer_kind::add, tflite::opt_add);
        break;
      case tflite::op_sub:
        binary(l, layer_kind::sub, tflite::opt_sub);
        break;
      case tflite::op_mul:
        binary(l, layer_kind::mul, tflite::opt_mul);
        break;
      case tflite::op_quantize:
        quantize(l);
        break;
      case tflite::op_dequantize:
        dequantize(l);
        break;
      case tflite::op_pad:
      case tflite::op_padv2:
        pad_op(l, code.builtin == tflite::op_padv2);
        break;
      case tflite::op_strided_slice:
        strided_slice_op(l);
        break;
      case tflite::op_leaky_relu:
        leaky_relu_op(l);
        break;
      case tflite::op_svdf:
        svdf(l);
        break;
      case tflite::op_unidirectional_sequence_lstm:
        lstm_op(l);
        break;
      case tflite::op_div:
        binary(l, layer_kind::div, tflite::opt_div);
        break;
      case tflite::op_minimum:
        binary(l, layer_kind::minimum, tflite::opt_none);
        break;
      case tflite::op_maximum:
        binary(l, layer_kind::maximum, tflite::opt_none);
        break;
      case tflite::op_mean:
        mean_op(l);
        break;
      case tflite::op_hard_swish:
        hard_swish_op(l);
        break;
      case tflite::op_prelu:
        binary(l, layer_kind::prelu, tflite::opt_none);
        break;
      case tflite::op_l2_normalization:
        l2_normalization_op(l);
        break;
      case tflite::op_concatenation:
        concatenation_op(l);
        break;
      case tflite::op_transpose:
        transpose_op(l);
        break;
      case tflite::op_cast:
        cast_op(l);
        break;
      case tflite::op_space_to_depth:
      case tflite::op_depth_to_space:
        block_op(l, code.builtin == tflite::op_space_to_depth);
        break;
      case tflite::op_resize_nearest_neighbor:
        resize_nearest_op(l);
        break;
      case tflite::op_gather:
        gather_op(l);
        break;
      case tflite::op_batch_matmul:
        batch_matmul_op(l);
        break;
      case tflite::op_split:
      case tflite::op_split_v:
        split_op(l, code.builtin == tflite::op_split_v);
        break;
      default:
        fail(unsupported_op_hint(code.builtin));
    }
    // TFLite's 16x8 kernels (and ctml's) assume int16 activations with zero point 0.
    const bool symmetric16 = l.kind == layer_kind::conv2d || l.kind == layer_kind::depthwise_conv2d ||
                             l.kind == layer_kind::dense || l.kind == layer_kind::conv2d_transpose ||
                             l.kind == layer_kind::add || l.kind == layer_kind::sub ||
                             l.kind == layer_kind::mul || l.kind == layer_kind::lstm;
    if (m_.type == dtype::int16 && symmetric16) {
      std::vector<int> touched = l.inputs;
      touched.push_back(l.output);
      for (int t : touched) {
        const activation_tensor& a = tensor(t);
        if (a.type == dtype::int16 && a.q.zero_point != 0)
          fail(tname(a.tflite_index) + " has zero point " + std::to_string(a.q.zero_point) +
               "; int16 activations (TFLite's 16x8) must have zero point 0");
      }
    }
    m_.layers.push_back(std::move(l));
  }

  void conv(layer& l, bool depthwise) {
    l.kind = depthwise ? layer_kind::depthwise_conv2d : layer_kind::conv2d;
    input_count(2, 3);
    const int in = data_input(0);
    const std::vector<int> id = tensor(in).dims;
    if (id.size() != 4) fail("input has shape " + dims_text(id) + "; expected rank 4 (NHWC)");
    const bool q8 = quantized();  // int8 weights under int8 and int16 activations
    const constant w = const_input(1, q8 ? tflite::int8 : tflite::float32, "filter");
    if (w.dims.size() != 4) fail("filter has shape " + dims_text(w.dims) + "; expected rank 4");
    const fb::table* opt = options(depthwise ? tflite::opt_depthwise_conv2d : tflite::opt_conv2d);
    const std::int8_t padding_v = opt ? opt->i8(0) : 0;
    const std::int32_t sw = opt ? opt->i32(1) : 0, sh = opt ? opt->i32(2) : 0;
    l.pad = pad(padding_v);
    l.stride_w = positive(sw, "stride_w");
    l.stride_h = positive(sh, "stride_h");
    if (depthwise) {
      l.act = fused(opt ? opt->i8(4) : 0);
      l.dilation_w = positive(opt ? opt->i32(5, 1) : 1, "dilation_w_factor");
      l.dilation_h = positive(opt ? opt->i32(6, 1) : 1, "dilation_h_factor");
      if (w.dims[0] != 1)
        fail("depthwise filter has shape " + dims_text(w.dims) + "; expected 1 x KH x KW x OutC");
      l.filters = w.dims[3];
      if (l.filters % id[3] != 0)
        fail("filter has " + std::to_string(l.filters) + " output channels, not a multiple of the input's " +
             std::to_string(id[3]));
      l.depth_multiplier = l.filters / id[3];
      const std::int32_t dm = opt ? opt->i32(3) : 0;
      if (dm != 0 && dm != l.depth_multiplier)
        fail("depth_multiplier is " + std::to_string(dm) + " but the filter implies " +
             std::to_string(l.depth_multiplier));
      l.kernel_h = w.dims[1];
      l.kernel_w = w.dims[2];
    } else {
      l.act = fused(opt ? opt->i8(3) : 0);
      l.dilation_w = positive(opt ? opt->i32(4, 1) : 1, "dilation_w_factor");
      l.dilation_h = positive(opt ? opt->i32(5, 1) : 1, "dilation_h_factor");
      l.filters = w.dims[0];
      l.kernel_h = w.dims[1];
      l.kernel_w = w.dims[2];
      l.in_channels = w.dims[3];
      if (l.in_channels != id[3])
        fail("filter expects " + std::to_string(l.in_channels) + " input channels, the input has " +
             std::to_string(id[3]) + " (grouped convolution is not supported)");
    }
    const int oh = out_extent(id[1], l.kernel_h, l.stride_h, l.dilation_h, l.pad, "vertical");
    const int ow = out_extent(id[2], l.kernel_w, l.stride_w, l.dilation_w, l.pad, "horizontal");
    l.inputs = {in};
    l.output = output({1, oh, ow, l.filters});
    weights_and_bias(l, w, depthwise ? 3 : 0, 2);
    const std::uint64_t per_out = std::uint64_t(l.kernel_h) * std::uint64_t(l.kernel_w) *
                                  (depthwise ? 1u : std::uint64_t(l.in_channels));
    l.macs = std::uint64_t(oh) * std::uint64_t(ow) * std::uint64_t(l.filters) * per_out;
  }

  // TRANSPOSE_CONV: inputs output_shape (INT32 [4], constant or a graph input TFLM ignores), filter
  // OHWI, data, optional bias. The output tensor's shape is the output size.
  void transpose_conv(layer& l) {
    l.kind = layer_kind::conv2d_transpose;
    input_count(3, 4);
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    const int shape_idx = tensor_index(o.inputs[0], "output_shape");
    const bool shape_const = buffer_of(shape_idx).size != 0;
    if (!shape_const && !is_shape_input(raw_, shape_idx))
      fail("output_shape " + tname(shape_idx) + " is neither constant nor a graph input (INT32)");
    const int in = data_input(2);
    const std::vector<int> id = tensor(in).dims;
    if (id.size() != 4) fail("input has shape " + dims_text(id) + "; expected rank 4 (NHWC)");
    const bool q8 = quantized();  // int8 weights under int8 and int16 activations
    const constant w = const_input(1, q8 ? tflite::int8 : tflite::float32, "filter");
    if (w.dims.size() != 4) fail("filter has shape " + dims_text(w.dims) + "; expected rank 4");
    const fb::table* opt = options(tflite::opt_transpose_conv);
    l.pad = pad(opt ? opt->i8(0) : 0);
    l.stride_w = positive(opt ? opt->i32(1) : 0, "stride_w");
    l.stride_h = positive(opt ? opt->i32(2) : 0, "stride_h");
    l.act = fused(opt ? opt->i8(3) : 0);
    l.filters = w.dims[0];
    l.kernel_h = w.dims[1];
    l.kernel_w = w.dims[2];
    l.in_channels = w.dims[3];
    if (l.in_channels != id[3])
      fail("filter expects " + std::to_string(l.in_channels) + " input channels, the input has " +
           std::to_string(id[3]));
    if (o.outputs.size() != 1) fail("has " + std::to_string(o.outputs.size()) + " outputs; expected 1");
    const std::vector<int> od = dims_of(tensor_index(o.outputs[0], "output 0"), nullptr);
    if (od.size() != 4 || od[0] != 1 || od[3] != l.filters)
      fail("output has shape " + dims_text(od) + "; expected 1 x H x W x " + std::to_string(l.filters));
    if (shape_const) {
      const constant s = const_input(0, tflite::int32, "output_shape");
      const std::vector<std::int32_t> v = read_i32(s);
      if (std::vector<int>(v.begin(), v.end()) != od)
        fail("output_shape " + tname(shape_idx) + " differs from the output tensor's shape " + dims_text(od));
    }
    l.output_h = od[1];
    l.output_w = od[2];
    // The library's check: the forward convolution over the output gives back the input.
    if (out_extent(od[1], l.kernel_h, l.stride_h, 1, l.pad, "vertical") != id[1] ||
        out_extent(od[2], l.kernel_w, l.stride_w, 1, l.pad, "horizontal") != id[2])
      fail("output size " + dims_text(od) +
           " is not one a convolution with this kernel, stride and padding "
           "maps back onto the input " +
           dims_text(id));
    l.inputs = {in};
    l.output = output(od);
    weights_and_bias(l, w, 0, 3);
    l.macs = std::uint64_t(id[1]) * std::uint64_t(id[2]) * std::uint64_t(id[3]) * std::uint64_t(l.kernel_h) *
             std::uint64_t(l.kernel_w) * std::uint64_t(l.filters);
  }

  /// Copies weights, bias (input `bias_k`, optional: zeros) and scales into the layer.
  void weights_and_bias(layer& l, const constant& w, int axis, std::size_t bias_k) {
    const bool q8 = quantized();
    const bool s16 = m_.type == dtype::int16;  // 16x8: an int64 bias (TFLM's 64-bit accumulator)
    const int channels = l.filters;
    if (q8) {
      l.weights_i8 = read_i8(w);
      l.weight_scales = weight_scales(w, axis, channels);
    } else {
      l.weights_f32 = read_f32(w);
    }
    if (has_bias(bias_k)) {
      const constant b = const_input(bias_k,
                                     s16  ? tflite::int64
                                     : q8 ? tflite::int32
                                          : tflite::float32,
                                     "bias");
      if (b.dims.size() != 1 || b.dims[0] != channels)
        fail("bias has shape " + dims_text(b.dims) + "; expected " + std::to_string(channels));
      if (s16)
        l.bias_i64 = read_i64(b);
      else if (q8)
        l.bias_i32 = read_i32(b);
      else
        l.bias_f32 = read_f32(b);
    } else if (s16) {
      l.bias_i64.assign(static_cast<std::size_t>(channels), 0);
    } else if (q8) {
      l.bias_i32.assign(static_cast<std::size_t>(channels), 0);
    } else {
      l.bias_f32.assign(static_cast<std::size_t>(channels), 0.0f);
    }
    const std::uint64_t n_w = q8 ? l.weights_i8.size() : l.weights_f32.size();
    l.params = n_w + static_cast<std::uint64_t>(channels);
  }

  void pool(layer& l, layer_kind kind) {
    l.kind = kind;
    input_count(1, 1);
    const int in = data_input(0);
    const std::vector<int> id = tensor(in).dims;
    if (id.size() != 4) fail("input has shape " + dims_text(id) + "; expected rank 4 (NHWC)");
    const fb::table* opt = options(tflite::opt_pool2d);
    l.pad = pad(opt ? opt->i8(0) : 0);
    l.stride_w = positive(opt ? opt->i32(1) : 0, "stride_w");
    l.stride_h = positive(opt ? opt->i32(2) : 0, "stride_h");
    l.kernel_w = positive(opt ? opt->i32(3) : 0, "filter_width");
    l.kernel_h = positive(opt ? opt->i32(4) : 0, "filter_height");
    l.act = fused(opt ? opt->i8(5) : 0);
    const int oh = out_extent(id[1], l.kernel_h, l.stride_h, 1, l.pad, "vertical");
    const int ow = out_extent(id[2], l.kernel_w, l.stride_w, 1, l.pad, "horizontal");
    l.inputs = {in};
    l.output = output({1, oh, ow, id[3]});
    same_quant(in, l.output, "TFLite's pooling keeps the input's quantization");
    // One operation per window element, for max as for average (the library's count; the header's
    // static_assert compares the two).
    l.macs = std::uint64_t(oh) * std::uint64_t(ow) * std::uint64_t(id[3]) * std::uint64_t(l.kernel_h) *
             std::uint64_t(l.kernel_w);
  }

  void reshape(layer& l, std::uint8_t options_type) {
    l.kind = layer_kind::reshape;
    input_count(1, 2);
    const int in = data_input(0);
    (void)options(options_type);
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    if (o.outputs.size() != 1) fail("has " + std::to_string(o.outputs.size()) + " outputs; expected 1");
    const int out_idx = tensor_index(o.outputs[0], "output 0");
    std::uint64_t n = 0;
    const std::vector<int> od = dims_of(out_idx, &n);
    if (n != tensor(in).elements)
      fail("output " + tname(out_idx) + " has shape " + dims_text(od) + " (" + std::to_string(n) +
           " elements); the input has " + std::to_string(tensor(in).elements));
    l.inputs = {in};
    l.output = output(od);
    same_quant(in, l.output, "RESHAPE does not requantize");
  }

  void dense(layer& l) {
    l.kind = layer_kind::dense;
    input_count(2, 3);
    const int in = data_input(0);
    const bool q8 = quantized();  // int8 weights under int8 and int16 activations
    const constant w = const_input(1, q8 ? tflite::int8 : tflite::float32, "weights");
    if (w.dims.size() != 2)
      fail("weights have shape " + dims_text(w.dims) + "; expected [units, in_features]");
    const fb::table* opt = options(tflite::opt_fully_connected);
    l.act = fused(opt ? opt->i8(0) : 0);
    if (opt && opt->i8(1) != 0) fail("shuffled weights format is not supported");
    l.filters = w.dims[0];
    l.in_features = w.dims[1];
    const activation_tensor& it = tensor(in);
    if (it.elements != static_cast<std::uint64_t>(l.in_features))
      fail("input has shape " + dims_text(it.dims) + " (" + std::to_string(it.elements) +
           " elements); the weights expect " + std::to_string(l.in_features) + " features and batch 1");
    l.flatten_input = it.dims.size() > 2;
    // keep_num_dims: TFLite keeps the input's leading dimensions (all 1 here: the batch of 1 checked
    // above), so the values are those of [1, units].
    std::vector<int> od{1, l.filters};
    if (opt && opt->boolean(2)) {
      od = it.dims;
      od.back() = l.filters;
    }
    l.inputs = {in};
    l.output = output(od);
    weights_and_bias(l, w, 0, 2);
    l.macs = std::uint64_t(l.filters) * std::uint64_t(l.in_features);
  }

  void softmax(layer& l) {
    l.kind = layer_kind::softmax;
    input_count(1, 1);
    const int in = data_input(0);
    const fb::table* opt = options(tflite::opt_softmax);
    l.beta = opt ? opt->f32(0) : 0.0f;
    if (!std::isfinite(l.beta) || !(l.beta > 0.0f)) fail("beta must be finite and > 0");
    l.inputs = {in};
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    const bool to16 = m_.type == dtype::int8 && o.outputs.size() == 1 && o.outputs[0] >= 0 &&
                      static_cast<std::size_t>(o.outputs[0]) < raw_.tensors.size() &&
                      raw_.tensors[static_cast<std::size_t>(o.outputs[0])].type == tflite::int16;
    l.output = to16 ? output(tensor(in).dims, tflite::int16) : output(tensor(in).dims);
    if (to16) {
      const quant& q = tensor(l.output).q;
      if (q.zero_point != -32768 || std::fabs(q.scale - 1.0f / 65536.0f) > 0.001f / 65536.0f)
        fail("int16 output quantization must be scale 1/65536, zero point -32768 (TFLite Micro requires it)");
    } else if (m_.type == dtype::int16) {
      const quant& q = tensor(l.output).q;
      if (tensor(in).q.zero_point != 0) fail("int16 input zero point must be 0 (TFLite Micro requires it)");
      if (q.zero_point != 0 || std::fabs(q.scale - 1.0f / 32768.0f) > 0.001f / 32768.0f)
        fail("int16 output quantization must be scale 1/32768, zero point 0 (TFLite Micro requires it)");
    } else if (m_.type == dtype::int8) {
      const quant& q = tensor(l.output).q;
      if (q.scale != 1.0f / 256.0f || q.zero_point != -128)
        fail("int8 output quantization must be scale 1/256, zero point -128 (TFLite Micro requires it)");
    }
  }

  // SVDF: input [1, F], feature weights [filters, F], time weights [filters, memory], optional bias
  // [units], the activation state (a variable tensor [1, filters * memory], kept by ctml in the model's
  // state memory), output [1, units]; filters = units * rank. int8: int16 or int8 state and time weights.
  void svdf(layer& l) {
    l.kind = layer_kind::svdf;
    input_count(4, 5);
    const int in = data_input(0);
    const fb::table* opt = options(tflite::opt_svdf);
    l.rank = opt ? opt->i32(0) : 0;
    l.act = fused(opt ? opt->i8(1) : 0);
    const bool q8 = m_.type == dtype::int8;
    const constant wf = const_input(1, q8 ? tflite::int8 : tflite::float32, "feature weights");
    if (wf.dims.size() != 2)
      fail("feature weights have shape " + dims_text(wf.dims) + "; expected [filters, features]");
    const int filters = wf.dims[0];
    l.in_features = wf.dims[1];
    if (l.rank < 1 || filters % l.rank != 0)
      fail("rank " + std::to_string(l.rank) + " does not divide the " + std::to_string(filters) + " filters");
    l.filters = filters / l.rank;
    const activation_tensor& it = tensor(in);
    if (it.dims != std::vector<int>{1, l.in_features})
      fail("input has shape " + dims_text(it.dims) + "; expected [1, " + std::to_string(l.in_features) + "]");
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    const int t_idx =
        o.inputs.size() > 2 && o.inputs[2] >= 0 ? tensor_index(o.inputs[2], "time weights") : -1;
    const std::int8_t f32 = tflite::float32;
    const std::int8_t time_type = t_idx < 0 ? f32 : raw_.tensors[static_cast<std::size_t>(t_idx)].type;
    if (q8 && time_type != tflite::int16 && time_type != tflite::int8)
      fail("time weights have type " + tflite::type_name(time_type) + "; expected INT16 or INT8");
    const constant wt = const_input(2, q8 ? time_type : f32, "time weights");
    if (wt.dims.size() != 2 || wt.dims[0] != filters)
      fail("time weights have shape " + dims_text(wt.dims) + "; expected [" + std::to_string(filters) +
           ", memory]");
    l.memory = wt.dims[1];
    // The activation state: a variable tensor of the time weights' type, read and written by this op only.
    if (o.inputs.size() < 5 || o.inputs[4] < 0) fail("the activation state (input 4) is missing");
    const int s_idx = tensor_index(o.inputs[4], "activation state");
    const tflite::tensor& st = raw_.tensors[static_cast<std::size_t>(s_idx)];
    if (!st.is_variable) fail("activation state " + tname(s_idx) + " is not a variable tensor");
    if (st.type != (q8 ? time_type : f32))
      fail("activation state " + tname(s_idx) + " has type " + tflite::type_name(st.type) + "; expected " +
           tflite::type_name(q8 ? time_type : f32));
    std::uint64_t n = 0;
    if (dims_of(s_idx, &n) != std::vector<int>{1, filters * l.memory})
      fail("activation state " + tname(s_idx) + " has shape " + dims_text(dims_of(s_idx, nullptr)) +
           "; expected [1, " + std::to_string(filters * l.memory) + "]");
    for (std::size_t k = 0; k < raw_.ops.size(); ++k)
      if (static_cast<int>(k) != op_)
        for (std::int32_t i : raw_.ops[k].inputs)
          if (i == s_idx)
            fail("activation state " + tname(s_idx) + " is shared with operator " + std::to_string(k));
    const bool bias = has_bias(3);
    constant b{};
    if (bias) {
      b = const_input(3, q8 ? tflite::int32 : tflite::float32, "bias");
      if (b.dims != std::vector<int>{l.filters})
        fail("bias has shape " + dims_text(b.dims) + "; expected [" + std::to_string(l.filters) + "]");
    }
    if (q8) {
      l.weights_i8 = read_i8(wf);
      l.weight_scales = weight_scales(wf, 0, filters);
      if (l.weight_scales.size() != 1)
        fail("feature weights need one (per-tensor) scale, as TFLite Micro uses");
      const std::vector<float> ts = weight_scales(wt, 0, filters);
      if (ts.size() != 1) fail("time weights need one (per-tensor) scale, as TFLite Micro uses");
      l.time_scale = ts[0];
      l.state_type = time_type == tflite::int16 ? dtype::int16 : dtype::int8;
      l.time_i = time_type == tflite::int16 ? read_i16(wt) : [&] {
        const std::vector<std::int8_t> v = read_i8(wt);
        return std::vector<std::int32_t>(v.begin(), v.end());
      }();
      l.state_q = activation_quant(s_idx, time_type);
      if (bias) {
        l.bias_i32 = read_i32(b);
        const tflite::quantization& bq = raw_.tensors[static_cast<std::size_t>(b.index)].quant;
        // TFLite Micro's check: bias scale = state scale * time scale, within 1e-5.
        if (!bq.present || bq.scale.size() != 1 ||
            std::abs(static_cast<double>(bq.scale[0]) -
                     static_cast<double>(l.state_q.scale * l.time_scale)) >= 1e-5)
          fail("bias scale must be the state scale times the time weights' scale (TFLite Micro checks it)");
      } else {
        l.bias_i32.assign(static_cast<std::size_t>(l.filters), 0);
      }
      // TFLite Micro's integer SVDF applies no fused activation (only the int8 clamp); neither does ctml.
      l.dropped_activation = l.act;
      l.act = activation::none;
    } else {
      l.weights_f32 = read_f32(wf);
      l.time_f32 = read_f32(wt);
      if (bias)
        l.bias_f32 = read_f32(b);
      else
        l.bias_f32.assign(static_cast<std::size_t>(l.filters), 0.0f);
    }
    l.inputs = {in};
    l.output = output({1, l.filters});
    l.macs = std::uint64_t(filters) * std::uint64_t(l.in_features + l.memory);
    l.params = std::uint64_t(filters) * std::uint64_t(l.in_features + l.memory) + std::uint64_t(l.filters);
  }

  bool is_constant_input(std::size_t k) const {
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    if (k >= o.inputs.size() || o.inputs[k] < 0) return false;
    return buffer_of(tensor_index(o.inputs[k], "input " + std::to_string(k))).size != 0;
  }

  // ADD, SUB, MUL, DIV, MINIMUM, MAXIMUM: two activations, or an activation and a constant (folded into
  // the layer), with TFLite's broadcasting. Shapes are compared without the batch dimension, aligned at
  // the last axis.
  void binary(layer& l, layer_kind kind, std::uint8_t options_type) {
    l.kind = kind;
    input_count(2, 2);
    const bool min_max = kind == layer_kind::minimum || kind == layer_kind::maximum;
    if (kind == layer_kind::div && m_.type != dtype::float32)
      fail("DIV is imported for float models only (int8 DIV is not supported by ctml yet)");
    const bool c0 = is_constant_input(0), c1 = is_constant_input(1);
    if (c0 && c1) fail("both inputs are constants; ctml-import needs at least one activation");
    if (c0 && (kind == layer_kind::sub || kind == layer_kind::div || kind == layer_kind::prelu))
      fail("input 0 is a constant; ctml::" + layer_kind_name(kind) +
           " takes a constant as its second operand only");
    // Float MINIMUM / MAXIMUM pick the second operand on ties (+0 vs -0) and NaN: the order matters.
    if (c0 && min_max && m_.type == dtype::float32)
      fail("input 0 is a constant; a float ctml::" + layer_kind_name(kind) +
           " takes a constant as its second operand only");
    // ADD, MUL and integer MINIMUM / MAXIMUM commute: a constant first operand goes second.
    const std::size_t data_k = c0 ? 1 : 0;
    const int a = data_input(data_k);
    const fb::table* opt = options_type == tflite::opt_none ? nullptr : options(options_type);
    l.act = fused(opt ? opt->i8(0) : 0);
    const std::vector<int> ad(tensor(a).dims.begin() + 1, tensor(a).dims.end());
    std::vector<int> bd;
    if (!c0 && !c1) {
      const int b = data_input(1);
      bd.assign(tensor(b).dims.begin() + 1, tensor(b).dims.end());
      l.inputs = {a, b};
    } else {
      const constant c = const_input(c0 ? 0 : 1, model_type(), "constant operand");
      bd = c.dims;
      // Leading 1s beyond the activation's rank (TFLite's batch dimension) change nothing.
      while (bd.size() > 1 && bd.size() > ad.size() && bd.front() == 1) bd.erase(bd.begin());
      constant_operand(l, c, bd);
      l.inputs = {a};
    }
    const std::size_t rank = std::max(ad.size(), bd.size());
    if (rank > 4)
      fail("inputs have shapes " + dims_text(ad) + " and " + dims_text(bd) +
           " (without the batch dimension); ctml broadcasts up to rank 4");
    std::vector<int> out(rank);
    for (std::size_t i = 0; i < rank; ++i) {
      const int x = i < ad.size() ? ad[ad.size() - 1 - i] : 1;
      const int y = i < bd.size() ? bd[bd.size() - 1 - i] : 1;
      if (x != y && x != 1 && y != 1)
        fail("inputs have shapes " + dims_text(ad) + " and " + dims_text(bd) +
             " (without the batch dimension), which do not broadcast");
      out[rank - 1 - i] = std::max(x, y);
    }
    out.insert(out.begin(), 1);
    l.output = output(out);
    if (min_max && quantized()) {
      // TFLite compares the stored integers: one quantization for both inputs and the output.
      const quant b = l.has_constant ? l.constant_q : tensor(l.inputs[1]).q;
      const quant& x = tensor(a).q;
      const quant& y = tensor(l.output).q;
      if (x.scale != b.scale || x.zero_point != b.zero_point || x.scale != y.scale ||
          x.zero_point != y.zero_point)
        fail("the inputs and the output have different quantizations; ctml::" + layer_kind_name(kind) +
             " needs one (TFLite compares the stored integers without rescaling)");
    }
  }

  // HARD_SWISH: float, or int8 whose output multiplier (in_scale / 128 / out_scale, in float as TFLite
  // computes it) needs no left shift (TFLite Micro's Prepare requires it; so does ctml::hard_swish).
  void hard_swish_op(layer& l) {
    l.kind = layer_kind::hard_swish;
    input_count(1, 1);
    const int in = data_input(0);
    l.inputs = {in};
    l.output = output(tensor(in).dims);
    if (m_.type == dtype::int8) {
      const float r = (1.0f / 128.0f) * tensor(in).q.scale / tensor(l.output).q.scale;
      int e = 0;
      const double m = std::frexp(static_cast<double>(r), &e);
      if (std::round(m * 2147483648.0) == 2147483648.0) ++e;
      if (e > 0)
        fail("int8 input scale / 128 / output scale is " + std::to_string(r) +
             "; TFLite requires it below 1 (an output scale at least the input's / 128)");
    }
  }

  // L2_NORMALIZATION over the last axis: no fused activation (TFLite Micro refuses one); int8 output
  // quantization fixed at 1/128, zero point 0 (the kernel assumes it).
  void l2_normalization_op(layer& l) {
    l.kind = layer_kind::l2_normalization;
    input_count(1, 1);
    const int in = data_input(0);
    const fb::table* opt = options(tflite::opt_l2_norm);
    if (fused(opt ? opt->i8(0) : 0) != activation::none)
      fail("has a fused activation; TFLite Micro's L2_NORMALIZATION takes none");
    l.inputs = {in};
    l.output = output(tensor(in).dims);
    if (m_.type == dtype::int8) {
      const quant& q = tensor(l.output).q;
      if (q.scale != 1.0f / 128.0f || q.zero_point != 0)
        fail("int8 output quantization must be scale 1/128, zero point 0 (TFLite's L2_NORMALIZATION)");
    }
  }

  // MEAN: the average over constant axes (TFLite's axis tensor, negative axes counted from the end),
  // keep_dims from ReducerOptions. The batch axis (1) may be averaged only with keep_dims.
  void mean_op(layer& l) {
    l.kind = layer_kind::mean;
    input_count(2, 2);
    const int in = data_input(0);
    const std::vector<int> id = tensor(in).dims;
    const auto rank = static_cast<int>(id.size());
    if (rank < 2 || rank > 5)
      fail("input has shape " + dims_text(id) + "; ctml::mean takes ranks 2 to 5 (batch included)");
    const constant c = const_input(1, tflite::int32, "axis");
    const fb::table* opt = options(tflite::opt_reducer);
    l.keep_dims = opt ? opt->boolean(0) : false;
    unsigned mask = 0;
    for (std::int32_t a : read_i32(c)) {
      const std::int32_t r = a < 0 ? a + rank : a;
      if (r < 0 || r >= rank)
        fail("axis " + std::to_string(a) + " is out of range for an input of rank " + std::to_string(rank));
      if (r == 0) {
        if (!l.keep_dims) fail("averages the batch axis without keep_dims; not supported");
        continue;  // the batch dimension is 1
      }
      mask |= 1u << (r - 1);
    }
    if (mask == 0) fail("averages no axis but the batch; not supported");
    std::vector<int> out{1};
    for (int i = 1; i < rank; ++i) {
      if (((mask >> (i - 1)) & 1u) == 0)
        out.push_back(id[static_cast<std::size_t>(i)]);
      else if (l.keep_dims)
        out.push_back(1);
    }
    if (out.size() == 1) fail("averages every axis without keep_dims (a rank-1 output); not supported");
    l.mean_axes = mask;
    l.inputs = {in};
    l.output = output(out);
  }

  // RELU, RELU6 on their own: a clamp (TFLite Micro has no standalone RELU_N1_TO_1). TFLite requantizes to
  // the output's quantization; ctml::relu keeps the input's, so the two must be equal (what the converter
  // writes).
  void clamp_activation(layer& l, activation act) {
    l.kind = layer_kind::activation;
    input_count(1, 1);
    const int in = data_input(0);
    l.act = act;
    l.inputs = {in};
    l.output = output(tensor(in).dims);
    same_quant(in, l.output, "a standalone activation that requantizes is not supported");
  }

  // LOGISTIC, TANH: int8 / int16 output quantization fixed by TFLite.
  void smooth_activation(layer& l, layer_kind kind, quant fixed, const char* fixed_text) {
    l.kind = kind;
    input_count(1, 1);
    const int in = data_input(0);
    l.inputs = {in};
    l.output = output(tensor(in).dims);
    if (m_.type == dtype::int8) {
      const quant& q = tensor(l.output).q;
      if (q.scale != fixed.scale || q.zero_point != fixed.zero_point)
        fail(std::string("int8 output quantization must be ") + fixed_text + " (TFLite Micro requires it)");
      const quant& qi = tensor(in).q;
      if (!(qi.scale < 8.0f)) fail("int8 input scale must be below 8 (ctml's table of 256 values needs it)");
    }
    if (m_.type == dtype::int16) {  // TFLM's int16 kernels: Q0.15 out, zero points 0, multiplier <= 32767
      const quant& q = tensor(l.output).q;
      if (q.scale != 1.0f / 32768.0f || q.zero_point != 0)
        fail("int16 output quantization must be scale 2^-15, zero point 0 (TFLite Micro requires it)");
      const quant& qi = tensor(in).q;
      if (qi.zero_point != 0) fail("int16 input zero point must be 0 (TFLite Micro requires it)");
      if (!(qi.scale > 0.0f && double(qi.scale) * 12288.0 <= 32767.0))
        fail("int16 input scale must be at most 32767 / 12288 (TFLite Micro's multiplier limit)");
    }
  }

  // QUANTIZE: float -> int8 (the float input of an int8 model), or requantization between int8, int16
  // and int32 (the pairs TFLite Micro takes; not int32 -> int32).
  void quantize(layer& l) {
    l.kind = layer_kind::quantize;
    input_count(1, 1);
    if (m_.type == dtype::float32) fail("a QUANTIZE in a float model is not supported");
    const int in = data_input(0, true);
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    if (o.outputs.size() != 1) fail("has " + std::to_string(o.outputs.size()) + " outputs; expected 1");
    const std::int8_t to =
        raw_.tensors[static_cast<std::size_t>(tensor_index(o.outputs[0], "output 0"))].type;
    const dtype from = tensor(in).type;
    const bool to_int = to == tflite::int8 || to == tflite::int16 || to == tflite::int32;
    if (!to_int || (from == dtype::float32 && to == tflite::int32) ||
        (from == dtype::int32 && to == tflite::int32))
      fail(std::string("QUANTIZE from ") +
           (from == dtype::float32 ? "FLOAT32" : tflite::type_name(tflite_type(from))) + " to " +
           tflite::type_name(to) +
           " is not supported (FLOAT32 -> INT8, INT16; INT8 and INT16 -> INT8, INT16, INT32; INT32 -> INT8, "
           "INT16)");
    l.inputs = {in};
    l.output = output(tensor(in).dims, to);
  }

  /// The k-th input of the current operator as int32 constants of shape `rank` x `cols` (cols 0: a vector).
  std::vector<std::int32_t> int32_operand(std::size_t k, const char* what, std::size_t rank, int cols) {
    const constant c = const_input(k, tflite::int32, what);
    const std::vector<int> want =
        cols == 0 ? std::vector<int>{static_cast<int>(rank)} : std::vector<int>{static_cast<int>(rank), cols};
    if (c.dims != want)
      fail(std::string(what) + " " + tname(c.index) + " has shape " + dims_text(c.dims) + "; expected " +
           dims_text(want) + " for an input of rank " + std::to_string(rank));
    return read_i32(c);
  }

  // PAD, PADV2: constant paddings folded into the layer; PADV2's value (or TFLite Micro's default).
  void pad_op(layer& l, bool v2) {
    l.kind = layer_kind::pad;
    input_count(2, 3);
    const int in = data_input(0);
    (void)options(v2 ? tflite::opt_padv2 : tflite::opt_pad);
    const std::vector<int> id = tensor(in).dims;
    if (id.size() > 5) fail("input has shape " + dims_text(id) + "; TFLite Micro pads at most 5 axes");
    const std::vector<std::int32_t> p = int32_operand(1, "paddings", id.size(), 2);
    if (p[0] != 0 || p[1] != 0)
      fail("pads the batch axis (paddings[0] = [" + std::to_string(p[0]) + ", " + std::to_string(p[1]) +
           "]); ctml-import needs a batch of 1");
    std::vector<int> od{1};
    for (std::size_t d = 1; d < id.size(); ++d) {
      const std::int32_t b = p[2 * d], a = p[2 * d + 1];
      if (b < 0 || a < 0 || b > (1 << 16) || a > (1 << 16))
        fail("paddings[" + std::to_string(d) + "] = [" + std::to_string(b) + ", " + std::to_string(a) +
             "]; expected 0..65536");
      l.pad_before.push_back(b);
      l.pad_after.push_back(a);
      od.push_back(id[d] + b + a);
    }
    int value_idx = -1;
    if (has_bias(2)) {
      // constant_values: one element, usually a scalar (shape []), of the input's type.
      value_idx = tensor_index(raw_.ops[static_cast<std::size_t>(op_)].inputs[2], "constant_values");
      const tflite::tensor& t = raw_.tensors[static_cast<std::size_t>(value_idx)];
      const tflite::buffer_ref data = buffer_of(value_idx);
      if (data.size == 0) fail("constant_values " + tname(value_idx) + " is not constant");
      if (t.type != model_type())
        fail("constant_values " + tname(value_idx) + " has type " + tflite::type_name(t.type) +
             "; expected " + tflite::type_name(model_type()));
      for (std::int32_t v : t.shape)
        if (v != 1) fail("constant_values " + tname(value_idx) + " has more than one element");
      const std::uint64_t size = m_.type == dtype::int8 ? 1u : m_.type == dtype::int16 ? 2u : 4u;
      if (data.size != size)
        fail("constant_values " + tname(value_idx) + " has " + std::to_string(data.size) +
             " bytes of data; expected " + std::to_string(size));
      file_.need(data.offset, size, "constant data");
      l.has_pad_value = true;
      if (m_.type == dtype::float32) {
        const float v = file_.f32(data.offset);
        if (!std::isfinite(v)) fail("constant_values " + tname(value_idx) + " is not finite");
        l.pad_value = static_cast<double>(v);
      } else if (m_.type == dtype::int8) {
        l.pad_value = static_cast<std::int8_t>(file_.u8(data.offset));
      } else if (m_.type == dtype::int16) {
        l.pad_value = static_cast<std::int16_t>(file_.u8(data.offset) | (file_.u8(data.offset + 1) << 8));
      } else {
        l.pad_value = file_.i32(data.offset);
      }
    }
    l.inputs = {in};
    l.output = output(od);
    same_quant(in, l.output, "PAD copies the input's values");
    if (value_idx >= 0 && m_.type == dtype::int8) {
      const tflite::quantization& q = raw_.tensors[static_cast<std::size_t>(value_idx)].quant;
      const quant& out = tensor(l.output).q;
      if (!q.present || q.scale.size() != 1 || q.zero_point.size() != 1 || q.scale[0] != out.scale ||
          q.zero_point[0] != out.zero_point)
        fail("constant_values " + tname(value_idx) +
             " is not quantized like the output (TFLite Micro requires it)");
    }
  }

  // STRIDED_SLICE: begin, end, strides folded into the layer; the masks as TFLite Micro applies them.
  void strided_slice_op(layer& l) {
    l.kind = layer_kind::strided_slice;
    input_count(4, 4);
    const int in = data_input(0);
    const std::vector<int> id = tensor(in).dims;
    if (id.size() > 4) fail("input has shape " + dims_text(id) + "; TFLite Micro slices at most 4 axes");
    const std::vector<std::int32_t> b = int32_operand(1, "begin", id.size(), 0);
    const std::vector<std::int32_t> e = int32_operand(2, "end", id.size(), 0);
    const std::vector<std::int32_t> s = int32_operand(3, "strides", id.size(), 0);
    const fb::table* opt = options(tflite::opt_strided_slice);
    const auto bm = static_cast<unsigned>(opt ? opt->i32(0) : 0),
               em = static_cast<unsigned>(opt ? opt->i32(1) : 0);
    const std::int32_t ellipsis = opt ? opt->i32(2) : 0, new_axis = opt ? opt->i32(3) : 0;
    const auto sm = static_cast<unsigned>(opt ? opt->i32(4) : 0);
    if (ellipsis != 0 || new_axis != 0)
      fail(
          "ellipsis_mask / new_axis_mask are set; TFLite Micro ignores them (its result would differ from "
          "TensorFlow's), so ctml-import refuses them: slice every axis explicitly");
    if (opt && opt->u8(5) != 0) fail("offset is set; TFLite Micro ignores it, so ctml-import refuses it");
    if (((bm | em | sm) >> id.size()) != 0) fail("a mask names an axis the input does not have");
    std::vector<int> od;
    for (std::size_t d = 0; d < id.size(); ++d) {
      const int n = id[d], stride = s[d];
      if (stride == 0) fail("strides[" + std::to_string(d) + "] is 0");
      auto clamp = [&](std::int64_t v) {
        const std::int64_t lo = stride > 0 ? 0 : -1, hi = stride > 0 ? n : n - 1;
        return static_cast<int>(v < lo ? lo : (v > hi ? hi : v));
      };
      int start = clamp(b[d] < 0 ? std::int64_t{b[d]} + n : b[d]);
      if (bm & (1u << d)) start = stride > 0 ? 0 : n - 1;
      const bool shrink = (sm & (1u << d)) != 0;
      int stop = 0;
      if (shrink) {
        if (start < 0 || start >= n || stride < 0)
          fail("shrinks axis " + std::to_string(d) + " at an index outside it or with a negative stride");
        stop = start + 1;
      } else {
        stop = clamp(e[d] < 0 ? std::int64_t{e[d]} + n : e[d]);
        if (em & (1u << d)) stop = stride > 0 ? n : -1;
      }
      const std::int64_t span = stride > 0 ? stop - start : start - stop;
      const std::int64_t step = stride > 0 ? stride : -std::int64_t{stride};
      const int count = span <= 0 ? 0 : static_cast<int>((span + step - 1) / step);
      if (count == 0)
        fail("selects no element along axis " + std::to_string(d) + " (ctml has no empty tensors)");
      if (d == 0) {
        if (shrink || count != 1)
          fail("slices the batch axis away or into several; ctml-import needs a batch of 1");
        od.push_back(1);
        continue;
      }
      if (!shrink) od.push_back(count);
      l.slice_begin.push_back(b[d]);
      l.slice_end.push_back(e[d]);
      l.slice_strides.push_back(stride);
    }
    l.slice_begin_mask = bm >> 1;
    l.slice_end_mask = em >> 1;
    l.slice_shrink_mask = sm >> 1;
    l.inputs = {in};
    l.output = output(od);
    same_quant(in, l.output, "STRIDED_SLICE copies the input's values");
  }

  // LEAKY_RELU: alpha from the options; int8 / int16 may requantize (the layer takes the output's).
  void leaky_relu_op(layer& l) {
    l.kind = layer_kind::leaky_relu;
    input_count(1, 1);
    const int in = data_input(0);
    if (m_.type == dtype::int32) fail("INT32 LEAKY_RELU is not supported (TFLite Micro neither)");
    const fb::table* opt = options(tflite::opt_leaky_relu);
    l.alpha = opt ? opt->f32(0) : 0.0f;
    if (!std::isfinite(l.alpha)) fail("alpha is not finite");
    l.inputs = {in};
    l.output = output(tensor(in).dims);
  }

  // UNIDIRECTIONAL_SEQUENCE_LSTM as TFLite Micro runs it: 24 inputs; the four gates' input and
  // recurrent weights and biases; no peephole (9-11), projection (16-17) or layer norm (20-23), which
  // TFLM refuses; h and c are variable tensors (18, 19), kept by ctml::lstm as its state.
  void lstm_op(layer& l) {
    l.kind = layer_kind::lstm;
    input_count(24, 24);
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    const int in = data_input(0);
    const std::vector<int> id = tensor(in).dims;
    if (id.size() != 3) fail("input has shape " + dims_text(id) + "; expected rank 3");
    const fb::table* opt = options(tflite::opt_unidirectional_sequence_lstm);
    const std::int8_t act = opt ? opt->i8(0) : 0;
    if (act != 4)
      fail("the cell activation is " +
           std::string(act == 0   ? "NONE"
                       : act == 6 ? "SIGMOID"
                                  : std::to_string(act)) +
           "; ctml::lstm computes TANH (TFLite's default)");
    l.cell_clip = opt ? opt->f32(1) : 0.0f;
    if (!std::isfinite(l.cell_clip) || l.cell_clip < 0.0f) fail("cell_clip is negative or not finite");
    // time_major: [T, batch, F] instead of [batch, T, F]. With a batch of 1 and T > 1 the input is
    // already seen as [1, T, F] (mark_time_major); T = 1 gives [1, 1, F] either way.
    const bool time_major = opt && opt->boolean(3) && tensor(in).time_major_dims.empty();
    if (time_major && id[1] != 1)
      fail("time_major with a batch of " + std::to_string(id[1]) + "; ctml-import needs a batch of 1");
    if (opt && opt->boolean(4))
      fail("asymmetric_quantize_inputs (hybrid LSTM) is not supported (TFLite Micro neither)");
    if (opt && opt->boolean(5)) fail("diagonal_recurrent_tensors is not supported (TFLite Micro neither)");
    // proj_clip clips the projection layer's output, which TFLite Micro refuses; it ignores the option.
    const float proj_clip = opt ? opt->f32(2) : 0.0f;
    if (proj_clip != 0.0f)
      fail("proj_clip is " + std::to_string(proj_clip) +
           "; it clips the projection layer, which TFLite Micro's LSTM does not have (it ignores the "
           "option), nor does ctml::lstm");
    auto absent = [&](std::size_t k, const char* what) {
      if (has_bias(k))
        fail(std::string(what) + " (input " + std::to_string(k) +
             ") is present; TFLite Micro's LSTM does not support it, nor does ctml::lstm");
    };
    for (std::size_t k = 9; k <= 11; ++k) absent(k, "a peephole weight");
    absent(16, "the projection weights");
    absent(17, "the projection bias");
    for (std::size_t k = 20; k <= 23; ++k) absent(k, "a layer norm coefficient");
    if (!has_bias(1) || !has_bias(5) || !has_bias(12))
      fail(
          "has no input gate (CIFG, coupled input-forget gate); TFLite Micro does not support it, nor "
          "does ctml::lstm");
    const int steps = time_major ? id[0] : id[1], features = id[2];
    const bool q8 = quantized();               // int8 weights: int8 or int16 (16x8) activations
    const bool s16 = m_.type == dtype::int16;  // 16x8: int64 biases
    // The recurrent weights' rows give the units; TFLite's gate tensor order is i, f, c, o.
    const constant r0 = const_input(6, q8 ? tflite::int8 : tflite::float32, "recurrent weights");
    if (r0.dims.size() != 2 || r0.dims[0] != r0.dims[1])
      fail("recurrent weights have shape " + dims_text(r0.dims) + "; expected units x units");
    const int units = r0.dims[0];
    l.filters = units;
    l.in_features = features;
    constexpr std::size_t tflite_gate[4] = {0, 3, 1, 2};  // ONNX order i, o, f, c -> TFLite's i, f, c, o
    static const char* const names[4] = {"input gate", "output gate", "forget gate", "cell gate"};
    for (std::size_t g = 0; g < 4; ++g) {
      const std::size_t t = tflite_gate[g];
      const std::string what = std::string(names[g]);
      const constant w =
          const_input(1 + t, q8 ? tflite::int8 : tflite::float32, (what + " input weights").c_str());
      const constant r =
          const_input(5 + t, q8 ? tflite::int8 : tflite::float32, (what + " recurrent weights").c_str());
      const constant b = const_input(12 + t,
                                     s16  ? tflite::int64
                                     : q8 ? tflite::int32
                                          : tflite::float32,
                                     (what + " bias").c_str());
      if (w.dims != std::vector<int>{units, features})
        fail(what + " input weights have shape " + dims_text(w.dims) + "; expected " + std::to_string(units) +
             "x" + std::to_string(features));
      if (r.dims != std::vector<int>{units, units})
        fail(what + " recurrent weights have shape " + dims_text(r.dims) + "; expected " +
             std::to_string(units) + "x" + std::to_string(units));
      if (b.dims != std::vector<int>{units})
        fail(what + " bias has shape " + dims_text(b.dims) + "; expected " + std::to_string(units));
      if (q8) {
        const std::vector<float> ws = weight_scales(w, 0, units), rs = weight_scales(r, 0, units);
        if (ws.size() != 1 || rs.size() != 1)
          fail(what + " weights are quantized per channel; TFLite Micro's LSTM takes one scale a tensor");
        l.weight_scales.push_back(ws[0]);
        l.recurrent_scales.push_back(rs[0]);
        const std::vector<std::int8_t> wv = read_i8(w), rv = read_i8(r);
        l.weights_i8.insert(l.weights_i8.end(), wv.begin(), wv.end());
        l.recurrent_i8.insert(l.recurrent_i8.end(), rv.begin(), rv.end());
        if (s16) {
          const std::vector<std::int64_t> bv = read_i64(b);
          l.bias_i64.insert(l.bias_i64.end(), bv.begin(), bv.end());
        } else {
          const std::vector<std::int32_t> bv = read_i32(b);
          l.bias_i32.insert(l.bias_i32.end(), bv.begin(), bv.end());
        }
      } else {
        const std::vector<float> wv = read_f32(w), rv = read_f32(r), bv = read_f32(b);
        l.weights_f32.insert(l.weights_f32.end(), wv.begin(), wv.end());
        l.recurrent_f32.insert(l.recurrent_f32.end(), rv.begin(), rv.end());
        l.bias_f32.insert(l.bias_f32.end(), bv.begin(), bv.end());
      }
    }
    // h (18) and c (19): variable tensors of units elements; int8 (int16) h and int16 c (or float).
    auto state = [&](std::size_t k, const char* what, std::int8_t type) {
      const int idx = tensor_index(o.inputs[k], what);
      const tflite::tensor& t = raw_.tensors[static_cast<std::size_t>(idx)];
      if (!t.is_variable || buffer_of(idx).size != 0)
        fail(std::string(what) + " " + tname(idx) + " is not a variable tensor");
      if (t.type != type)
        fail(std::string(what) + " " + tname(idx) + " has type " + tflite::type_name(t.type) + "; expected " +
             tflite::type_name(type));
      std::uint64_t n = 0;
      (void)dims_of(idx, &n);
      if (n != static_cast<std::uint64_t>(units))
        fail(std::string(what) + " " + tname(idx) + " has " + std::to_string(n) + " elements; expected " +
             std::to_string(units) + " (a batch of 1)");
      return idx;
    };
    if (!has_bias(18) || !has_bias(19)) fail("the hidden or cell state tensor (input 18, 19) is missing");
    const int h_idx = state(18, "the hidden state", model_type());
    const int c_idx = state(19, "the cell state", q8 ? tflite::int16 : tflite::float32);
    l.inputs = {in};
    l.output = output(time_major ? std::vector<int>{steps, 1, units} : std::vector<int>{1, steps, units});
    if (q8) {
      const quant hq = activation_quant(h_idx, s16 ? tflite::int16 : tflite::int8);
      const quant& oq = tensor(l.output).q;
      if (hq.scale != oq.scale || hq.zero_point != oq.zero_point)
        fail("the output's quantization differs from the hidden state's (TFLM copies h to the output)");
      const quant cq = activation_quant(c_idx, tflite::int16);
      int e = 0;
      if (std::frexp(cq.scale, &e) != 0.5f || e - 1 < -27 || e - 1 > 0)
        fail("the cell state's scale " + std::to_string(cq.scale) +
             " is not a power of two in [2^-27, 1] (TFLite Micro's integer LSTM needs 2^n)");
      if (cq.zero_point != 0)
        fail("the cell state has zero point " + std::to_string(cq.zero_point) + "; expected 0");
      l.cell_scale = cq.scale;
    }
    const std::uint64_t u4 = 4 * static_cast<std::uint64_t>(units);
    l.params = u4 * static_cast<std::uint64_t>(features + units) + u4;
    l.macs = static_cast<std::uint64_t>(steps) * u4 * static_cast<std::uint64_t>(features + units);
  }

  // CONCATENATION: 1 to 10 activations joined along one axis (not the batch). TFLite Micro copies the
  // bytes: int8 inputs are quantized like the output; ctml keeps one quantization for int16 too.
  void concatenation_op(layer& l) {
    l.kind = layer_kind::concatenation;
    input_count(1, 10);
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    const fb::table* opt = options(tflite::opt_concatenation);
    const std::int32_t axis = opt ? opt->i32(0) : 0;
    if ((opt ? opt->i8(1) : 0) != 0) fail("has a fused activation; TFLite Micro's CONCATENATION takes none");
    std::vector<int> ins;
    for (std::size_t k = 0; k < o.inputs.size(); ++k) {
      if (is_constant_input(k))
        fail("input " + std::to_string(k) +
             " is a constant; ctml-import concatenates activations only (compute the constant part "
             "outside the model)");
      ins.push_back(data_input(k));
    }
    const std::vector<int> id = tensor(ins[0]).dims;
    const int rank = static_cast<int>(id.size());
    if (rank > 6) fail("input has shape " + dims_text(id) + "; TFLite Micro concatenates at most 6 axes");
    if (axis < -rank || axis >= rank)
      fail("axis " + std::to_string(axis) + " is outside the inputs' rank " + std::to_string(rank));
    const int a = axis < 0 ? axis + rank : axis;
    if (a == 0) fail("concatenates along the batch axis; ctml-import needs a batch of 1");
    std::vector<int> od = id;
    od[static_cast<std::size_t>(a)] = 0;
    for (int in : ins) {
      const std::vector<int>& d = tensor(in).dims;
      bool same = d.size() == id.size();
      for (std::size_t i = 0; same && i < d.size(); ++i) same = static_cast<int>(i) == a || d[i] == id[i];
      if (!same)
        fail("input " + tname(tensor(in).tflite_index) + " has shape " + dims_text(d) +
             ", which differs from the first input's " + dims_text(id) + " on an axis other than " +
             std::to_string(a));
      od[static_cast<std::size_t>(a)] += d[static_cast<std::size_t>(a)];
    }
    l.axis = a - 1;
    l.inputs = ins;
    l.output = output(od);
    for (int in : ins)
      same_quant(in, l.output,
                 "TFLite Micro's CONCATENATION copies the bytes, so every input must be quantized like the "
                 "output (ctml requires it for int16 too)");
    if (m_.type == dtype::int16 && tensor(l.output).q.zero_point != 0)
      fail("int16 inputs must have zero point 0 (TFLite's 16x8 scheme)");
  }

  // TRANSPOSE: a constant permutation that keeps the batch axis first.
  void transpose_op(layer& l) {
    l.kind = layer_kind::transpose;
    input_count(2, 2);
    const int in = data_input(0);
    (void)options(tflite::opt_transpose);
    const std::vector<int> id = tensor(in).dims;
    if (id.size() > 5) fail("input has shape " + dims_text(id) + "; TFLite Micro transposes at most 5 axes");
    const std::vector<std::int32_t> p = int32_operand(1, "perm", id.size(), 0);
    std::vector<bool> seen(id.size(), false);
    for (std::int32_t v : p) {
      if (v < 0 || static_cast<std::size_t>(v) >= id.size() || seen[static_cast<std::size_t>(v)])
        fail("perm is not a permutation of 0 .. " + std::to_string(id.size() - 1));
      seen[static_cast<std::size_t>(v)] = true;
    }
    if (p[0] != 0)
      fail("moves the batch axis (perm[0] = " + std::to_string(p[0]) + "); ctml-import needs it first");
    std::vector<int> od;
    for (std::int32_t v : p) od.push_back(id[static_cast<std::size_t>(v)]);
    for (std::size_t d = 1; d < p.size(); ++d) l.perm.push_back(p[d] - 1);
    l.inputs = {in};
    l.output = output(od);
    same_quant(in, l.output, "TRANSPOSE copies the input's values");
  }

  // SPACE_TO_DEPTH, DEPTH_TO_SPACE: an NHWC input, block_size from the options (TFLite Micro's checks).
  void block_op(layer& l, bool to_depth) {
    l.kind = to_depth ? layer_kind::space_to_depth : layer_kind::depth_to_space;
    input_count(1, 1);
    const int in = data_input(0);
    const std::vector<int> id = tensor(in).dims;
    if (id.size() != 4) fail("input has shape " + dims_text(id) + "; expected rank 4 (NHWC)");
    const fb::table* opt = options(to_depth ? tflite::opt_space_to_depth : tflite::opt_depth_to_space);
    const int b = positive(opt ? opt->i32(0) : 0, "block_size");
    std::vector<int> od;
    if (to_depth) {
      if (id[1] % b != 0 || id[2] % b != 0)
        fail("block_size " + std::to_string(b) + " does not divide the input's height and width " +
             dims_text(id));
      od = {1, id[1] / b, id[2] / b, id[3] * b * b};
    } else {
      if (id[3] % (b * b) != 0)
        fail("block_size " + std::to_string(b) + " squared does not divide the input's channels " +
             dims_text(id));
      od = {1, id[1] * b, id[2] * b, id[3] / (b * b)};
    }
    l.block = b;
    l.inputs = {in};
    l.output = output(od);
    same_quant(in, l.output, "the op copies the input's values");
  }

  // RESIZE_NEAREST_NEIGHBOR: an NHWC input, a constant int32 size of 2 (TFLite Micro's checks), the options.
  void resize_nearest_op(layer& l) {
    l.kind = layer_kind::resize_nearest_neighbor;
    input_count(2, 2);
    const int in = data_input(0);
    const std::vector<int> id = tensor(in).dims;
    if (id.size() != 4) fail("input has shape " + dims_text(id) + "; expected rank 4 (NHWC)");
    const constant s = const_input(1, tflite::int32, "size");
    const std::vector<std::int32_t> v = read_i32(s);
    if (s.dims.size() != 1 || v.size() != 2) fail("size must hold 2 values (height, width)");
    const int h = positive(v[0], "size height"), w = positive(v[1], "size width");
    const fb::table* opt = options(tflite::opt_resize_nearest_neighbor);
    l.align_corners = opt && opt->boolean(0);
    l.half_pixel_centers = opt && opt->boolean(1);
    l.output_h = h;
    l.output_w = w;
    l.inputs = {in};
    l.output = output({1, h, w, id[3]});
    same_quant(in, l.output, "the op copies the input's values");
  }

  // GATHER: constant 1-D int32 indices in range, an axis other than the batch, batch_dims 0.
  void gather_op(layer& l) {
    l.kind = layer_kind::gather;
    input_count(2, 2);
    const int in = data_input(0);
    const std::vector<int> id = tensor(in).dims;
    const int rank = static_cast<int>(id.size());
    const fb::table* opt = options(tflite::opt_gather);
    const std::int32_t axis = opt ? opt->i32(0) : 0;
    if (opt && opt->i32(1) != 0)
      fail("batch_dims " + std::to_string(opt->i32(1)) + " is not supported (only 0)");
    if (axis < -rank || axis >= rank)
      fail("axis " + std::to_string(axis) + " is outside the input's rank " + std::to_string(rank));
    const int a = axis < 0 ? axis + rank : axis;
    if (a == 0) fail("gathers along the batch axis; ctml-import needs a batch of 1");
    const constant c = const_input(1, tflite::int32, "indices");
    if (c.dims.size() != 1)
      fail("indices " + tname(c.index) + " has shape " + dims_text(c.dims) + "; expected 1-D");
    const std::vector<std::int32_t> v = read_i32(c);
    if (v.empty()) fail("indices is empty");
    for (std::int32_t k : v)
      if (k < 0 || k >= id[static_cast<std::size_t>(a)])
        fail("index " + std::to_string(k) + " is outside the axis' size " +
             std::to_string(id[static_cast<std::size_t>(a)]));
    std::vector<int> od = id;
    od[static_cast<std::size_t>(a)] = static_cast<int>(v.size());
    l.axis = a - 1;
    l.indices.assign(v.begin(), v.end());
    l.inputs = {in};
    l.output = output(od);
    same_quant(in, l.output, "the op copies the input's values");
  }

  // BATCH_MATMUL: one activation and one constant operand (either side), ranks 2 to 5, batch axes that
  // broadcast, equal depths; int16: zero points 0 (TFLite Micro's checks), per-tensor quantization.
  void batch_matmul_op(layer& l) {
    l.kind = layer_kind::batch_matmul;
    input_count(2, 2);
    const bool c0 = is_constant_input(0), c1 = is_constant_input(1);
    if (c0 == c1)
      fail(c0 ? "both inputs are constants; ctml-import needs one activation"
              : "both inputs are activations; ctml::batch_matmul takes one constant operand");
    const int in = data_input(c0 ? 1 : 0);
    const constant c = const_input(c0 ? 0 : 1, model_type(), "constant operand");
    const fb::table* opt = options(tflite::opt_batch_matmul);
    l.adj_x = opt && opt->boolean(0);
    l.adj_y = opt && opt->boolean(1);
    l.constant_lhs = c0;
    const std::vector<int> id = tensor(in).dims;
    if (id.size() > 5 || c.dims.size() < 2 || c.dims.size() > 5)
      fail("operands have shapes " + dims_text(id) + " and " + dims_text(c.dims) + "; expected ranks 2 to 5");
    const std::size_t r = std::max(id.size(), c.dims.size());
    auto extend = [r](std::vector<int> d) {
      d.insert(d.begin(), r - d.size(), 1);
      return d;
    };
    const std::vector<int> ld = extend(c0 ? c.dims : id), rd = extend(c0 ? id : c.dims);
    std::vector<int> od(r);
    for (std::size_t i = 0; i + 2 < r; ++i) {
      if (ld[i] != rd[i] && ld[i] != 1 && rd[i] != 1)
        fail("operands have shapes " + dims_text(ld) + " and " + dims_text(rd) +
             ", whose batch axes do not broadcast");
      od[i] = std::max(ld[i], rd[i]);
    }
    const int kl = l.adj_x ? ld[r - 2] : ld[r - 1], kr = l.adj_y ? rd[r - 1] : rd[r - 2];
    if (kl != kr)
      fail("operands have shapes " + dims_text(ld) + " and " + dims_text(rd) + " with depths " +
           std::to_string(kl) + " and " + std::to_string(kr) + " (adj_x " + (l.adj_x ? "true" : "false") +
           ", adj_y " + (l.adj_y ? "true" : "false") + ")");
    od[r - 2] = l.adj_x ? ld[r - 1] : ld[r - 2];
    od[r - 1] = l.adj_y ? rd[r - 2] : rd[r - 1];
    constant_operand(l, c, c.dims);
    l.inputs = {in};
    l.output = output(od);
    l.macs = std::uint64_t(tensor(l.output).elements) * std::uint64_t(kl);
    if (m_.type == dtype::int16) {
      const quant& x = tensor(in).q;
      const quant& y = tensor(l.output).q;
      if (x.zero_point != 0 || l.constant_q.zero_point != 0 || y.zero_point != 0)
        fail("int16 operands and output need zero point 0 (TFLite Micro's BATCH_MATMUL requires it)");
      const double mult = static_cast<double>(x.scale) * static_cast<double>(l.constant_q.scale) /
                          static_cast<double>(y.scale);
      if (!(mult < 128.0))
        fail("int16 input scale * constant scale / output scale is " + std::to_string(mult) +
             "; ctml requires it below 128");
    }
  }

  // SPLIT, SPLIT_V: one strided_slice per output, reading the same input (TFLite Micro copies each part;
  // the output tensors' shapes give the parts, as in TFLite Micro). All but the last output's layer are
  // added here; `l` becomes the last.
  void split_op(layer& l, bool v) {
    input_count(v ? 3 : 2, v ? 3 : 2);
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    const int in = data_input(v ? 0 : 1);
    (void)options(v ? tflite::opt_split_v : tflite::opt_split);
    const std::vector<int> id = tensor(in).dims;
    const int rank = static_cast<int>(id.size());
    if (rank > 5) fail("input has shape " + dims_text(id) + "; ctml-import splits at most 5 axes");
    // axis: one INT32, usually a scalar (shape []), which const_input does not take.
    const int axis_idx = tensor_index(o.inputs[v ? 2 : 0], "axis");
    const tflite::buffer_ref axis_data = buffer_of(axis_idx);
    if (axis_data.size == 0) fail("axis " + tname(axis_idx) + " is not constant");
    if (raw_.tensors[static_cast<std::size_t>(axis_idx)].type != tflite::int32 || axis_data.size != 4)
      fail("axis " + tname(axis_idx) + " is not one INT32");
    file_.need(axis_data.offset, 4, "constant data");
    const std::int32_t axis_v = file_.i32(axis_data.offset);
    if (axis_v < -rank || axis_v >= rank)
      fail("axis " + std::to_string(axis_v) + " is outside the input's rank " + std::to_string(rank));
    const auto axis = static_cast<std::size_t>(axis_v < 0 ? axis_v + rank : axis_v);
    if (axis == 0) fail("splits the batch axis; ctml-import needs a batch of 1");
    const std::size_t n = o.outputs.size();
    if (n == 0) fail("has no outputs");
    std::vector<std::int32_t> sizes;
    if (v) {
      const constant sc = const_input(1, tflite::int32, "size_splits");
      sizes = read_i32(sc);
      if (sizes.size() != n)
        fail("size_splits has " + std::to_string(sizes.size()) + " entries for " + std::to_string(n) +
             " outputs");
    }
    int offset = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const int out_idx = tensor_index(o.outputs[k], "output " + std::to_string(k));
      const std::vector<int> od = dims_of(out_idx, nullptr);
      bool same = od.size() == id.size();
      for (std::size_t d = 0; same && d < od.size(); ++d) same = d == axis || od[d] == id[d];
      if (!same)
        fail("output " + tname(out_idx) + " has shape " + dims_text(od) +
             ", which differs from the input's " + dims_text(id) + " on an axis other than " +
             std::to_string(axis));
      const int extent = od[axis];
      if (v && sizes[k] != -1 && sizes[k] != extent)
        fail("size_splits[" + std::to_string(k) + "] is " + std::to_string(sizes[k]) + " but output " +
             tname(out_idx) + " has " + std::to_string(extent));
      layer s;
      s.kind = layer_kind::strided_slice;
      s.op_index = l.op_index;
      s.op_name = l.op_name;
      s.suffix = "_" + std::to_string(k);
      for (std::size_t d = 1; d < id.size(); ++d) {
        s.slice_begin.push_back(d == axis ? offset : 0);
        s.slice_end.push_back(d == axis ? offset + extent : id[d]);
        s.slice_strides.push_back(1);
      }
      offset += extent;
      s.inputs = {in};
      add_activation(out_idx, "an operator output", model_type());
      s.output = static_cast<int>(m_.tensors.size()) - 1;
      same_quant(in, s.output, "SPLIT copies the input's values");
      if (k + 1 < n)
        m_.layers.push_back(std::move(s));
      else
        l = std::move(s);
    }
    if (offset != id[axis])
      fail("the outputs' extents along axis " + std::to_string(axis) + " add up to " +
           std::to_string(offset) + "; the input has " + std::to_string(id[axis]));
  }

  // CAST: a value conversion (static_cast, quantization ignored) of a tensor of the model's type, to
  // INT8, INT16, INT32 or FLOAT32. Later ops read only the model's type, so a CAST to another type ends
  // the graph (the form TFLite's converter writes for an integer or float result).
  void cast_op(layer& l) {
    l.kind = layer_kind::cast;
    input_count(1, 1);
    const int in = data_input(0);
    (void)options(tflite::opt_cast);
    const tflite::op& o = raw_.ops[static_cast<std::size_t>(op_)];
    if (o.outputs.size() != 1) fail("has " + std::to_string(o.outputs.size()) + " outputs; expected 1");
    const std::int8_t to =
        raw_.tensors[static_cast<std::size_t>(tensor_index(o.outputs[0], "output 0"))].type;
    if (to != tflite::int8 && to != tflite::int16 && to != tflite::int32 && to != tflite::float32)
      fail(std::string("CAST to ") + tflite::type_name(to) +
           " is not supported (INT8, INT16, INT32, FLOAT32)");
    l.inputs = {in};
    unquantized_output_ = true;
    l.output = output(tensor(in).dims, to);
    unquantized_output_ = false;
  }

  // DEQUANTIZE: int8 or int16 -> float, the float output of an int8 or int16 model.
  void dequantize(layer& l) {
    l.kind = layer_kind::dequantize;
    input_count(1, 1);
    const int in = data_input(0);
    if (m_.type == dtype::float32) fail("a DEQUANTIZE in a float model is not supported");
    l.inputs = {in};
    l.output = output(tensor(in).dims, tflite::float32);
  }

  const tflite::model& raw_;
  const fb::buffer& file_;
  model m_;
  std::vector<int> produced_;
  std::vector<char> time_major_;  ///< per TFLite tensor: [T, 1, X] imported as [1, T, X]  ///< TFLite tensor
                                  ///< -> index in m_.tensors, -1 until written
  int op_ = -1;
  std::string op_name_;
  std::uint64_t copied_ = 0;
  bool unquantized_output_ = false;  ///< the output being registered may lack quantization (CAST)
};

}  // namespace

model validate(const tflite::model& raw, const fb::buffer& file) {
  return validator(raw, file).run();
}

std::string layer_kind_name(layer_kind k) {
  switch (k) {
    case layer_kind::conv2d:
      return "conv2d";
    case layer_kind::depthwise_conv2d:
      return "depthwise_conv2d";
    case layer_kind::average_pool2d:
      return "average_pool2d";
    case layer_kind::max_pool2d:
      return "max_pool2d";
    case layer_kind::reshape:
      return "reshape";
    case layer_kind::dense:
      return "dense";
    case layer_kind::softmax:
      return "softmax";
    case layer_kind::add:
      return "add";
    case layer_kind::sub:
      return "sub";
    case layer_kind::mul:
      return "mul";
    case layer_kind::quantize:
      return "quantize";
    case layer_kind::dequantize:
      return "dequantize";
    case layer_kind::activation:
      return "activation";
    case layer_kind::sigmoid:
      return "sigmoid";
    case layer_kind::tanh:
      return "tanh";
    case layer_kind::pad:
      return "pad";
    case layer_kind::strided_slice:
      return "strided_slice";
    case layer_kind::leaky_relu:
      return "leaky_relu";
    case layer_kind::conv2d_transpose:
      return "conv2d_transpose";
    case layer_kind::svdf:
      return "svdf";
    case layer_kind::lstm:
      return "lstm";
    case layer_kind::div:
      return "div";
    case layer_kind::minimum:
      return "minimum";
    case layer_kind::maximum:
      return "maximum";
    case layer_kind::mean:
      return "mean";
    case layer_kind::hard_swish:
      return "hard_swish";
    case layer_kind::prelu:
      return "prelu";
    case layer_kind::l2_normalization:
      return "l2_normalization";
    case layer_kind::concatenation:
      return "concatenation";
    case layer_kind::transpose:
      return "transpose";
    case layer_kind::cast:
      return "cast";
    case layer_kind::space_to_depth:
      return "space_to_depth";
    case layer_kind::depth_to_space:
      return "depth_to_space";
    case layer_kind::resize_nearest_neighbor:
      return "resize_nearest_neighbor";
    case layer_kind::gather:
      return "gather";
    case layer_kind::batch_matmul:
      return "batch_matmul";
  }
  return "?";
}

std::string tensor_label(const tflite::model& raw, int idx) {
  std::string s = "t" + std::to_string(idx);
  if (idx < 0 || static_cast<std::size_t>(idx) >= raw.tensors.size()) return s;
  const std::string& name = raw.tensors[static_cast<std::size_t>(idx)].name;
  if (name.empty()) return s;
  std::string shown;  // printable and bounded: a message is one line
  for (char c : name.substr(0, 80)) shown += (c >= 0x20 && c < 0x7f && c != '\'') ? c : '?';
  if (name.size() > 80) shown += "...";
  return s + " '" + shown + "'";
}

std::vector<std::string> survey(const tflite::model& raw) {
  std::vector<std::string> problems;
  if (raw.subgraph_count != 1)
    problems.push_back("the model has " + std::to_string(raw.subgraph_count) +
                       " subgraphs; ctml-import supports exactly one");
  std::vector<bool> reported(raw.tensors.size(), false);
  for (std::size_t i = 0; i < raw.ops.size(); ++i) {
    const tflite::op& o = raw.ops[i];
    if (o.opcode_index >= raw.operator_codes.size()) continue;     // validate() names it
    if (i < raw.folded_ops.size() && raw.folded_ops[i]) continue;  // computed at import time
    const tflite::operator_code& code = raw.operator_codes[o.opcode_index];
    const std::string where = "operator " + std::to_string(i) + " (";
    if (!code.custom_code.empty() || code.builtin == tflite::op_custom) {
      std::string name;
      for (char ch : code.custom_code) name += (ch >= 0x20 && ch < 0x7f) ? ch : '?';
      problems.push_back(where + "CUSTOM): custom op '" + name + "' is not supported");
      continue;
    }
    const std::string op = tflite::builtin_name(code.builtin);
    if (!supported_builtin(code.builtin))
      problems.push_back(where + op + "): " + unsupported_op_hint(code.builtin));
    bool int16_said = false;  // one int16 message per op: it is about the op, not each tensor
    for (const std::vector<std::int32_t>* list : {&o.inputs, &o.outputs})
      for (std::int32_t t : *list) {
        if (t < 0 || static_cast<std::size_t>(t) >= raw.tensors.size() ||
            reported[static_cast<std::size_t>(t)])
          continue;
        const std::int8_t type = raw.tensors[static_cast<std::size_t>(t)].type;
        std::string why;
        if ((type == tflite::int16 || type == tflite::int64) && int16_builtin(code.builtin))
          continue;  // TFLite's 16x8: int16 activations, INT64 biases
        if (type == tflite::int16 && code.builtin == tflite::op_svdf) continue;  // int8 SVDF's state
        if (type == tflite::int16 && code.builtin == tflite::op_unidirectional_sequence_lstm &&
            o.inputs.size() > 19 && o.inputs[19] == t)
          continue;  // the int16 cell state of an int8 LSTM
        if (type == tflite::int16 && int16_said) continue;
        if (type == tflite::int16) int16_said = true;
        if (type == tflite::int16)
          why =
              "int16 activations (TFLite's 16x8 quantization) are not imported for this op yet (int16 "
              "models: " +
              op_names_taking("int16") + "); or quantize with int8 activations";
        else if (type == tflite::int64)
          why =
              "INT64 is imported only as the bias of TFLite's 16x8 CONV_2D, DEPTHWISE_CONV_2D, "
              "FULLY_CONNECTED";
        else if (type != tflite::int8 && type != tflite::float32 && type != tflite::int32)
          why = "this tensor type is not supported (INT8 and FLOAT32 models, INT32 biases)";
        if (why.empty()) continue;
        reported[static_cast<std::size_t>(t)] = true;
        problems.push_back(where + op + "): " + tensor_label(raw, t) + " has type " +
                           tflite::type_name(type) + ": " + why);
      }
  }
  return problems;
}

}  // namespace ctml_import

#include "tflite.hpp"

#include <array>
#include <string>

namespace ctml_import::tflite {
namespace {

// BuiltinOperator names in code order (schema.fbs), for error messages.
constexpr std::array<std::string_view, 162> builtin_names = {
    "ADD",
    "AVERAGE_POOL_2D",
    "CONCATENATION",
    "CONV_2D",
    "DEPTHWISE_CONV_2D",
    "DEPTH_TO_SPACE",
    "DEQUANTIZE",
    "EMBEDDING_LOOKUP",
    "FLOOR",
    "FULLY_CONNECTED",
    "HASHTABLE_LOOKUP",
    "L2_NORMALIZATION",
    "L2_POOL_2D",
    "LOCAL_RESPONSE_NORMALIZATION",
    "LOGISTIC",
    "LSH_PROJECTION",
    "LSTM",
    "MAX_POOL_2D",
    "MUL",
    "RELU",
    "RELU_N1_TO_1",
    "RELU6",
    "RESHAPE",
    "RESIZE_BILINEAR",
    "RNN",
    "SOFTMAX",
    "SPACE_TO_DEPTH",
    "SVDF",
    "TANH",
    "CONCAT_EMBEDDINGS",
    "SKIP_GRAM",
    "CALL",
    "CUSTOM",
    "EMBEDDING_LOOKUP_SPARSE",
    "PAD",
    "UNIDIRECTIONAL_SEQUENCE_RNN",
    "GATHER",
    "BATCH_TO_SPACE_ND",
    "SPACE_TO_BATCH_ND",
    "TRANSPOSE",
    "MEAN",
    "SUB",
    "DIV",
    "SQUEEZE",
    "UNIDIRECTIONAL_SEQUENCE_LSTM",
    "STRIDED_SLICE",
    "BIDIRECTIONAL_SEQUENCE_RNN",
    "EXP",
    "TOPK_V2",
    "SPLIT",
    "LOG_SOFTMAX",
    "DELEGATE",
    "BIDIRECTIONAL_SEQUENCE_LSTM",
    "CAST",
    "PRELU",
    "MAXIMUM",
    "ARG_MAX",
    "MINIMUM",
    "LESS",
    "NEG",
    "PADV2",
    "GREATER",
    "GREATER_EQUAL",
    "LESS_EQUAL",
    "SELECT",
    "SLICE",
    "SIN",
    "TRANSPOSE_CONV",
    "SPARSE_TO_DENSE",
    "TILE",
    "EXPAND_DIMS",
    "EQUAL",
    "NOT_EQUAL",
    "LOG",
    "SUM",
    "SQRT",
    "RSQRT",
    "SHAPE",
    "POW",
    "ARG_MIN",
    "FAKE_QUANT",
    "REDUCE_PROD",
    "REDUCE_MAX",
    "PACK",
    "LOGICAL_OR",
    "ONE_HOT",
    "LOGICAL_AND",
    "LOGICAL_NOT",
    "UNPACK",
    "REDUCE_MIN",
    "FLOOR_DIV",
    "REDUCE_ANY",
    "SQUARE",
    "ZEROS_LIKE",
    "FILL",
    "FLOOR_MOD",
    "RANGE",
    "RESIZE_NEAREST_NEIGHBOR",
    "LEAKY_RELU",
    "SQUARED_DIFFERENCE",
    "MIRROR_PAD",
    "ABS",
    "SPLIT_V",
    "UNIQUE",
    "CEIL",
    "REVERSE_V2",
    "ADD_N",
    "GATHER_ND",
    "COS",
    "WHERE",
    "RANK",
    "ELU",
    "REVERSE_SEQUENCE",
    "MATRIX_DIAG",
    "QUANTIZE",
    "MATRIX_SET_DIAG",
    "ROUND",
    "HARD_SWISH",
    "IF",
    "WHILE",
    "NON_MAX_SUPPRESSION_V4",
    "NON_MAX_SUPPRESSION_V5",
    "SCATTER_ND",
    "SELECT_V2",
    "DENSIFY",
    "SEGMENT_SUM",
    "BATCH_MATMUL",
    "PLACEHOLDER_FOR_GREATER_OP_CODES",
    "CUMSUM",
    "CALL_ONCE",
    "BROADCAST_TO",
    "RFFT2D",
    "CONV_3D",
    "IMAG",
    "REAL",
    "COMPLEX_ABS",
    "HASHTABLE",
    "HASHTABLE_FIND",
    "HASHTABLE_IMPORT",
    "HASHTABLE_SIZE",
    "REDUCE_ALL",
    "CONV_3D_TRANSPOSE",
    "VAR_HANDLE",
    "READ_VARIABLE",
    "ASSIGN_VARIABLE",
    "BROADCAST_ARGS",
    "RANDOM_STANDARD_NORMAL",
    "BUCKETIZE",
    "RANDOM_UNIFORM",
    "MULTINOMIAL",
    "GELU",
    "DYNAMIC_UPDATE_SLICE",
    "RELU_0_TO_1",
    "UNSORTED_SEGMENT_PROD",
    "UNSORTED_SEGMENT_MAX",
    "UNSORTED_SEGMENT_SUM",
    "ATAN2",
    "UNSORTED_SEGMENT_MIN",
    "SIGN",
    "BITCAST",
    "BITWISE_XOR",
    "RIGHT_SHIFT",
};

constexpr std::array<std::string_view, 18> type_names = {
    "FLOAT32", "FLOAT16", "INT32",      "UINT8",  "INT64",    "STRING",  "BOOL",   "INT16",  "COMPLEX64",
    "INT8",    "FLOAT64", "COMPLEX128", "UINT64", "RESOURCE", "VARIANT", "UINT32", "UINT16", "INT4",
};

std::vector<std::int32_t> read_i32s(const fb::table& t, unsigned id, std::uint32_t max, const char* what) {
  const fb::vector v = t.vec(id, 4, what);
  if (v.size() > max)
    throw error(std::string("malformed model: ") + what + " has " + std::to_string(v.size()) +
                " entries (limit " + std::to_string(max) + ")");
  t.buf().charge(v.size());
  std::vector<std::int32_t> out(v.size());
  for (std::uint32_t i = 0; i < v.size(); ++i) out[i] = t.buf().i32(v.at(i));
  return out;
}

quantization read_quantization(const fb::table& q) {
  quantization out;
  out.present = true;
  const fb::vector scale = q.vec(2, 4, "quantization scales");
  const fb::vector zp = q.vec(3, 8, "quantization zero points");
  if (scale.size() > max_quant_params || zp.size() > max_quant_params)
    throw error("malformed model: a tensor has more than " + std::to_string(max_quant_params) +
                " quantization parameters");
  q.buf().charge(std::uint64_t{scale.size()} + zp.size());
  out.scale.resize(scale.size());
  for (std::uint32_t i = 0; i < scale.size(); ++i) out.scale[i] = q.buf().f32(scale.at(i));
  out.zero_point.resize(zp.size());
  for (std::uint32_t i = 0; i < zp.size(); ++i) out.zero_point[i] = q.buf().i64(zp.at(i));
  out.has_details = q.u8(4) != 0 || q.has(5);
  out.quantized_dimension = q.i32(6);
  return out;
}

}  // namespace

std::string builtin_name(std::int32_t code) {
  if (code >= 0 && static_cast<std::size_t>(code) < builtin_names.size())
    return std::string(builtin_names[static_cast<std::size_t>(code)]);
  return "BUILTIN_" + std::to_string(code);
}

std::string type_name(std::int32_t type) {
  if (type >= 0 && static_cast<std::size_t>(type) < type_names.size())
    return std::string(type_names[static_cast<std::size_t>(type)]);
  return "TYPE_" + std::to_string(type);
}

model parse(const fb::buffer& file) {
  if (file.size() < 8)
    throw error("not a TFLite model: the file is " + std::to_string(file.size()) + " bytes long");
  if (file.u8(4) != 'T' || file.u8(5) != 'F' || file.u8(6) != 'L' || file.u8(7) != '3')
    throw error("not a TFLite model: file identifier (bytes 4..8) is not \"TFL3\"");
  const fb::table root(file, file.follow(0, 4, "the root table"), "the model table");

  model m;
  m.version = root.u32(0);
  if (m.version != 3)
    throw error("unsupported TFLite schema version " + std::to_string(m.version) + " (expected 3)");

  const fb::vector codes = root.vec(1, 4, "operator codes");
  if (codes.size() > max_operators) throw error("malformed model: too many operator codes");
  m.operator_codes.reserve(codes.size());
  for (std::uint32_t i = 0; i < codes.size(); ++i) {
    const fb::table c = root.element(codes, i, "an operator code");
    operator_code oc;
    const std::int32_t deprecated = c.i8(0);
    const std::int32_t extended = c.i32(3);
    oc.builtin = deprecated > extended ? deprecated : extended;  // schema.fbs: the larger of the two
    oc.custom_code = c.str(1, "a custom op name");
    oc.version = c.i32(2, 1);
    m.operator_codes.push_back(std::move(oc));
  }

  const fb::vector subgraphs = root.vec(2, 4, "subgraphs");
  m.subgraph_count = subgraphs.size();
  if (subgraphs.empty()) throw error("malformed model: it has no subgraph");
  m.description = root.str(3, "the model description");

  const fb::vector buffers = root.vec(4, 4, "buffers");
  if (buffers.size() > max_buffers) throw error("malformed model: too many buffers");
  m.buffers.reserve(buffers.size());
  for (std::uint32_t i = 0; i < buffers.size(); ++i) {
    const fb::table b = root.element(buffers, i, "a buffer");
    buffer_ref ref;
    const fb::vector data = b.vec(0, 1, "buffer data");
    if (!data.empty()) {
      ref.offset = data.data;
      ref.size = data.size();
    } else {
      // Models above 2 GB keep buffer bytes after the flatbuffer: offset from the file start.
      const std::uint64_t offset = b.u64(1), size = b.u64(2);
      if (offset > 1) {
        file.need(offset, size, "an external buffer");
        ref.offset = offset;
        ref.size = size;
      }
    }
    m.buffers.push_back(ref);
  }

  const fb::table sg = root.element(subgraphs, 0, "subgraph 0");
  const fb::vector tensors = sg.vec(0, 4, "tensors");
  if (tensors.size() > max_tensors) throw error("malformed model: too many tensors");
  m.tensors.reserve(tensors.size());
  for (std::uint32_t i = 0; i < tensors.size(); ++i) {
    const fb::table t = sg.element(tensors, i, "a tensor");
    tensor out;
    out.shape = read_i32s(t, 0, max_rank, "a tensor shape");
    out.type = t.i8(1);
    out.buffer = t.u32(2);
    out.name = t.str(3, "a tensor name");
    if (auto q = t.sub(4, "quantization parameters")) out.quant = read_quantization(*q);
    out.is_variable = t.boolean(5);
    out.sparse = t.has(6);
    m.tensors.push_back(std::move(out));
  }
  m.inputs = read_i32s(sg, 1, max_tensors, "subgraph inputs");
  m.outputs = read_i32s(sg, 2, max_tensors, "subgraph outputs");

  const fb::vector ops = sg.vec(3, 4, "operators");
  if (ops.size() > max_operators)
    throw error("the model has " + std::to_string(ops.size()) + " operators; ctml-import supports up to " +
                std::to_string(max_operators));
  m.ops.reserve(ops.size());
  for (std::uint32_t i = 0; i < ops.size(); ++i) {
    const fb::table o = sg.element(ops, i, "an operator");
    op out;
    out.opcode_index = o.u32(0);
    out.inputs = read_i32s(o, 1, max_op_tensors, "operator inputs");
    out.outputs = read_i32s(o, 2, max_op_tensors, "operator outputs");
    out.options_type = o.u8(3);
    out.options = o.sub(4, "builtin options");
    out.has_custom_options = !o.vec(5, 1, "custom options").empty();
    out.intermediates = read_i32s(o, 8, max_op_tensors, "operator intermediates");
    out.has_options_2 = o.u8(11) != 0;
    m.ops.push_back(std::move(out));
  }
  return m;
}

}  // namespace ctml_import::tflite

#pragma once
// The subset of the TFLite schema (schema.fbs, file identifier "TFL3") that ctml-import reads,
// parsed from the flatbuffer into plain structures. This layer only checks the *format* (bounds,
// counts, field sizes); what the values mean is checked by the validator (model.hpp).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "flatbuffer.hpp"

namespace ctml_import::tflite {

// TensorType values (schema.fbs).
enum tensor_type : std::int8_t {
  float32 = 0,
  float16 = 1,
  int32 = 2,
  uint8 = 3,
  int64 = 4,
  int16 = 7,
  int8 = 9
};

// BuiltinOperator values used by ctml-import.
enum builtin : std::int32_t {
  op_add = 0,
  op_mul = 18,
  op_sub = 41,
  op_average_pool_2d = 1,
  op_conv_2d = 3,
  op_depthwise_conv_2d = 4,
  op_fully_connected = 9,
  op_max_pool_2d = 17,
  op_reshape = 22,
  op_softmax = 25,
  op_custom = 32,
  op_dequantize = 6,
  op_logistic = 14,
  op_relu = 19,
  op_relu6 = 21,
  op_tanh = 28,
  op_squeeze = 43,
  op_expand_dims = 70,
  op_quantize = 114,
  op_pad = 34,
  op_padv2 = 60,
  op_strided_slice = 45,
  op_leaky_relu = 98,
  op_transpose_conv = 67,
  op_svdf = 27,
  op_unidirectional_sequence_lstm = 44,
  op_mean = 40,
  op_div = 42,
  op_maximum = 55,
  op_minimum = 57,
  op_hard_swish = 117,
  op_prelu = 54,
  op_l2_normalization = 11,
  op_concatenation = 2,
  op_transpose = 39,
  op_cast = 53,
  op_split = 49,
  op_split_v = 102,
  op_space_to_depth = 26,
  op_depth_to_space = 5,
  op_resize_nearest_neighbor = 97,
  op_gather = 36,
  op_batch_matmul = 126,
};

// BuiltinOptions union member types (schema.fbs, 1-based).
enum options_type : std::uint8_t {
  opt_none = 0,
  opt_conv2d = 1,
  opt_depthwise_conv2d = 2,
  opt_pool2d = 5,
  opt_fully_connected = 8,
  opt_softmax = 9,
  opt_add = 11,
  opt_mul = 21,
  opt_sub = 28,
  opt_reshape = 17,
  opt_pad = 22,
  opt_strided_slice = 32,
  opt_padv2 = 43,
  opt_leaky_relu = 75,
  opt_transpose_conv = 49,
  opt_svdf = 6,
  opt_unidirectional_sequence_lstm = 71,
  opt_reducer = 27,
  opt_div = 29,
  opt_l2_norm = 12,
  opt_concatenation = 10,
  opt_transpose = 26,
  opt_cast = 37,
  opt_split = 35,
  opt_split_v = 79,
  opt_space_to_depth = 19,
  opt_depth_to_space = 94,
  opt_resize_nearest_neighbor = 74,
  opt_gather = 23,
  opt_batch_matmul = 101,
};

/// Name of a builtin operator code ("CONV_2D"), or "BUILTIN_<n>" for codes it does not know.
std::string builtin_name(std::int32_t code);
/// Name of a tensor type ("INT8"), or "TYPE_<n>".
std::string type_name(std::int32_t type);

struct quantization {
  bool present = false;
  std::vector<float> scale;
  std::vector<std::int64_t> zero_point;
  std::int32_t quantized_dimension = 0;
  bool has_details = false;  ///< custom quantization (unsupported)
};

struct tensor {
  std::vector<std::int32_t> shape;
  std::int8_t type = 0;
  std::uint32_t buffer = 0;
  std::string name;
  quantization quant;
  bool is_variable = false;
  bool sparse = false;
};

struct operator_code {
  std::int32_t builtin = 0;
  std::string custom_code;
  std::int32_t version = 1;
};

struct op {
  std::uint32_t opcode_index = 0;
  std::vector<std::int32_t> inputs, outputs, intermediates;
  std::uint8_t options_type = 0;
  std::optional<fb::table> options;
  bool has_custom_options = false;
  bool has_options_2 = false;
};

/// Where a buffer's bytes are in the file (empty for tensors without constant data).
struct buffer_ref {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

struct model {
  std::uint32_t version = 0;
  std::string description;
  std::vector<operator_code> operator_codes;
  std::vector<tensor> tensors;  ///< subgraph 0
  std::vector<std::int32_t> inputs, outputs;
  std::vector<op> ops;
  std::vector<buffer_ref> buffers;
  std::size_t subgraph_count = 0;
  std::vector<bool> folded_ops;  ///< per op: computed at import time (fold.hpp), its output a constant
};

/// Limits on what a model may contain (checked while parsing; far above real MCU models).
inline constexpr std::uint32_t max_tensors = 100000;
inline constexpr std::uint32_t max_operators = 1000;  ///< the arena planner is cubic in the worst case
inline constexpr std::uint32_t max_buffers = 100000;
inline constexpr std::uint32_t max_rank = 8;
inline constexpr std::uint32_t max_op_tensors = 64;         ///< inputs/outputs of one operator
inline constexpr std::uint32_t max_quant_params = 1 << 20;  ///< scales of one tensor

/// Parses `file` (kept alive by the caller: ops refer to it). Throws ctml_import::error.
model parse(const fb::buffer& file);

}  // namespace ctml_import::tflite

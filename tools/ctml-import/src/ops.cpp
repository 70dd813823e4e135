#include "ops.hpp"

#include "tflite.hpp"

namespace ctml_import {

const std::vector<op_support>& supported_ops() {
  static const std::vector<op_support> ops{
      {tflite::op_conv_2d, "float32 int8 int16"},
      {tflite::op_depthwise_conv_2d, "float32 int8 int16"},
      {tflite::op_fully_connected, "float32 int8 int16"},
      {tflite::op_transpose_conv, "float32 int8 int16"},
      {tflite::op_average_pool_2d, "float32 int8"},
      {tflite::op_max_pool_2d, "float32 int8"},
      {tflite::op_add, "float32 int8 int16"},
      {tflite::op_sub, "float32 int8 int16"},
      {tflite::op_mul, "float32 int8 int16"},
      {tflite::op_softmax, "float32 int8 int8>int16 int16"},
      {tflite::op_relu, "float32 int8"},
      {tflite::op_relu6, "float32 int8"},
      {tflite::op_logistic, "float32 int8 int16"},
      {tflite::op_tanh, "float32 int8 int16"},
      {tflite::op_reshape, "float32 int8 int16"},
      {tflite::op_squeeze, "float32 int8 int16"},
      {tflite::op_expand_dims, "float32 int8 int16"},
      {tflite::op_pad, "float32 int8 int16"},
      {tflite::op_padv2, "float32 int8 int16"},
      {tflite::op_strided_slice, "float32 int8 int16"},
      {tflite::op_leaky_relu, "float32 int8 int16"},
      {tflite::op_unidirectional_sequence_lstm, "float32 int8 int16"},
      {tflite::op_mean, "float32 int8 int16"},
      {tflite::op_minimum, "float32 int8 int16"},
      {tflite::op_maximum, "float32 int8 int16"},
      {tflite::op_div, "float32"},
      {tflite::op_hard_swish, "float32 int8"},
      {tflite::op_prelu, "float32 int8"},
      {tflite::op_l2_normalization, "float32 int8"},
      {tflite::op_concatenation, "float32 int8 int16"},
      {tflite::op_transpose, "float32 int8 int16"},
      {tflite::op_split, "float32 int8 int16"},
      {tflite::op_split_v, "float32 int8 int16"},
      {tflite::op_space_to_depth, "float32 int8"},
      {tflite::op_depth_to_space, "float32 int8"},
      {tflite::op_resize_nearest_neighbor, "float32 int8 int16"},
      {tflite::op_gather, "float32 int8"},
      {tflite::op_batch_matmul, "float32 int8 int16"},
      {tflite::op_cast, "int8>float32 int16>float32 int16>int32 float32>int32"},
      {tflite::op_quantize,
       "float32>int8 float32>int16 int8 int8>int16 int8>int32 int16 int16>int8 int16>int32 int32>int8 "
       "int32>int16"},
      {tflite::op_dequantize, "int8>float32 int16>float32"},
      {tflite::op_svdf, "float32 int8"},
  };
  return ops;
}

bool supported_builtin(std::int32_t builtin) {
  for (const op_support& o : supported_ops())
    if (o.builtin == builtin) return true;
  return false;
}

bool takes_type(std::int32_t builtin, std::string_view type) {
  for (const op_support& o : supported_ops()) {
    if (o.builtin != builtin) continue;
    // Each space-separated form is "t" or "in>out"; match whole type names only.
    std::string_view rest = o.types;
    while (!rest.empty()) {
      const std::size_t end = rest.find_first_of(" >");
      if (rest.substr(0, end) == type) return true;
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
  }
  return false;
}

bool takes_input_type(std::int32_t builtin, std::string_view type) {
  for (const op_support& o : supported_ops()) {
    if (o.builtin != builtin) continue;
    std::string_view rest = o.types;
    while (!rest.empty()) {  // each form's first type name
      const std::size_t end = rest.find(' ');
      const std::string_view form = rest.substr(0, end);
      if (form.substr(0, form.find('>')) == type) return true;
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
  }
  return false;
}

std::string op_names_taking(std::string_view type) {
  std::string s;
  for (const op_support& o : supported_ops()) {
    if (!takes_input_type(o.builtin, type)) continue;
    if (!s.empty()) s += ", ";
    s += tflite::builtin_name(o.builtin);
  }
  return s;
}

std::string supported_op_names() {
  std::string s;
  for (const op_support& o : supported_ops()) {
    if (!s.empty()) s += ", ";
    s += tflite::builtin_name(o.builtin);
  }
  return s;
}

std::string list_ops() {
  std::string s;
  for (const op_support& o : supported_ops()) {
    s += tflite::builtin_name(o.builtin);
    s += ": ";
    s += o.types;
    s += '\n';
  }
  // Operators the importer only computes (fold.cpp): their inputs must be constant, nothing runs.
  s += "SHAPE: folded\nPACK: folded\n";
  return s;
}

}  // namespace ctml_import

#pragma once
// The validated model description: everything the emitter needs, already checked. Built only by
// validate(); the emitter never looks at the flatbuffer.

#include <cstdint>
#include <string>
#include <vector>

#include "tflite.hpp"

namespace ctml_import {

enum class dtype { int8, float32, int16, int32 };  ///< int16 / int32: the ops that take them (PAD, ...)
/// "int8", "int16", "int32" or `float_word` ("float32" in headers, "float" in messages).
inline std::string type_word(dtype t, const char* float_word = "float32") {
  switch (t) {
    case dtype::int8:
      return "int8";
    case dtype::int16:
      return "int16";
    case dtype::int32:
      return "int32";
    case dtype::float32:
      break;
  }
  return float_word;
}
enum class padding { valid, same };
enum class activation { none, relu, relu6, relu_n1_to_1 };
enum class layer_kind {
  conv2d,
  depthwise_conv2d,
  average_pool2d,
  max_pool2d,
  reshape,
  dense,
  softmax,
  add,
  sub,
  mul,
  quantize,
  dequantize,
  activation,  ///< standalone RELU, RELU6 (`act`)
  sigmoid,
  tanh,
  pad,                      ///< PAD, PADV2 (`pad_before`, `pad_after`, `pad_value`)
  strided_slice,            ///< STRIDED_SLICE (`slice_*`, folded from its constant operands)
  leaky_relu,               ///< LEAKY_RELU (`alpha`)
  conv2d_transpose,         ///< TRANSPOSE_CONV
  svdf,                     ///< SVDF (`rank`, `memory`, the time weights and state quantization)
  lstm,                     ///< UNIDIRECTIONAL_SEQUENCE_LSTM (`recurrent_*`, `cell_*`)
  div,                      ///< DIV (float)
  minimum,                  ///< MINIMUM
  maximum,                  ///< MAXIMUM
  mean,                     ///< MEAN (`mean_axes`, `keep_dims`)
  hard_swish,               ///< HARD_SWISH
  prelu,                    ///< PRELU (alpha: the second operand)
  l2_normalization,         ///< L2_NORMALIZATION
  concatenation,            ///< CONCATENATION (`axis`, of the ctml shape: batch excluded)
  transpose,                ///< TRANSPOSE (`perm`, of the ctml shape: batch excluded)
  cast,                     ///< CAST (to the output tensor's type)
  space_to_depth,           ///< SPACE_TO_DEPTH (`block`)
  depth_to_space,           ///< DEPTH_TO_SPACE (`block`)
  resize_nearest_neighbor,  ///< RESIZE_NEAREST_NEIGHBOR (`output_h`, `output_w`, `align_corners`,
  gather,                   ///< GATHER with constant indices (`axis`, `indices`)
  batch_matmul,             ///< BATCH_MATMUL with a constant operand (`adj_x`, `adj_y`, `constant_lhs`)
                            ///< `half_pixel_centers`)
};

struct quant {
  float scale = 1.0f;
  std::int32_t zero_point = 0;
};

/// An activation tensor (graph input or an operator's output). Dims include the batch dimension 1.
struct activation_tensor {
  int tflite_index = 0;
  std::string name;
  std::vector<int> dims;
  dtype type = dtype::int8;  ///< the model's type, except float input/output around an int8 model
  quant q;                   ///< quantized (int8, int16, int32) tensors only
  std::uint64_t elements = 0;
  /// TFLite's [T, 1, X] of a time-major LSTM's tensor, imported as [1, T, X] (the same bytes); else empty.
  std::vector<int> time_major_dims;
};

struct layer {
  layer_kind kind = layer_kind::conv2d;
  int op_index = 0;         ///< TFLite operator index
  std::string op_name;      ///< "CONV_2D"
  std::vector<int> inputs;  ///< data inputs: indices into model::tensors, TFLite's order
  int output = 0;           ///< index into model::tensors
  std::string suffix;       ///< of the node name when one op gives several layers (SPLIT: "_0", "_1", ...)

  // Options (those that apply to the kind).
  int filters = 0;  ///< conv: output channels; dense: units
  int kernel_h = 0, kernel_w = 0;
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
  padding pad = padding::valid;
  int depth_multiplier = 1;
  activation act = activation::none;
  float beta = 1.0f;
  int in_features = 0;         ///< dense
  bool flatten_input = false;  ///< dense whose input has rank > 2: a reshape<shape<in_features>> first

  // Constant data, TFLite's layouts.
  std::vector<std::int8_t> weights_i8;
  std::vector<float> weights_f32;
  std::vector<std::int32_t> bias_i32;
  std::vector<std::int64_t> bias_i64;  ///< int16 models (16x8)
  std::vector<float> bias_f32;
  std::vector<float> weight_scales;  ///< int8 weights: per channel or a single per-tensor scale
  int in_channels = 0;               ///< conv2d, conv2d_transpose: InC of the OHWI filter
  int output_h = 0, output_w = 0;    ///< conv2d_transpose: the output size TFLite states

  // PAD / PADV2, STRIDED_SLICE (per axis of the ctml shape: batch excluded), LEAKY_RELU. conv2d and
  // depthwise_conv2d: a folded PAD's explicit padding, {top, left} and {bottom, right} (empty: none).
  std::vector<int> pad_before, pad_after;
  bool has_pad_value = false;  ///< PADV2's constant_values, in the quantized domain or float
  double pad_value = 0.0;
  std::vector<int> slice_begin, slice_end, slice_strides;
  unsigned slice_begin_mask = 0, slice_end_mask = 0, slice_shrink_mask = 0;
  float alpha = 0.2f;
  unsigned mean_axes = 0;  ///< MEAN: bit i averages axis i of the ctml shape (batch excluded)
  bool keep_dims = true;
  int axis = 0;                                             ///< CONCATENATION
  std::vector<int> indices;                                 ///< GATHER
  std::vector<int> perm;                                    ///< TRANSPOSE
  int block = 0;                                            ///< SPACE_TO_DEPTH, DEPTH_TO_SPACE
  bool align_corners = false, half_pixel_centers = false;   ///< RESIZE_NEAREST_NEIGHBOR
  bool adj_x = false, adj_y = false, constant_lhs = false;  ///< BATCH_MATMUL (the constant: constant_*)

  // SVDF: feature weights in weights_i8 / weights_f32 ([filters][in_features], weight_scales[0]), time
  // weights [filters][memory] in time_i (int16 or int8, `state_type`) or time_f32, the state's
  // quantization. `filters` holds the units (filters / rank).
  int rank = 1, memory = 0;
  dtype state_type = dtype::int16;
  std::vector<std::int32_t> time_i;
  std::vector<float> time_f32;
  float time_scale = 1.0f;
  quant state_q;
  activation dropped_activation = activation::none;  ///< SVDF int8: the fused activation TFLite Micro ignores

  // add, sub, mul, div, minimum, maximum: a constant second operand (TFLite's order; a constant first
  // operand of ADD or MUL, or of an int8 / int16 MINIMUM or MAXIMUM, is swapped to second), folded in as a
  // weight. Dims without the batch dimension (right-aligned broadcasting), values as read (int8 / int16 in
  // `operand_i`, float in `weights_f32`).
  bool has_constant = false;
  std::vector<int> constant_dims;
  std::vector<std::int32_t> operand_i;
  quant constant_q;

  // UNIDIRECTIONAL_SEQUENCE_LSTM (ctml::lstm_weights): gates stacked in ONNX order i, o, f, c; the
  // input kernel in weights_*, the bias in bias_*, `filters` units, `in_features` features. int8: one
  // scale a gate (weight_scales, recurrent_scales), the int16 cell state's scale.
  std::vector<std::int8_t> recurrent_i8;
  std::vector<float> recurrent_f32;
  std::vector<float> recurrent_scales;
  float cell_scale = 0.0f;
  float cell_clip = 0.0f;

  std::uint64_t macs = 0;
  std::uint64_t params = 0;  ///< weights + bias elements
};

/// What pruning left in a conv / depthwise / dense layer and what fold_pruned_channels removed
/// (channels.hpp), for the header's comment.
struct pruning_row {
  int op_index = 0;
  std::string op_name;
  std::uint64_t weights = 0, zero_weights = 0;  ///< before folding
  int zero_channels = 0;                        ///< output channels whose weights are all zero
  int out_removed = 0, out_total = 0;           ///< output channels (filters, units)
  int in_removed = 0, in_total = 0;             ///< input channels
  std::uint64_t bytes_saved = 0;                ///< weights (1 B) + bias (4 B) and multiplier (8 B) a channel
  std::uint64_t macs_skipped = 0;
};

struct model {
  dtype type = dtype::int8;
  std::vector<activation_tensor> tensors;  ///< [0, input_count) = graph inputs, then one per layer in order
  std::size_t input_count = 1;             ///< graph inputs, in TFLite's order
  std::vector<int> outputs;                ///< graph outputs (indices into tensors), in TFLite's order
  std::vector<layer> layers;               ///< execution order
  bool is_chain = true;                    ///< sequential<> (else graph<>)
  std::string description;
  std::vector<std::string> folded;       ///< what import-time folding removed ("op 0 PAD into op 1 CONV_2D")
  std::vector<pruning_row> pruning;      ///< conv / depthwise / dense layers, in order (channels.hpp)
  bool pruned_channels_kept = false;     ///< --keep-pruned-channels: nothing was removed
  std::uint64_t pruning_other_macs = 0;  ///< MACs skipped by other layers (pooling of removed channels)
};

/// Checks everything ctml-import relies on and builds the model description. Throws
/// ctml_import::error naming the operator (index and op) or tensor at fault.
model validate(const tflite::model& raw, const fb::buffer& file);

std::string layer_kind_name(layer_kind k);  ///< "conv2d", "depthwise_conv2d", ...

/// "t12 'conv1/Relu'": a tensor as messages name it (index, and its name in the model if it has one).
std::string tensor_label(const tflite::model& raw, int idx);

/// Every problem that can be seen without importing, one message each: unsupported ops (with what
/// to do), unsupported tensor types, several subgraphs, inputs or outputs. Empty: validate() decides.
std::vector<std::string> survey(const tflite::model& raw);

}  // namespace ctml_import

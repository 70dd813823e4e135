// int16x8 convolution, depthwise convolution and dense (TFLite's 16x8 scheme: int16 activations with
// zero point 0, int8 symmetric weights, int64 bias) against TFLite Micro's bytes. TFLM's 22 seanet
// CONV_2D models (the audio model's layers, integration_tests/seanet/conv) imported at build time by
// ctml-import, each run on every case of tests/data/tflm_models/<model>: seeded random inputs
// A_1..A_4 and the integration test's own input S_test; and our small op models of
// tests/data/tflm_ops/*_s16. Outputs compared byte for byte.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>

#include "tflm_cases.hpp"
#include "tflm_int16_conv_golden_test_models.hpp"

namespace {
/// Every case folder of `model`: the output compared byte for byte (`first_input` 1 for TRANSPOSE_CONV,
/// whose TFLite input 0 is the output shape the importer drops).
template <class Model>
int check_model(const std::string& model, std::size_t first_input = 0) {
  static_assert(std::is_same_v<typename Model::input_type, std::int16_t> &&
                std::is_same_v<typename Model::output_type, std::int16_t>);
  return golden::check_case_dirs<Model>(CTML_TEST_DATA_DIR, model, first_input);
}
template <class Model>
int check_op_model(const std::string& dir, int files) {
  return golden::check_flat_cases<Model>(CTML_OPS_DATA_DIR, dir, files);
}
}  // namespace

TEST_CASE("seanet_conv* (int16x8 CONV_2D; all 22 in the GCC preset): TFLite Micro's outputs on every case") {
#define CTML_SEANET(name) CHECK_MESSAGE(check_model<name>(#name) == 5, #name);
  CTML_SEANET_CONV
#undef CTML_SEANET
}

// TRANSPOSE_CONV: TFLM's input0 is the output_shape operand, a graph input whose values TFLM ignores
// (the output tensor's shape rules; the A_ cases feed it random numbers); ctml-import drops it, so the
// model's input is TFLM's input1.
TEST_CASE(
    "seanet_transpose_conv* (int16x8 TRANSPOSE_CONV; all 5 in the GCC preset): TFLite Micro's outputs on "
    "every case") {
#define CTML_SEANET(name) CHECK_MESSAGE(check_model<name>(#name, 1) == 5, #name);
  CTML_SEANET_TRANSPOSE_CONV
#undef CTML_SEANET
}

// Our own small models (tests/data/tflm_ops/README.md): odd channel counts, SAME / VALID, strides,
// dilation, depth multiplier 2, per-channel and per-tensor scales, every fused activation, int64 biases
// beyond int32, outputs saturated at -32768 and 32767; inputs over the full int16 range, small values
// and the extremes.
TEST_CASE("int16x8 CONV_2D op models: TFLite Micro's outputs") {
  CHECK(check_op_model<conv2d_same_s16>("conv2d_same_s16", 4) == 4);
  CHECK(check_op_model<conv2d_valid_dilated_s16>("conv2d_valid_dilated_s16", 4) == 4);
  CHECK(check_op_model<conv2d_1x1_relu6_s16>("conv2d_1x1_relu6_s16", 4) == 4);
}
TEST_CASE("int16x8 DEPTHWISE_CONV_2D op models: TFLite Micro's outputs") {
  CHECK(check_op_model<depthwise_s16>("depthwise_s16", 4) == 4);
  CHECK(check_op_model<depthwise_valid_dilated_s16>("depthwise_valid_dilated_s16", 4) == 4);
}
TEST_CASE("int16x8 FULLY_CONNECTED op models: TFLite Micro's outputs") {
  CHECK(check_op_model<dense_per_channel_s16>("dense_per_channel_s16", 4) == 4);
  CHECK(check_op_model<dense_flatten_s16>("dense_flatten_s16", 4) == 4);
}
TEST_CASE("TRANSPOSE_CONV op models (int8, int16x8, float): TFLite Micro's outputs") {
  CHECK(check_op_model<transpose_conv_same_s8>("transpose_conv_same_s8", 4) == 4);
  CHECK(check_op_model<transpose_conv_valid_s8>("transpose_conv_valid_s8", 4) == 4);
  CHECK(check_op_model<transpose_conv_same_s16>("transpose_conv_same_s16", 4) == 4);
  CHECK(check_op_model<transpose_conv_f32>("transpose_conv_f32", 4) == 4);
}

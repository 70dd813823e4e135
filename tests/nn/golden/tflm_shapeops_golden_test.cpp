// TFLite Micro's seanet integration-test models for PAD (19), STRIDED_SLICE (34), LEAKY_RELU (23) and
// QUANTIZE (2: int32 -> int16, int16 -> int32), int16 activations, imported at build time and compared
// with TFLM's output bytes on every case of tests/data/tflm_models (seeded random inputs A_1..A_4 and
// the integration test's own input S_test). Then the small op models of tests/data/tflm_ops that
// cover the edge cases in int8 and float (tools/op_models/shapeops_models.hpp): padding on every axis,
// rank 5, PADV2 values; negative begin / end, strides above 1 and negative, begin / end / shrink masks,
// clamped indices; alpha below 0 and above 1 with requantization and saturation; int8 <-> int16.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>

#include "tflm_cases.hpp"
#include "tflm_shapeops_golden_test_models.hpp"

namespace {
template <class Model>
int check_model(const std::string& model) {
  return golden::check_case_dirs<Model>(CTML_TEST_DATA_DIR, model);
}
template <class Model>
int check_op(const std::string& dir, int files) {
  return golden::check_flat_cases<Model>(CTML_OPS_DATA_DIR, dir, files);
}
}  // namespace

// Every case of a seanet model (A_1..A_4, S_test); the families are listed in CMakeLists.txt.
#define CTML_SEANET(name) CHECK_MESSAGE(check_model<name>(#name) == 5, #name);

static_assert(std::is_same_v<seanet_quantize0::input_type, std::int32_t> &&
              std::is_same_v<seanet_quantize0::output_type, std::int16_t>);
static_assert(std::is_same_v<seanet_quantize1::input_type, std::int16_t> &&
              std::is_same_v<seanet_quantize1::output_type, std::int32_t>);

TEST_CASE("seanet PAD (int16): TFLite Micro's outputs on every case (all 19 models in the GCC preset)") {
  CTML_SEANET_PAD
}
TEST_CASE("seanet STRIDED_SLICE (int16): TFLite Micro's outputs on every case (all 34 models in the GCC preset)") {
  CTML_SEANET_STRIDED_SLICE
}
TEST_CASE("seanet LEAKY_RELU (int16): TFLite Micro's outputs on every case (all 23 models in the GCC preset)") {
  CTML_SEANET_LEAKY_RELU
}
TEST_CASE("seanet QUANTIZE int32 -> int16 and int16 -> int32: TFLite Micro's outputs on every case") {
  CTML_SEANET_QUANTIZE
}

TEST_CASE("PAD and PADV2 (int8, float): every axis, rank 5, the zero point and given values, as TFLM") {
  CHECK(check_op<pad_s8>("pad_s8", 4) == 4);
  CHECK(check_op<padv2_s8>("padv2_s8", 4) == 4);
  CHECK(check_op<pad_f32>("pad_f32", 2) == 2);
  CHECK(check_op<padv2_f32>("padv2_f32", 2) == 2);
}
TEST_CASE("STRIDED_SLICE (int8, float): negative indices and strides, masks, shrink, clamping, as TFLM") {
  CHECK(check_op<strided_slice_s8>("strided_slice_s8", 2) == 2);
  CHECK(check_op<strided_slice_masks_s8>("strided_slice_masks_s8", 2) == 2);
  CHECK(check_op<strided_slice_f32>("strided_slice_f32", 2) == 2);
  static_assert(std::is_same_v<strided_slice_masks_s8::output_shape, ctml::shape<2, 2>>);
}
TEST_CASE("LEAKY_RELU (int8 on all 256 inputs, float): alpha 0.2, 2.5 and negative, requantized, as TFLM") {
  CHECK(check_op<leaky_relu_s8>("leaky_relu_s8", 1) == 1);
  CHECK(check_op<leaky_relu_alpha_gt1_s8>("leaky_relu_alpha_gt1_s8", 1) == 1);
  CHECK(check_op<leaky_relu_alpha_neg_s8>("leaky_relu_alpha_neg_s8", 1) == 1);
  CHECK(check_op<leaky_relu_f32>("leaky_relu_f32", 2) == 2);
  CHECK(check_op<leaky_relu_alpha_neg_f32>("leaky_relu_alpha_neg_f32", 2) == 2);
}
TEST_CASE("QUANTIZE int8 -> int16, int16 -> int8, int16 -> int16: saturation at both ends, as TFLM") {
  CHECK(check_op<quantize_s8_s16>("quantize_s8_s16", 1) == 1);
  CHECK(check_op<quantize_s16_s8>("quantize_s16_s8", 4) == 4);
  CHECK(check_op<quantize_s16_s16>("quantize_s16_s16", 4) == 4);
}
TEST_CASE("QUANTIZE float -> int8 divides in float, as TFLM: 0.25 / 0.1f is a tie (3), not 2.4999999") {
  CHECK(check_op<quantize_float_ties>("quantize_float_ties", 2) == 2);
}
TEST_CASE("QUANTIZE float -> int16 and DEQUANTIZE int16 -> float: ties and saturation, as TFLM") {
  CHECK(check_op<quantize_float_s16>("quantize_float_s16", 2) == 2);
  static_assert(std::is_same_v<quantize_float_s16::input_type, float> &&
                std::is_same_v<quantize_float_s16::output_type, float>);
}
TEST_CASE("int16 SQUEEZE, PADV2, EXPAND_DIMS, RESHAPE and int8 <-> int32 QUANTIZE, as TFLM") {
  CHECK(check_op<int16_shapes>("int16_shapes", 2) == 2);
  CHECK(check_op<quantize_s8_s32_s8>("quantize_s8_s32_s8", 1) == 1);
}

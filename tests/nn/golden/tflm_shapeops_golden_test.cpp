// TFLite Micro's seanet integration-test models for PAD (19), STRIDED_SLICE (34), LEAKY_RELU (23) and
// QUANTIZE (2: int32 -> int16, int16 -> int32), int16 activations, imported at build time and compared
// with TFLM's output bytes on every case of tests/data/tflm_models (seeded random inputs A_1..A_4 and
// the integration test's own input S_test). Then the small op models of tests/data/tflm_ops that
// cover the edge cases in int8 and float (tests/importer/shapeops_models.hpp): padding on every axis,
// rank 5, PADV2 values; negative begin / end, strides above 1 and negative, begin / end / shrink masks,
// clamped indices; alpha below 0 and above 1 with requantization and saturation; int8 <-> int16.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>

#include "int16_shapes.hpp"
#include "leaky_relu_alpha_gt1_s8.hpp"
#include "leaky_relu_alpha_neg_f32.hpp"
#include "leaky_relu_alpha_neg_s8.hpp"
#include "leaky_relu_f32.hpp"
#include "leaky_relu_s8.hpp"
#include "pad_f32.hpp"
#include "pad_s8.hpp"
#include "padv2_f32.hpp"
#include "padv2_s8.hpp"
#include "quantize_float_s16.hpp"
#include "quantize_float_ties.hpp"
#include "quantize_s16_s16.hpp"
#include "quantize_s16_s8.hpp"
#include "quantize_s8_s16.hpp"
#include "quantize_s8_s32_s8.hpp"
#include "seanet_leaky_relu0.hpp"
#include "seanet_leaky_relu1.hpp"
#include "seanet_leaky_relu10.hpp"
#include "seanet_leaky_relu11.hpp"
#include "seanet_leaky_relu12.hpp"
#include "seanet_leaky_relu13.hpp"
#include "seanet_leaky_relu14.hpp"
#include "seanet_leaky_relu15.hpp"
#include "seanet_leaky_relu16.hpp"
#include "seanet_leaky_relu17.hpp"
#include "seanet_leaky_relu18.hpp"
#include "seanet_leaky_relu19.hpp"
#include "seanet_leaky_relu2.hpp"
#include "seanet_leaky_relu20.hpp"
#include "seanet_leaky_relu21.hpp"
#include "seanet_leaky_relu22.hpp"
#include "seanet_leaky_relu3.hpp"
#include "seanet_leaky_relu4.hpp"
#include "seanet_leaky_relu5.hpp"
#include "seanet_leaky_relu6.hpp"
#include "seanet_leaky_relu7.hpp"
#include "seanet_leaky_relu8.hpp"
#include "seanet_leaky_relu9.hpp"
#include "seanet_pad0.hpp"
#include "seanet_pad1.hpp"
#include "seanet_pad10.hpp"
#include "seanet_pad11.hpp"
#include "seanet_pad12.hpp"
#include "seanet_pad13.hpp"
#include "seanet_pad14.hpp"
#include "seanet_pad15.hpp"
#include "seanet_pad16.hpp"
#include "seanet_pad17.hpp"
#include "seanet_pad18.hpp"
#include "seanet_pad2.hpp"
#include "seanet_pad3.hpp"
#include "seanet_pad4.hpp"
#include "seanet_pad5.hpp"
#include "seanet_pad6.hpp"
#include "seanet_pad7.hpp"
#include "seanet_pad8.hpp"
#include "seanet_pad9.hpp"
#include "seanet_quantize0.hpp"
#include "seanet_quantize1.hpp"
#include "seanet_strided_slice0.hpp"
#include "seanet_strided_slice1.hpp"
#include "seanet_strided_slice10.hpp"
#include "seanet_strided_slice11.hpp"
#include "seanet_strided_slice12.hpp"
#include "seanet_strided_slice13.hpp"
#include "seanet_strided_slice14.hpp"
#include "seanet_strided_slice15.hpp"
#include "seanet_strided_slice16.hpp"
#include "seanet_strided_slice17.hpp"
#include "seanet_strided_slice18.hpp"
#include "seanet_strided_slice19.hpp"
#include "seanet_strided_slice2.hpp"
#include "seanet_strided_slice20.hpp"
#include "seanet_strided_slice21.hpp"
#include "seanet_strided_slice22.hpp"
#include "seanet_strided_slice23.hpp"
#include "seanet_strided_slice24.hpp"
#include "seanet_strided_slice25.hpp"
#include "seanet_strided_slice26.hpp"
#include "seanet_strided_slice27.hpp"
#include "seanet_strided_slice28.hpp"
#include "seanet_strided_slice29.hpp"
#include "seanet_strided_slice3.hpp"
#include "seanet_strided_slice30.hpp"
#include "seanet_strided_slice31.hpp"
#include "seanet_strided_slice32.hpp"
#include "seanet_strided_slice33.hpp"
#include "seanet_strided_slice4.hpp"
#include "seanet_strided_slice5.hpp"
#include "seanet_strided_slice6.hpp"
#include "seanet_strided_slice7.hpp"
#include "seanet_strided_slice8.hpp"
#include "seanet_strided_slice9.hpp"
#include "strided_slice_f32.hpp"
#include "strided_slice_masks_s8.hpp"
#include "strided_slice_s8.hpp"
#include "tflm_cases.hpp"

namespace {
template <class Model>
int check_model(const std::string& model) {
  return golden::check_case_dirs<Model>(CTML_TEST_DATA_DIR, model);
}
template <class Model>
int check_op(const std::string& dir, int files) {
  return golden::check_flat_cases<Model>(CTML_OPS_DATA_DIR, dir, files);
}

/// Every model of a family: 5 cases each (A_1..A_4, S_test).
template <class... Models>
void check_family(const char* family) {
  int model = 0;
  (
      [&] {
        const std::string name = std::string("seanet_") + family + std::to_string(model++);
        CHECK_MESSAGE(check_model<Models>(name) == 5, name);
      }(),
      ...);
}
}  // namespace

static_assert(std::is_same_v<seanet_quantize0::input_type, std::int32_t> &&
              std::is_same_v<seanet_quantize0::output_type, std::int16_t>);
static_assert(std::is_same_v<seanet_quantize1::input_type, std::int16_t> &&
              std::is_same_v<seanet_quantize1::output_type, std::int32_t>);

TEST_CASE("seanet PAD (int16): TFLite Micro's outputs on every case of all 19 models") {
  check_family<seanet_pad0, seanet_pad1, seanet_pad2, seanet_pad3, seanet_pad4, seanet_pad5, seanet_pad6,
               seanet_pad7, seanet_pad8, seanet_pad9, seanet_pad10, seanet_pad11, seanet_pad12, seanet_pad13,
               seanet_pad14, seanet_pad15, seanet_pad16, seanet_pad17, seanet_pad18>("pad");
}
TEST_CASE("seanet STRIDED_SLICE (int16): TFLite Micro's outputs on every case of all 34 models") {
  check_family<seanet_strided_slice0, seanet_strided_slice1, seanet_strided_slice2, seanet_strided_slice3,
               seanet_strided_slice4, seanet_strided_slice5, seanet_strided_slice6, seanet_strided_slice7,
               seanet_strided_slice8, seanet_strided_slice9, seanet_strided_slice10, seanet_strided_slice11,
               seanet_strided_slice12, seanet_strided_slice13, seanet_strided_slice14, seanet_strided_slice15,
               seanet_strided_slice16, seanet_strided_slice17, seanet_strided_slice18, seanet_strided_slice19,
               seanet_strided_slice20, seanet_strided_slice21, seanet_strided_slice22, seanet_strided_slice23,
               seanet_strided_slice24, seanet_strided_slice25, seanet_strided_slice26, seanet_strided_slice27,
               seanet_strided_slice28, seanet_strided_slice29, seanet_strided_slice30, seanet_strided_slice31,
               seanet_strided_slice32, seanet_strided_slice33>("strided_slice");
}
TEST_CASE("seanet LEAKY_RELU (int16): TFLite Micro's outputs on every case of all 23 models") {
  check_family<seanet_leaky_relu0, seanet_leaky_relu1, seanet_leaky_relu2, seanet_leaky_relu3,
               seanet_leaky_relu4, seanet_leaky_relu5, seanet_leaky_relu6, seanet_leaky_relu7,
               seanet_leaky_relu8, seanet_leaky_relu9, seanet_leaky_relu10, seanet_leaky_relu11,
               seanet_leaky_relu12, seanet_leaky_relu13, seanet_leaky_relu14, seanet_leaky_relu15,
               seanet_leaky_relu16, seanet_leaky_relu17, seanet_leaky_relu18, seanet_leaky_relu19,
               seanet_leaky_relu20, seanet_leaky_relu21, seanet_leaky_relu22>("leaky_relu");
}
TEST_CASE("seanet QUANTIZE int32 -> int16 and int16 -> int32: TFLite Micro's outputs on every case") {
  check_family<seanet_quantize0, seanet_quantize1>("quantize");
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

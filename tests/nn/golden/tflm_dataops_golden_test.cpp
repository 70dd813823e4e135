// CONCATENATION, TRANSPOSE, CAST, SPLIT, SPLIT_V, SPACE_TO_DEPTH and DEPTH_TO_SPACE op models run by TFLite
// Micro (tests/data/tflm_ops, written by tools/op_models/dataops_models.hpp), imported at build time and
// compared byte for byte with TFLM's outputs on four cases each (a ramp that shows where every element went,
// two random, the type's edges): two to four graph inputs, rank 5, negative axes, two branches and the graph
// input joined, int8 zero points at both ends, int16, float with infinities; NCHW -> NHWC and rank 3 and 5
// permutations; CAST int8 / int16 -> float, int16 -> int32, float -> int32 (truncation toward zero); SPLIT
// into three graph outputs, SPLIT_V with an inferred size on a negative axis, int16, parts read by a
// CONCATENATION; SPACE_TO_DEPTH / DEPTH_TO_SPACE with blocks of 2 and 3 (int8, float).
#include <string>
#include <type_traits>

#include <doctest/doctest.h>

#include "tflm_cases.hpp"
#include "tflm_dataops_golden_test_models.hpp"

#define CTML_OP(name) CHECK_MESSAGE(golden::check_case_dirs<name>(CTML_OPS_DATA_DIR, #name) == 4, #name);
TEST_CASE(
    "CONCATENATION and TRANSPOSE op models (int8, int16, float): TFLite Micro's outputs on every case") {
  static_assert(concat_s8_last_axis_four::input_count == 4);
  static_assert(std::is_same_v<concat_s8_rank5_neg_axis::output_shape, ctml::shape<2, 3, 6, 2>>);
  static_assert(std::is_same_v<transpose_s8_nchw::output_shape, ctml::shape<5, 7, 3>>);
  static_assert(std::is_same_v<cast_s8_f32::output_type, float> &&
                std::is_same_v<cast_f32_s32::output_type, std::int32_t>);
  static_assert(split_s8_three::output_count == 3 && split_v_f32_neg_axis::output_count == 3);
  static_assert(std::is_same_v<depth_to_space_s8::output_shape, ctml::shape<4, 6, 3>>);
  CTML_OPS
}
#undef CTML_OP

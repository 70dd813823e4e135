// MEAN, MINIMUM, MAXIMUM, DIV, HARD_SWISH, PRELU and L2_NORMALIZATION (issue #11): the small op models of
// tests/data/tflm_ops (tools/op_models/opsmath_models.hpp, inputs by make_opsmath_cases.py), imported at
// build time and compared byte for byte with TFLite Micro's outputs on every case: global average pooling
// with and without keep_dims, other axes, negative and repeated axes, counts that are not powers of 2, zero
// points at both ends and saturation (int8, int16, float); MINIMUM / MAXIMUM with broadcasting both
// ways and constants (also as the first operand), +0 against -0; float DIV with broadcasting, a fused
// activation, a constant divisor and quotients that overflow (clamped like TFLite); int8 HARD_SWISH on
// every input value with its reluish multiplier shifted left and right, saturating at both ends, and float;
// PRELU with a constant per-channel alpha, an alpha that is a second input, and float; L2_NORMALIZATION in
// int8 (odd lengths, a vector at the zero point) and float (a zero vector, overflowing squares).
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "tflm_cases.hpp"
#include "tflm_opsmath_golden_test_models.hpp"

#define CTML_OP(name) CHECK_MESSAGE(golden::check_case_dirs<name>(CTML_OPS_DATA_DIR, #name) == 4, #name);
TEST_CASE(
    "MEAN / MINIMUM / MAXIMUM / DIV / HARD_SWISH / PRELU / L2_NORMALIZATION op models (int8, int16, float): "
    "TFLite Micro's "
    "outputs") {
  static_assert(minimum_s8_const_first::input_count == 1 && minimum_s8_const_first::weight_bytes == 8);
  static_assert(maximum_s8_broadcast::input_count == 2);
  CTML_OPS
}
#undef CTML_OP

// int16 LOGISTIC and TANH, RESIZE_NEAREST_NEIGHBOR, GATHER (issue #11): the small op models of
// tests/data/tflm_ops (tools/op_models/ops3_models.hpp, inputs by make_ops3_cases.py), imported at build time
// and compared byte for byte with TFLite Micro's outputs on every case: every input scale kind TFLM
// distinguishes (the power of two its table takes directly, 2^-12 and for TANH 2^-11; other powers of two;
// scales whose multiplier is truncated; the largest, saturating; a tiny one, shifted 31 bits), each over the
// whole int16 range (every 32nd value twice shifted, uniform) and every value of [-1024, 1024).
// RESIZE_NEAREST_NEIGHBOR (int8, int16, float): up and down by ratios that are not integers,
// align_corners (also to one pixel), half_pixel_centers, both. GATHER with constant indices (int8, float):
// the last axis (negative), a middle one, repeated and reordered indices.
#include <doctest/doctest.h>

#include "tflm_cases.hpp"
#include "tflm_ops3_golden_test_models.hpp"

#define CTML_OP(name) CHECK_MESSAGE(golden::check_case_dirs<name>(CTML_OPS_DATA_DIR, #name) == 4, #name);
TEST_CASE("int16 LOGISTIC / TANH, RESIZE_NEAREST_NEIGHBOR, GATHER op models: TFLite Micro's outputs") {
  static_assert(logistic_s16::input_count == 1);
  CTML_OPS
}
#undef CTML_OP

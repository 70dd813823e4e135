// Two-input element-wise models run by TFLite Micro, imported at build time and compared byte for
// byte with TFLM's outputs: TFLM's memory_footprint/simple_add_model (int8 ADD of two graph inputs),
// every integration_tests/seanet add and sub model (int16 ADD, int16 SUB with a broadcast bias input),
// and our own small ADD / SUB / MUL models of tests/data/tflm_ops (int8, int16, float; broadcasting,
// constant operands, saturation, zero points at both ends; see its README). Each case folder holds
// input0.bin, input1.bin, ... and output0.bin, ...: written to arena.input<I>(), compared with
// arena.output<I>().
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "simple_add_model.hpp"
#include "tflm_binary_golden_test_models.hpp"
#include "tflm_cases.hpp"

TEST_CASE("simple_add_model (int8 ADD of two graph inputs): TFLite Micro's outputs on every case") {
  static_assert(simple_add_model::input_count == 2 && simple_add_model::output_count == 1);
  CHECK(golden::check_case_dirs<simple_add_model>(CTML_TEST_DATA_DIR, "simple_add_model") == 4);
}

#define CTML_SEANET(name) CHECK(golden::check_case_dirs<name>(CTML_TEST_DATA_DIR, #name) == 5);
TEST_CASE("seanet add (int16 ADD, two graph inputs): TFLite Micro's outputs on every case"){CTML_SEANET_ADD} TEST_CASE(
    "seanet sub (int16 SUB, a broadcast bias input): TFLite Micro's outputs on every case"){CTML_SEANET_SUB}
#undef CTML_SEANET

#define CTML_OP(name) CHECK(golden::check_case_dirs<name>(CTML_OPS_DATA_DIR, #name) == 4);
TEST_CASE(
    "ADD / SUB / MUL op models (int8, int16, float; broadcasting, constants, two outputs): TFLM's outputs") {
  static_assert(add_sub_two_outputs::input_count == 2 && add_sub_two_outputs::output_count == 2);
  static_assert(mul_s8_const::input_count == 1 && mul_s8_const::weight_bytes == 8);
  CTML_OPS
}
#undef CTML_OP

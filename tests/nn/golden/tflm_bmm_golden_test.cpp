// BATCH_MATMUL with a constant operand (issue #11): the small op models of tests/data/tflm_ops
// (tools/op_models/bmm_models.hpp, inputs by make_bmm_cases.py), imported at build time and compared byte for
// byte with TFLite Micro's outputs on every case: int8 with zero points at both ends, adj_x, adj_y, both,
// the constant first or second, batch axes broadcast both ways, a rank-5 input, a constant batch axis of 1
// (TFLM's flattened path), an odd depth (33); int16 (zero points 0); float; each on uniform inputs and on
// inputs all at the type's minimum or maximum. The int16 SOFTMAX (TFLite's 16x8, its two int16 tables):
// depths 37, 11, 9, 1000, input scales 2^-11, 0.01, 0.0003, 2^-16, beta 1, 0.37, 3.5.
#include <doctest/doctest.h>

#include "tflm_bmm_golden_test_models.hpp"
#include "tflm_cases.hpp"

#define CTML_OP(name) CHECK_MESSAGE(golden::check_case_dirs<name>(CTML_OPS_DATA_DIR, #name) == 4, #name);
TEST_CASE("BATCH_MATMUL (int8, int16, float; constant either side), int16 SOFTMAX: TFLite Micro's outputs") {
  static_assert(bmm_s8::input_count == 1);
  CTML_OPS
}
#undef CTML_OP

// Small models TFLite Micro ran for one op or one case each (tests/data/tflm_ops/README.md), imported
// by ctml-import and compared with TFLM's output bytes on every input file:
//   float_io: float -> QUANTIZE -> FULLY_CONNECTED -> SOFTMAX -> DEQUANTIZE -> float (the converter's
//             default I/O); quantize_roundtrip: float -> QUANTIZE -> DEQUANTIZE (every quantized
//             value visible: ties, saturation, extremes); requantize: int8 -> QUANTIZE -> int8 (all
//             256 inputs); standalone RELU, RELU6, LOGISTIC, TANH (int8 on all 256 inputs, float on a
//             sweep and the edges); SQUEEZE -> RELU -> EXPAND_DIMS (shape-only ops); float_cnn: every
//             float op ctml-import lists, in one small CNN; maxpool_s8: int8 MAX_POOL_2D, SAME, RELU;
//             dense_large_s8: a 307,200-weight FULLY_CONNECTED, built with the compilers' default
//             constexpr limits (docs/importer.md, "Large models").
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>

#include "dense_large_s8.hpp"
#include "float_cnn.hpp"
#include "float_io.hpp"
#include "logistic_f32.hpp"
#include "logistic_s8.hpp"
#include "maxpool_s8.hpp"
#include "quantize_roundtrip.hpp"
#include "relu6_f32.hpp"
#include "relu6_s8.hpp"
#include "relu_s8.hpp"
#include "requantize.hpp"
#include "squeeze_relu_expand.hpp"
#include "tanh_f32.hpp"
#include "tanh_s8.hpp"
#include "tflm_cases.hpp"

namespace {
template <class Model>
int check_case(const std::string& dir, int files) {
  return golden::check_flat_cases<Model>(CTML_TEST_DATA_DIR, dir, files);
}
}  // namespace

static_assert(std::is_same_v<float_io::input_type, float> && std::is_same_v<float_io::output_type, float>);
static_assert(std::is_same_v<requantize::input_type, std::int8_t>);

TEST_CASE("float_io: float outputs equal TFLite Micro's (ties, saturation, random inputs)") {
  CHECK(check_case<float_io>("float_io", 16) == 16);
}
TEST_CASE("quantize_roundtrip: QUANTIZE then DEQUANTIZE equal TFLite Micro's on 256 values") {
  CHECK(check_case<quantize_roundtrip>("quantize_roundtrip", 4) == 4);
}
TEST_CASE("requantize: int8 -> int8 QUANTIZE equals TFLite Micro's on all 256 inputs") {
  CHECK(check_case<requantize>("requantize", 4) == 4);
}

TEST_CASE("standalone activations equal TFLite Micro's: RELU, RELU6, LOGISTIC, TANH (int8 and float)") {
  CHECK(check_case<relu_s8>("relu_s8", 1) == 1);
  CHECK(check_case<relu6_s8>("relu6_s8", 1) == 1);
  CHECK(check_case<logistic_s8>("logistic_s8", 1) == 1);
  CHECK(check_case<tanh_s8>("tanh_s8", 1) == 1);
  CHECK(check_case<relu6_f32>("relu6_f32", 2) == 2);
  CHECK(check_case<logistic_f32>("logistic_f32", 2) == 2);
  CHECK(check_case<tanh_f32>("tanh_f32", 2) == 2);
}
TEST_CASE("SQUEEZE and EXPAND_DIMS are shape-only: the same bytes as TFLite Micro's") {
  CHECK(check_case<squeeze_relu_expand>("squeeze_relu_expand", 4) == 4);
}
TEST_CASE(
    "float_cnn: a float CNN (conv, relu, add, depthwise, both pools, squeeze, dense, softmax) equals TFLM") {
  CHECK(check_case<float_cnn>("float_cnn", 8) == 8);
}
TEST_CASE("maxpool_s8: int8 MAX_POOL_2D with SAME padding and fused RELU equals TFLite Micro's") {
  CHECK(check_case<maxpool_s8>("maxpool_s8", 4) == 4);
}
TEST_CASE("dense_large_s8: a 600 x 512 FULLY_CONNECTED (307,200 weights) equals TFLite Micro's") {
  static_assert(dense_large_s8::params == 307'200 + 600);
  CHECK(check_case<dense_large_s8>("dense_large_s8", 4) == 4);
}

// Structured pruning exploited at import time (issue #14): small int8 models with filters (units) whose
// weights are all zero (tools/op_models/prune_models.hpp, inputs by make_prune_cases.py), imported with
// ctml-import's channel folding (tools/ctml-import/src/channels.cpp) and, as the files state them, with
// --keep-pruned-channels (`<name>_kept`). Both must give TFLite Micro's bytes on every case; the static
// asserts say what the folding removed, rule by rule (docs/pruning.md), against the kept model.
#include <doctest/doctest.h>

#include "tflm_cases.hpp"
#include "tflm_prune_golden_test_models.hpp"
#include "tflm_prune_kept_models.hpp"

namespace {
template <class W>
constexpr int out_channels = W::out_channels;
template <class W>
constexpr int in_channels = W::in_channels;

// 3x3 SAME conv, filters 1, 4, 6 zero (constants away from the zero point) -> 1x1 conv: folded into its bias.
static_assert(out_channels<decltype(prune_1x1_s8_data::op0_conv2d)> == 5);
static_assert(in_channels<decltype(prune_1x1_s8_data::op1_conv2d)> == 5);
static_assert(prune_1x1_s8::macs < prune_1x1_s8_kept::macs);
// 1x1 conv -> 3x3 SAME conv: filter 2 (a constant d != 0) kept, the border sees padding; filter 4 (bias 0:
// the zero point, d == 0) dropped.
static_assert(out_channels<decltype(prune_same_s8_data::op0_conv2d)> == 5);
static_assert(in_channels<decltype(prune_same_s8_data::op1_conv2d)> == 5);
// RELU: filters 0, 3 (negative bias) at the zero point, dropped through the SAME conv; 5 (positive) kept.
static_assert(out_channels<decltype(prune_relu_s8_data::op0_conv2d)> == 4);
static_assert(in_channels<decltype(prune_relu_s8_data::op1_conv2d)> == 4);
// VALID depthwise: channel 1 (constant input, d != 0), 3 (d == 0), 5 (zero depthwise weights) are constants;
// the pointwise filter 5 feeding only depthwise channel 5 is dead: 8 -> 5 channels all along.
static_assert(out_channels<decltype(prune_dw_valid_s8_data::op0_conv2d)> == 5);
static_assert(out_channels<decltype(prune_dw_valid_s8_data::op1_depthwise_conv2d)> == 5);
static_assert(in_channels<decltype(prune_dw_valid_s8_data::op2_conv2d)> == 5);
// SAME depthwise: channel 1 (d != 0) is not constant after it and stays; 3 and 5 go.
static_assert(out_channels<decltype(prune_dw_same_s8_data::op1_depthwise_conv2d)> == 6);
static_assert(in_channels<decltype(prune_dw_same_s8_data::op2_conv2d)> == 6);
// Through CONCATENATION, AVERAGE_POOL, MAX_POOL and RESHAPE into the dense layer: 9 -> 6 features.
static_assert(out_channels<decltype(prune_concat_pool_s8_data::op0_conv2d)> == 3);
static_assert(out_channels<decltype(prune_concat_pool_s8_data::op1_conv2d)> == 3);
static_assert(decltype(prune_concat_pool_s8_data::op6_dense)::in_features == 6);
// ADD: channel 2 (constant on both sides) is a constant, folded into the 1x1 conv; 1 and 3 (one side) stay.
static_assert(out_channels<decltype(prune_add_s8_data::op0_conv2d)> == 3);
static_assert(out_channels<decltype(prune_add_s8_data::op1_conv2d)> == 3);
static_assert(in_channels<decltype(prune_add_s8_data::op3_conv2d)> == 3);
// Dense on the flattened [4, 4, 6] conv output (the channel is every 6th feature): 96 -> 64 features; the
// zero unit 1 folds into the last dense layer.
static_assert(out_channels<decltype(prune_dense_s8_data::op0_conv2d)> == 4);
static_assert(decltype(prune_dense_s8_data::op1_dense)::in_features == 64);
static_assert(decltype(prune_dense_s8_data::op1_dense)::units == 4);
static_assert(decltype(prune_dense_s8_data::op2_dense)::in_features == 4);
}  // namespace

#define CTML_OP(name)                                                                                     \
  CHECK_MESSAGE(golden::check_case_dirs<name>(CTML_OPS_DATA_DIR, #name) == 4, #name);                     \
  CHECK_MESSAGE(golden::check_case_dirs<name##_kept>(CTML_OPS_DATA_DIR, #name) == 4, #name "_kept");      \
  MESSAGE(#name ": " << name::macs << " MACs, " << name::params << " params (kept: " << name##_kept::macs \
                     << ", " << name##_kept::params << ")");
TEST_CASE("structured pruning op models, channels folded and kept: TFLite Micro's outputs") {
  CTML_OPS
}
#undef CTML_OP

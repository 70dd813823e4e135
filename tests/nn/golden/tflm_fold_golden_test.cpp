// Import-time folding (issue #11): PAD / PADV2 before a VALID CONV_2D or DEPTHWISE_CONV_2D, which ctml-import
// folds into the convolution as explicit pads (no padded tensor in the arena). The small op models of
// tests/data/tflm_ops (tools/op_models/fold_models.hpp, inputs by make_fold_cases.py), imported at build time
// and compared byte for byte with TFLite Micro's outputs (TFLM runs the PAD, then the conv) on every case:
// int8 input zero points at both ends (-128, 127) and one inside, asymmetric pads on both axes, stride,
// dilation, a depth multiplier, a 1x1 conv whose last rows / columns see padding only; int16; float.
// Constant subgraphs computed by ctml-import: QUANTIZE of a float constant (ties, saturation) into ADD,
// DEQUANTIZE of an int8 constant into MUL, SHAPE -> STRIDED_SLICE -> PACK as RESHAPE's shape operand.
#include <string>

#include <doctest/doctest.h>

#include "tflm_cases.hpp"
#include "tflm_fold_golden_test_models.hpp"

namespace {
// The same layers without the fold: the PAD as a layer of its own, then the VALID conv (the imported data).
using pad_conv_s8_unfolded = ctml::sequential<
    ctml::input<ctml::shape<7, 6, 3>, std::int8_t, pad_conv_s8_data::input>,
    ctml::pad<ctml::pad_options{.before = {2, 0, 0}, .after = {1, 3, 0}}>,
    ctml::conv2d<ctml::conv2d_options{.filters = 5, .kernel_size = {3, 3}, .strides = {2, 2}},
                 pad_conv_s8_data::op1_conv2d>>;
using pad_conv_f32_unfolded = ctml::sequential<
    ctml::input<ctml::shape<5, 6, 2>, float>,
    ctml::pad<ctml::pad_options{.before = {0, 1, 0}, .after = {1, 1, 0}}>,
    ctml::conv2d<ctml::conv2d_options{.filters = 4, .kernel_size = {3, 2}, .strides = {2, 1}},
                 pad_conv_f32_data::op1_conv2d>>;
// Folded: one layer, the same MACs, and (below) a smaller arena: no padded tensor.
static_assert(pad_conv_s8::layer_count == 1 && pad_conv_s8_unfolded::layer_count == 2);
static_assert(pad_conv_s8::macs == pad_conv_s8_unfolded::macs);
}  // namespace

TEST_CASE("PAD folded into a conv: the arena without the padded tensor") {
  MESSAGE("pad_conv_s8 arena: " << pad_conv_s8::arena_bytes << " B folded, "
                                << pad_conv_s8_unfolded::arena_bytes << " B with the PAD as a layer");
  MESSAGE("pad_conv_f32 arena: " << pad_conv_f32::arena_bytes << " B folded, "
                                 << pad_conv_f32_unfolded::arena_bytes << " B with the PAD as a layer");
  CHECK(pad_conv_s8::arena_bytes < pad_conv_s8_unfolded::arena_bytes);
  CHECK(pad_conv_f32::arena_bytes < pad_conv_f32_unfolded::arena_bytes);
}

#define CTML_OP(name) CHECK_MESSAGE(golden::check_case_dirs<name>(CTML_OPS_DATA_DIR, #name) == 4, #name);
TEST_CASE("import-time folding op models: TFLite Micro's outputs") {
  CTML_OPS
}
#undef CTML_OP

#pragma once
// The data the README's hand-written `tiny` model names (what ctml-import would emit): int8 weights,
// per-channel scales, output quantizations. Values are placeholders; the shapes are the model's.
#include <ctml/ctml.hpp>

namespace data {
inline constexpr ctml::quantization input_q{0.05f, -10};
inline constexpr ctml::conv2d_weights<std::int8_t, 4, 3, 3, 2> conv0{
    .weights = {}, .bias = {}, .weight_scales = {0.01f, 0.01f, 0.01f, 0.01f}, .output = {0.1f, -128}};
inline constexpr ctml::depthwise_conv2d_weights<std::int8_t, 3, 3, 4> dw1{
    .weights = {}, .bias = {}, .weight_scales = {0.02f, 0.02f, 0.02f, 0.02f}, .output = {0.1f, -5}};
inline constexpr ctml::dense_weights<std::int8_t, 3, 16> fc{
    .weights = {}, .bias = {}, .weight_scales = {0.03f}, .output = {0.2f, 3}};
}  // namespace data

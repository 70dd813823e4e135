#pragma once
// The int8 parameters of docs/gru.md's sigmoid/tanh detector (placeholders, the model's shapes).
#include <ctml/ctml.hpp>

namespace my_data {
inline constexpr ctml::quantization in_q{0.1f, 0};
inline constexpr ctml::dense_weights<std::int8_t, 12, 16> fc0{
    .weights = {}, .bias = {}, .weight_scales = {0.01f}, .output = {0.05f, 0}};
inline constexpr ctml::dense_weights<std::int8_t, 1, 12> fc1{
    .weights = {}, .bias = {}, .weight_scales = {0.01f}, .output = {0.05f, 0}};
}  // namespace my_data

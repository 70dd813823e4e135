#pragma once
// The trained parameters the GRU examples name (tools/onnx would emit them): a float GRU of 16 units
// over 8 features and a 3-unit dense head. Values are placeholders.
#include <algorithm>

#include <ctml/layers/dense.hpp>
#include <ctml/layers/gru.hpp>

namespace my_data {
inline constexpr ctml::gru_weights<float, 16, 8> gru0{};
inline constexpr ctml::dense_weights<float, 3, 16> fc{};
}  // namespace my_data

/// What the application does with a model's output.
template <class T>
void use(const T&) {}

#pragma once
// The parameters the SVDF examples name (ctml-import would emit them from a .tflite): an int8 SVDF of
// 32 units, rank 1, over 40 features with a memory of 8 frames and int16 state. Values are placeholders.
#include <algorithm>
#include <cstdint>

#include <ctml/layers/svdf.hpp>

namespace my_data {
inline constexpr ctml::quantization input{0.05f, -10};
inline constexpr ctml::svdf_weights<std::int8_t, 32, 40, 8> svdf0{.feature = {},
                                                                  .time = {},
                                                                  .bias = {},
                                                                  .feature_scale = 0.004f,
                                                                  .time_scale = 0.00002f,
                                                                  .state = {0.0025f, 0},
                                                                  .output = {0.08f, 3}};
}  // namespace my_data

/// What the application does with a model's output.
template <class T>
void use(const T&) {}

#pragma once
// The constexpr data objects that hold a layer's trained parameters (what ctml-import emits).
// They live in flash; the layers read them at compile time and keep only what the kernels need.

#include <array>
#include <cstdint>

#include <ctml/quant/quantization.hpp>

namespace ctml {

/// Convolution parameters: weights OHWI [OutC][KH][KW][InC], bias [OutC], per-channel (NScales ==
/// OutC) or per-tensor (NScales == 1) weight scales, output quantization. The float specialisation
/// holds weights and bias only.
/// Usage: `inline constexpr ctml::conv2d_weights<std::int8_t, 64, 10, 4, 1, 64> op0{.weights = {...}, ...};`
template <class T, int OutC, int KH, int KW, int InC, int NScales = OutC>
struct conv2d_weights {
  using value_type = T;
  static constexpr int out_channels = OutC, kernel_h = KH, kernel_w = KW, in_channels = InC, scales = NScales;
  std::array<T, static_cast<std::size_t>(OutC* KH* KW* InC)> weights;
  std::array<std::int32_t, static_cast<std::size_t>(OutC)> bias;
  std::array<float, static_cast<std::size_t>(NScales)> weight_scales;
  quantization output;
};
template <int OutC, int KH, int KW, int InC, int NScales>
struct conv2d_weights<float, OutC, KH, KW, InC, NScales> {
  using value_type = float;
  static constexpr int out_channels = OutC, kernel_h = KH, kernel_w = KW, in_channels = InC, scales = 0;
  std::array<float, static_cast<std::size_t>(OutC* KH* KW* InC)> weights;
  std::array<float, static_cast<std::size_t>(OutC)> bias;
};

/// Depthwise convolution parameters: weights [KH][KW][OutC] (TFLite's 1 x KH x KW x OutC), bias
/// [OutC], weight scales (per channel or per tensor), output quantization.
/// Usage: `inline constexpr ctml::depthwise_conv2d_weights<std::int8_t, 3, 3, 64, 64> op1{...};`
template <class T, int KH, int KW, int OutC, int NScales = OutC>
struct depthwise_conv2d_weights {
  using value_type = T;
  static constexpr int out_channels = OutC, kernel_h = KH, kernel_w = KW, scales = NScales;
  std::array<T, static_cast<std::size_t>(KH* KW* OutC)> weights;
  std::array<std::int32_t, static_cast<std::size_t>(OutC)> bias;
  std::array<float, static_cast<std::size_t>(NScales)> weight_scales;
  quantization output;
};
template <int KH, int KW, int OutC, int NScales>
struct depthwise_conv2d_weights<float, KH, KW, OutC, NScales> {
  using value_type = float;
  static constexpr int out_channels = OutC, kernel_h = KH, kernel_w = KW, scales = 0;
  std::array<float, static_cast<std::size_t>(KH* KW* OutC)> weights;
  std::array<float, static_cast<std::size_t>(OutC)> bias;
};

/// Fully connected parameters: weights [Units][In] (TFLite's layout), bias [Units], weight scales
/// (per tensor: NScales == 1, or per unit), output quantization.
/// Usage: `inline constexpr ctml::dense_weights<std::int8_t, 12, 64> op11{...};`
template <class T, int Units, int In, int NScales = 1>
struct dense_weights {
  using value_type = T;
  static constexpr int units = Units, in_features = In, scales = NScales;
  std::array<T, static_cast<std::size_t>(Units* In)> weights;
  std::array<std::int32_t, static_cast<std::size_t>(Units)> bias;
  std::array<float, static_cast<std::size_t>(NScales)> weight_scales;
  quantization output;
};
template <int Units, int In, int NScales>
struct dense_weights<float, Units, In, NScales> {
  using value_type = float;
  static constexpr int units = Units, in_features = In, scales = 0;
  std::array<float, static_cast<std::size_t>(Units* In)> weights;
  std::array<float, static_cast<std::size_t>(Units)> bias;
};

/// Softmax parameters: beta and, for int8, the output quantization (TFLite requires 1/256, -128).
struct softmax_params {
  float beta = 1.0f;
  quantization output{1.0f / 256.0f, -128};
};

}  // namespace ctml

#pragma once
// Affine quantization parameters of a tensor, TFLite's convention.

#include <cstdint>
#include <limits>

#include <ctml/core/math.hpp>

namespace ctml {

/// Per-tensor affine quantization: a real value r is stored as q with r = scale * (q - zero_point).
/// Usage: `inline constexpr ctml::quantization kws_input{0.584702909f, 83};`
struct quantization {
  float scale = 1.0f;
  std::int32_t zero_point = 0;
};

/// Fused activations a layer may apply to its output (TFLite's fused activation functions).
enum class activation { none, relu, relu6, relu_n1_to_1 };

/// Clamp bounds of an activation in the quantized domain of the output, as TFLite computes them
/// (`CalculateActivationRangeQuantized`): bounds quantized with float division and round-half-away.
struct quantized_range {
  std::int32_t min, max;
};

template <class T>
constexpr quantized_range activation_range(activation act, quantization out) {
  constexpr std::int32_t qmin = std::numeric_limits<T>::min();
  constexpr std::int32_t qmax = std::numeric_limits<T>::max();
  auto q = [&](float real) {
    // TFLite: zero_point + round(real / scale), the division in float.
    return out.zero_point + static_cast<std::int32_t>(math::round(static_cast<double>(real / out.scale)));
  };
  auto max_ = [](std::int32_t lhs, std::int32_t rhs) { return lhs > rhs ? lhs : rhs; };
  auto min_ = [](std::int32_t lhs, std::int32_t rhs) { return lhs < rhs ? lhs : rhs; };
  switch (act) {
    case activation::relu:
      return {max_(qmin, q(0.0f)), qmax};
    case activation::relu6:
      return {max_(qmin, q(0.0f)), min_(qmax, q(6.0f))};
    case activation::relu_n1_to_1:
      return {max_(qmin, q(-1.0f)), min_(qmax, q(1.0f))};
    case activation::none:
      break;
  }
  return {qmin, qmax};
}

/// Float clamp bounds of an activation (float layers).
struct float_range {
  float min, max;
};
constexpr float_range activation_range_float(activation act) {
  constexpr float inf = std::numeric_limits<float>::infinity();
  switch (act) {
    case activation::relu:
      return {0.0f, inf};
    case activation::relu6:
      return {0.0f, 6.0f};
    case activation::relu_n1_to_1:
      return {-1.0f, 1.0f};
    case activation::none:
      break;
  }
  return {-inf, inf};
}

}  // namespace ctml

#pragma once
// Compile-time descriptions the kernels are specialised on: every loop bound, stride, padding and
// quantization constant of a layer is a template argument, so the compiler sees constants.

#include <cstdint>

namespace ctml::kernels {

/// Geometry of a 2-D convolution, depthwise convolution or pooling window (NHWC, batch 1).
struct window_geometry {
  int in_h, in_w, in_c;
  int out_h, out_w, out_c;
  int k_h, k_w;
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
  int pad_top = 0, pad_left = 0;
  int depth_multiplier = 1;  ///< depthwise only
};

/// Zero points and clamp bounds of an int8 layer: acc over (x + input_offset), then + output_offset.
struct requant_constants {
  std::int32_t input_offset = 0;   ///< -input zero point
  std::int32_t output_offset = 0;  ///< output zero point
  std::int32_t act_min = -128;
  std::int32_t act_max = 127;
};

/// First and one-past-last kernel taps along an axis that land inside the input, for an output
/// position whose window starts at `origin` (may be negative: padding).
struct tap_range {
  int begin, end;
};
constexpr tap_range valid_taps(int origin, int k, int dilation, int in) {
  // Tap t reads origin + t * dilation; it is valid when 0 <= that < in.
  int b = 0;
  while (b < k && origin + b * dilation < 0) ++b;
  int e = k;
  while (e > b && origin + (e - 1) * dilation >= in) --e;
  return {b, e};
}

}  // namespace ctml::kernels

#pragma once
// Compile-time descriptions the kernels are specialised on: every loop bound, stride, padding and
// quantization constant of a layer is a template argument, so the compiler sees constants.

#include <cstdint>
#include <utility>

#include <ctml/core/config.hpp>
#include <ctml/quant/fixed_point.hpp>

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
  /// A band of a layer's output rows (in-place layers run the kernel one band at a time): the
  /// layer's out_h, so that choices made from how often weights are re-read stay the layer's; 0:
  /// out_h (a whole layer).
  int layer_out_h = 0;
  /// A kernel that runs a layer over its own input (arm_mve depthwise, `run_in_place`): the output
  /// rows it keeps in a ring before they go over their input rows; 0: not in place.
  int ring_rows = 0;
};

/// Output pixels of the whole layer G belongs to (G may be a band of its rows): how many times a
/// kernel re-reads each weight, which is what weight-layout choices count.
constexpr int layer_pixels(const window_geometry& g) {
  return (g.layer_out_h > 0 ? g.layer_out_h : g.out_h) * g.out_w;
}

/// Whether some window of g reaches outside the input (into padding on any side). A 1x1 kernel with
/// no top / left padding can still have bottom / right padding (explicit pads, a folded PAD), so the
/// kernels that read 1x1 windows directly ask this, not pad_top / pad_left alone.
constexpr bool touches_padding(const window_geometry& g) {
  return g.pad_top > 0 || g.pad_left > 0 ||
         (g.out_h - 1) * g.stride_h + (g.k_h - 1) * g.dilation_h >= g.in_h ||
         (g.out_w - 1) * g.stride_w + (g.k_w - 1) * g.dilation_w >= g.in_w;
}

/// Zero points and clamp bounds of an int8 layer: acc over (x + input_offset), then + output_offset.
/// int16 layers (zero points 0) use the clamp bounds only.
struct requant_constants {
  std::int32_t input_offset = 0;   ///< -input zero point
  std::int32_t output_offset = 0;  ///< output zero point
  std::int32_t act_min = -128;
  std::int32_t act_max = 127;
  /// Every channel's multiplier has a negative shift (a right shift only), known at compile time:
  /// kernels that pick a cheaper requantization for that case (Helium) need not check it per call.
  /// False promises nothing (the kernel checks).
  bool right_shifts_only = false;
};

/// The int8 output of an accumulator: requantized, offset by the output zero point, clamped.
template <requant_constants Q>
constexpr std::int8_t requantize(std::int32_t acc, multiplier m) noexcept {
  const std::int32_t v = multiply_by_quantized_multiplier(acc, m) + Q.output_offset;
  return static_cast<std::int8_t>(v < Q.act_min ? Q.act_min : (v > Q.act_max ? Q.act_max : v));
}

/// v clamped to [lo, hi] (integers; NaN gives lo) and rounded half to even: ONNX's rounding
/// (std::nearbyint under the default rounding mode), without <cmath> or the FPU's mode.
constexpr std::int32_t round_half_even(float v, float lo, float hi) noexcept {
  v = !(v >= lo) ? lo : (v > hi ? hi : v);
  std::int32_t f = static_cast<std::int32_t>(v);  // toward zero
  if (v < static_cast<float>(f)) --f;             // floor
  const float frac = v - static_cast<float>(f);   // exact: v and f are within 1 of each other
  if (frac > 0.5f || (frac == 0.5f && (f & 1) != 0)) ++f;
  return f;
}

/// The int8 output of an accumulator in ONNX's arithmetic (QLinearConv / QLinearMatMul, onnxruntime's
/// requantization): float(acc) * m in float32, rounded half to even, plus the output zero point,
/// clamped. `m` = x_scale * w_scale / y_scale formed in float32. Clamping before rounding gives the
/// same result (the bounds are integers) and keeps the conversion to int in range.
template <requant_constants Q>
constexpr std::int8_t requantize_onnx(std::int32_t acc, float m) noexcept {
  return static_cast<std::int8_t>(round_half_even(static_cast<float>(acc) * m,
                                                  static_cast<float>(Q.act_min - Q.output_offset),
                                                  static_cast<float>(Q.act_max - Q.output_offset)) +
                                  Q.output_offset);
}

/// The int16 output of a 64-bit accumulator (TFLite's 16x8 scheme, zero points 0): requantized with
/// the 64-bit multiply, clamped to [act_min, act_max].
template <requant_constants Q>
constexpr std::int16_t requantize_s16(std::int64_t acc, multiplier m) noexcept {
  const std::int32_t v = multiply_by_quantized_multiplier_64(acc, m);
  return static_cast<std::int16_t>(v < Q.act_min ? Q.act_min : (v > Q.act_max ? Q.act_max : v));
}

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

/// The output rows of geometry g whose windows reach above the input: [0, top); below it:
/// [bottom, out_h). The rows between read whole windows along the height, so they share one band
/// geometry (layers/in_place.hpp, layers/patch.hpp) or one loop (the Arm DSP depthwise kernel).
struct row_split {
  int top, bottom;
};
constexpr row_split split_rows(const window_geometry& g) {
  const int reach = (g.k_h - 1) * g.dilation_h + 1;  // input rows one output row reads
  int top = (g.pad_top + g.stride_h - 1) / g.stride_h;
  top = top < g.out_h ? top : g.out_h;
  const int last_inside = g.in_h + g.pad_top - reach;  // rows with oy * stride <= this stay inside
  int bottom = last_inside < 0 ? 0 : last_inside / g.stride_h + 1;
  bottom = bottom < top ? top : (bottom > g.out_h ? g.out_h : bottom);
  return {top, bottom};
}
/// Output rows [oy, oy + rows) of geometry `g` as a geometry of their own, and the first input row
/// they read (a band: what the in-place and patch schedules and the Arm DSP depthwise kernel run).
struct row_band {
  window_geometry g;
  int first_row;
};
constexpr row_band band_of(const window_geometry& g, int oy, int rows = 1) {
  const int y0 = oy * g.stride_h - g.pad_top;  // the first tap's row (< 0: padding)
  // One past the last tap's row of the band's last row.
  const int y1 = (oy + rows - 1) * g.stride_h - g.pad_top + (g.k_h - 1) * g.dilation_h + 1;
  const int first = y0 > 0 ? y0 : 0;
  const int end = y1 < g.in_h ? y1 : g.in_h;
  window_geometry b = g;
  b.in_h = end - first;
  b.out_h = rows;
  b.pad_top = first - y0;  // the taps above `first` stay in the padding, as in the layer
  b.layer_out_h = g.layer_out_h > 0 ? g.layer_out_h : g.out_h;
  return {b, first};
}
/// The sequence I... + Offset (rows from Offset on, unrolled at compile time).
template <int Offset, int... I>
constexpr std::integer_sequence<int, (Offset + I)...> shifted(std::integer_sequence<int, I...>) {
  return {};
}

/// One output position of a windowed op: its row and column, where its window starts in the input
/// (negative inside the padding), and the taps of the window that land inside the input.
struct window_position {
  int oy, ox, y0, x0;
  tap_range ty, tx;
  /// Index of the first output element of this position in an [OH, OW, C] output.
  template <int OutW, int OutC>
  constexpr int out_index() const {
    return (oy * OutW + ox) * OutC;
  }
};

/// Calls `f(window_position)` for every output position of geometry `G`, rows first.
template <window_geometry G, class F>
CTML_FORCE_INLINE void for_each_window(F&& f) noexcept {
  for (int oy = 0; oy < G.out_h; ++oy) {
    const int y0 = oy * G.stride_h - G.pad_top;
    const tap_range ty = valid_taps(y0, G.k_h, G.dilation_h, G.in_h);
    for (int ox = 0; ox < G.out_w; ++ox) {
      const int x0 = ox * G.stride_w - G.pad_left;
      f(window_position{oy, ox, y0, x0, ty, valid_taps(x0, G.k_w, G.dilation_w, G.in_w)});
    }
  }
}

}  // namespace ctml::kernels

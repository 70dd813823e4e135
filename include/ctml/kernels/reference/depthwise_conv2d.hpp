#pragma once
// Reference depthwise convolution kernels, int8 (TFLite's DepthwiseConvPerChannel), int16 x int8 (its
// 16x8 overload) and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/kernels/reference/conv2d.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::reference {

/// int8 depthwise convolution. Output channel oc = ic * depth_multiplier + m reads input channel ic.
/// Layouts: input [H, W, C], weights [KH, KW, OC], output [OH, OW, OC].
template <window_geometry G, requant_constants Q>
void depthwise_conv2d_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                         const multiplier* mult, std::int8_t* out) noexcept {
  // Channels are contiguous in the input, the weights and the output: with a depth multiplier of 1
  // the innermost loop runs over a compile-time block of channels, which compilers vectorise.
  constexpr int block = G.depth_multiplier == 1 ? channel_block(G.out_c) : 1;
  for_each_window<G>([&](const window_position& p) {
    std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
    for (int ob = 0; ob < G.out_c; ob += block) {
      std::int32_t acc[block];
      for (int j = 0; j < block; ++j) acc[j] = bias[ob + j];
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy) {
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx) {
          const std::int8_t* ip =
              in + ((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c;
          const std::int8_t* wp = weights + (fy * G.k_w + fx) * G.out_c + ob;
          for (int j = 0; j < block; ++j) {
            const int ic = (ob + j) / G.depth_multiplier;  // output channel ob + j reads input channel ic
            acc[j] += (std::int32_t{ip[ic]} + Q.input_offset) * std::int32_t{wp[j]};
          }
        }
      }
      for (int j = 0; j < block; ++j) o[ob + j] = requantize<Q>(acc[j], mult[ob + j]);
    }
  });
}

/// int8 depthwise convolution in ONNX's arithmetic (QLinearConv with group = input channels): acc =
/// bias + sum (x + input_offset) * (w + WeightOffset) over the taps inside the input, then
/// requantize_onnx with one float32 multiplier per output channel. Layouts as depthwise_conv2d_s8.
template <window_geometry G, requant_constants Q, int WeightOffset>
void depthwise_conv2d_s8_onnx(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                              const float* mult, std::int8_t* out) noexcept {
  for_each_window<G>([&](const window_position& p) {
    std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
    for (int oc = 0; oc < G.out_c; ++oc) {
      const int ic = oc / G.depth_multiplier;
      std::int32_t acc = bias[oc];
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy)
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx)
          acc += (std::int32_t{
                      in[((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c + ic]} +
                  Q.input_offset) *
                 (std::int32_t{weights[(fy * G.k_w + fx) * G.out_c + oc]} + WeightOffset);
      o[oc] = requantize_onnx<Q>(acc, mult[oc]);
    }
  });
}

/// int16 x int8 depthwise convolution (TFLite's 16x8 DepthwiseConvPerChannel: zero points 0, int64
/// accumulator and bias, 64-bit requantization). Layouts as depthwise_conv2d_s8. Each product is
/// below 2^22, so up to 256 taps are summed in int32 before the int64 bias.
template <window_geometry G, requant_constants Q>
void depthwise_conv2d_s16(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                          const multiplier* mult, std::int16_t* out) noexcept {
  using tap_sum = std::conditional_t<(G.k_h * G.k_w <= 256), std::int32_t, std::int64_t>;
  for_each_window<G>([&](const window_position& p) {
    std::int16_t* o = out + p.out_index<G.out_w, G.out_c>();
    for (int oc = 0; oc < G.out_c; ++oc) {
      const int ic = oc / G.depth_multiplier;
      tap_sum acc = 0;
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy)
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx)
          acc += tap_sum{in[((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c + ic]} *
                 tap_sum{weights[(fy * G.k_w + fx) * G.out_c + oc]};
      o[oc] = requantize_s16<Q>(std::int64_t{acc} + bias[oc], mult[oc]);
    }
  });
}

/// float depthwise convolution.
template <window_geometry G>
void depthwise_conv2d_f32(const float* in, const float* weights, const float* bias, float act_min,
                          float act_max, float* out) noexcept {
  for_each_window<G>([&](const window_position& p) {
    float* o = out + p.out_index<G.out_w, G.out_c>();
    for (int oc = 0; oc < G.out_c; ++oc) {
      const int ic = oc / G.depth_multiplier;
      float acc = 0.0f;
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy)
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx)
          acc += in[((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c + ic] *
                 weights[(fy * G.k_w + fx) * G.out_c + oc];
      acc += bias[oc];
      o[oc] = acc < act_min ? act_min : (acc > act_max ? act_max : acc);
    }
  });
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

/// The int8 depthwise convolution of geometry `G` and constants `Q` on architecture `A`: the
/// customization point of depthwise_conv2d (kernels/kernel.hpp).
/// Usage: `kernels::depthwise_conv2d_s8_kernel<G, Q>::run(in, w.data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q, arch A = target_arch>
struct depthwise_conv2d_s8_kernel : depthwise_conv2d_s8_kernel<G, Q, fallback_of(A)> {};

template <window_geometry G, requant_constants Q>
struct depthwise_conv2d_s8_kernel<G, Q, arch::generic> : imported_weights {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    reference::depthwise_conv2d_s8<G, Q>(in, weights, bias, mult, out);
  }
};

/// The int8 depthwise convolution in ONNX's arithmetic (depthwise_conv2d_options::requantization =
/// onnx) on architecture `A`: no architecture specialises it, every target runs the portable kernel.
/// Usage: `kernels::depthwise_conv2d_s8_onnx_kernel<G, Q, 0>::run(in, w.data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q, int WeightOffset, arch A = target_arch>
struct depthwise_conv2d_s8_onnx_kernel : depthwise_conv2d_s8_onnx_kernel<G, Q, WeightOffset, fallback_of(A)> {
};

template <window_geometry G, requant_constants Q, int WeightOffset>
struct depthwise_conv2d_s8_onnx_kernel<G, Q, WeightOffset, arch::generic> : imported_weights {
  static void run(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                  const float* mult, std::int8_t* out, std::byte* /*scratch*/) noexcept {
    reference::depthwise_conv2d_s8_onnx<G, Q, WeightOffset>(in, weights, bias, mult, out);
  }
};

/// The int16 x int8 depthwise convolution (TFLite's 16x8) on architecture `A` (int64 bias; every
/// target runs the portable kernel).
/// Usage: `kernels::depthwise_conv2d_s16_kernel<G, Q>::run(in, w.data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q, arch A = target_arch>
struct depthwise_conv2d_s16_kernel : depthwise_conv2d_s16_kernel<G, Q, fallback_of(A)> {};

template <window_geometry G, requant_constants Q>
struct depthwise_conv2d_s16_kernel<G, Q, arch::generic> : imported_weights {
  static void run(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                  const multiplier* mult, std::int16_t* out, std::byte* /*scratch*/) noexcept {
    reference::depthwise_conv2d_s16<G, Q>(in, weights, bias, mult, out);
  }
};

/// The float depthwise convolution on architecture `A` (`run` clamps to [act_min, act_max]).
template <window_geometry G, arch A = target_arch>
struct depthwise_conv2d_f32_kernel : depthwise_conv2d_f32_kernel<G, fallback_of(A)> {};

template <window_geometry G>
struct depthwise_conv2d_f32_kernel<G, arch::generic> : imported_weights {
  static void run(const float* in, const float* weights, const float* bias, float act_min, float act_max,
                  float* out, std::byte* /*scratch*/) noexcept {
    reference::depthwise_conv2d_f32<G>(in, weights, bias, act_min, act_max, out);
  }
};

}  // namespace ctml::kernels

#pragma once
// Reference depthwise convolution kernels, int8 (TFLite's DepthwiseConvPerChannel) and float.

#include <cstdint>

#include <ctml/kernels/geometry.hpp>
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
  for (int oy = 0; oy < G.out_h; ++oy) {
    const int y0 = oy * G.stride_h - G.pad_top;
    const tap_range ty = valid_taps(y0, G.k_h, G.dilation_h, G.in_h);
    for (int ox = 0; ox < G.out_w; ++ox) {
      const int x0 = ox * G.stride_w - G.pad_left;
      const tap_range tx = valid_taps(x0, G.k_w, G.dilation_w, G.in_w);
      std::int8_t* o = out + (oy * G.out_w + ox) * G.out_c;
      for (int ob = 0; ob < G.out_c; ob += block) {
        std::int32_t acc[block];
        for (int j = 0; j < block; ++j) acc[j] = bias[ob + j];
        for (int fy = ty.begin; fy < ty.end; ++fy) {
          const int iy = y0 + fy * G.dilation_h;
          for (int fx = tx.begin; fx < tx.end; ++fx) {
            const int ix = x0 + fx * G.dilation_w;
            const std::int8_t* ip = in + (iy * G.in_w + ix) * G.in_c;
            const std::int8_t* wp = weights + (fy * G.k_w + fx) * G.out_c + ob;
            for (int j = 0; j < block; ++j) {
              const int ic = (ob + j) / G.depth_multiplier;  // output channel ob + j reads input channel ic
              acc[j] += (std::int32_t{ip[ic]} + Q.input_offset) * std::int32_t{wp[j]};
            }
          }
        }
        for (int j = 0; j < block; ++j) {
          std::int32_t v = multiply_by_quantized_multiplier(acc[j], mult[ob + j]) + Q.output_offset;
          v = v < Q.act_min ? Q.act_min : (v > Q.act_max ? Q.act_max : v);
          o[ob + j] = static_cast<std::int8_t>(v);
        }
      }
    }
  }
}

/// float depthwise convolution.
template <window_geometry G>
void depthwise_conv2d_f32(const float* in, const float* weights, const float* bias, float act_min,
                          float act_max, float* out) noexcept {
  for (int oy = 0; oy < G.out_h; ++oy) {
    const int y0 = oy * G.stride_h - G.pad_top;
    const tap_range ty = valid_taps(y0, G.k_h, G.dilation_h, G.in_h);
    for (int ox = 0; ox < G.out_w; ++ox) {
      const int x0 = ox * G.stride_w - G.pad_left;
      const tap_range tx = valid_taps(x0, G.k_w, G.dilation_w, G.in_w);
      for (int ic = 0; ic < G.in_c; ++ic) {
        for (int m = 0; m < G.depth_multiplier; ++m) {
          const int oc = ic * G.depth_multiplier + m;
          float acc = 0.0f;
          for (int fy = ty.begin; fy < ty.end; ++fy) {
            const int iy = y0 + fy * G.dilation_h;
            for (int fx = tx.begin; fx < tx.end; ++fx) {
              const int ix = x0 + fx * G.dilation_w;
              acc += in[(iy * G.in_w + ix) * G.in_c + ic] * weights[(fy * G.k_w + fx) * G.out_c + oc];
            }
          }
          acc += bias[oc];
          acc = acc < act_min ? act_min : (acc > act_max ? act_max : acc);
          out[(oy * G.out_w + ox) * G.out_c + oc] = acc;
        }
      }
    }
  }
}

}  // namespace ctml::kernels::reference

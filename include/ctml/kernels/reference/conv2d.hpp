#pragma once
// Reference 2-D convolution kernels, int8 (TFLite's ConvPerChannel arithmetic) and float.

#include <cstdint>

#include <ctml/kernels/geometry.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::reference {

/// int8 convolution with per-channel requantization. Layouts: input [H, W, C], weights OHWI,
/// output [OH, OW, OC]. acc = bias + sum (x + input_offset) * w, then requantized, offset, clamped.
template <window_geometry G, requant_constants Q>
void conv2d_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
               const multiplier* mult, std::int8_t* out) noexcept {
  for (int oy = 0; oy < G.out_h; ++oy) {
    const int y0 = oy * G.stride_h - G.pad_top;
    const tap_range ty = valid_taps(y0, G.k_h, G.dilation_h, G.in_h);
    for (int ox = 0; ox < G.out_w; ++ox) {
      const int x0 = ox * G.stride_w - G.pad_left;
      const tap_range tx = valid_taps(x0, G.k_w, G.dilation_w, G.in_w);
      for (int oc = 0; oc < G.out_c; ++oc) {
        std::int32_t acc = 0;
        for (int fy = ty.begin; fy < ty.end; ++fy) {
          const int iy = y0 + fy * G.dilation_h;
          for (int fx = tx.begin; fx < tx.end; ++fx) {
            const int ix = x0 + fx * G.dilation_w;
            const std::int8_t* ip = in + (iy * G.in_w + ix) * G.in_c;
            const std::int8_t* wp = weights + ((oc * G.k_h + fy) * G.k_w + fx) * G.in_c;
            for (int c = 0; c < G.in_c; ++c)
              acc += (std::int32_t{ip[c]} + Q.input_offset) * std::int32_t{wp[c]};
          }
        }
        acc += bias[oc];
        acc = multiply_by_quantized_multiplier(acc, mult[oc]) + Q.output_offset;
        acc = acc < Q.act_min ? Q.act_min : (acc > Q.act_max ? Q.act_max : acc);
        out[(oy * G.out_w + ox) * G.out_c + oc] = static_cast<std::int8_t>(acc);
      }
    }
  }
}

/// float convolution: acc = bias + sum x * w (taps in filter-y, filter-x, channel order), clamped.
template <window_geometry G>
void conv2d_f32(const float* in, const float* weights, const float* bias, float act_min, float act_max,
                float* out) noexcept {
  for (int oy = 0; oy < G.out_h; ++oy) {
    const int y0 = oy * G.stride_h - G.pad_top;
    const tap_range ty = valid_taps(y0, G.k_h, G.dilation_h, G.in_h);
    for (int ox = 0; ox < G.out_w; ++ox) {
      const int x0 = ox * G.stride_w - G.pad_left;
      const tap_range tx = valid_taps(x0, G.k_w, G.dilation_w, G.in_w);
      for (int oc = 0; oc < G.out_c; ++oc) {
        float acc = 0.0f;
        for (int fy = ty.begin; fy < ty.end; ++fy) {
          const int iy = y0 + fy * G.dilation_h;
          for (int fx = tx.begin; fx < tx.end; ++fx) {
            const int ix = x0 + fx * G.dilation_w;
            const float* ip = in + (iy * G.in_w + ix) * G.in_c;
            const float* wp = weights + ((oc * G.k_h + fy) * G.k_w + fx) * G.in_c;
            for (int c = 0; c < G.in_c; ++c) acc += ip[c] * wp[c];
          }
        }
        acc += bias[oc];
        acc = acc < act_min ? act_min : (acc > act_max ? act_max : acc);
        out[(oy * G.out_w + ox) * G.out_c + oc] = acc;
      }
    }
  }
}

}  // namespace ctml::kernels::reference

#pragma once
// Portable transposed 2-D convolution kernels (TFLite's TRANSPOSE_CONV): int8, int16 x int8 (16x8)
// and float.
//
// Maintainer's note: TFLite scatters every input pixel into the outputs it touches, through a scratch
// buffer of the whole output. These kernels gather instead: each output element sums the input
// pixels that reach it, in the order the scatter adds them (input row, column, channel ascending),
// so float sums round as TFLite's do and no scratch is needed. The geometry is that of the forward
// convolution from the output back to the input: `in_*` is the layer's input, `out_*` its output,
// `pad_*` the padding TFLite computes for the output size.

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::reference {

/// Input rows (or columns) [begin, end) that reach output row `o`, with tap `o + pad - i * stride`.
constexpr tap_range transpose_sources(int o, int pad, int k, int stride, int in) {
  const int hi = o + pad;                                               // tap 0 comes from input hi / stride
  int b = hi - (k - 1) < 0 ? 0 : (hi - (k - 1) + stride - 1) / stride;  // ceil, taps < k
  int e = hi / stride + 1;                                              // floor, taps >= 0
  if (e > in) e = in;
  if (b > e) b = e;
  return {b, e};
}

/// acc[oc] over the input pixels that reach output (oy, ox), each pixel's channels in order:
/// `f(acc, x_row, w_row)` accumulates one pixel (input channels of x, those of filter tap w).
template <window_geometry G, class Acc, class T, class W, class F>
CTML_FORCE_INLINE Acc transpose_gather(const T* in, const W* weights, int oy, int ox, int oc,
                                       F&& f) noexcept {
  Acc acc = 0;
  const tap_range ry = transpose_sources(oy, G.pad_top, G.k_h, G.stride_h, G.in_h);
  const tap_range rx = transpose_sources(ox, G.pad_left, G.k_w, G.stride_w, G.in_w);
  for (int iy = ry.begin; iy < ry.end; ++iy) {
    const int fy = oy + G.pad_top - iy * G.stride_h;
    for (int ix = rx.begin; ix < rx.end; ++ix) {
      const int fx = ox + G.pad_left - ix * G.stride_w;
      f(acc, in + (iy * G.in_w + ix) * G.in_c, weights + ((oc * G.k_h + fy) * G.k_w + fx) * G.in_c);
    }
  }
  return acc;
}

/// int8 transposed convolution (TFLite's per-channel TransposeConv): acc = sum (x + input_offset)
/// * w over the taps, + bias, requantized, + output offset, clamped. Weights OHWI.
template <window_geometry G, requant_constants Q>
void conv2d_transpose_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                         const multiplier* mult, std::int8_t* out) noexcept {
  for (int oy = 0; oy < G.out_h; ++oy)
    for (int ox = 0; ox < G.out_w; ++ox)
      for (int oc = 0; oc < G.out_c; ++oc) {
        const std::int32_t acc = transpose_gather<G, std::int32_t>(
            in, weights, oy, ox, oc, [](std::int32_t& a, const std::int8_t* x, const std::int8_t* w) {
              for (int c = 0; c < G.in_c; ++c)
                a += (std::int32_t{x[c]} + Q.input_offset) * std::int32_t{w[c]};
            });
        out[(oy * G.out_w + ox) * G.out_c + oc] = requantize<Q>(acc + bias[oc], mult[oc]);
      }
}

/// int16 x int8 transposed convolution (TFLite's 16x8 TransposeConv with an int64 bias and
/// accumulator, zero points 0, 64-bit requantization).
template <window_geometry G, requant_constants Q>
void conv2d_transpose_s16(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                          const multiplier* mult, std::int16_t* out) noexcept {
  for (int oy = 0; oy < G.out_h; ++oy)
    for (int ox = 0; ox < G.out_w; ++ox)
      for (int oc = 0; oc < G.out_c; ++oc) {
        const std::int64_t acc = transpose_gather<G, std::int64_t>(
            in, weights, oy, ox, oc, [](std::int64_t& a, const std::int16_t* x, const std::int8_t* w) {
              // Each product is below 2^22: a pixel's channels sum in int32 up to 256 of them.
              std::int64_t pixel = 0;
              for (int c0 = 0; c0 < G.in_c; c0 += 256) {
                const int c1 = c0 + 256 < G.in_c ? c0 + 256 : G.in_c;
                std::int32_t part = 0;
                for (int c = c0; c < c1; ++c) part += std::int32_t{x[c]} * std::int32_t{w[c]};
                pixel += part;
              }
              a += pixel;
            });
        out[(oy * G.out_w + ox) * G.out_c + oc] = requantize_s16<Q>(acc + bias[oc], mult[oc]);
      }
}

/// float transposed convolution: the products added one by one in TFLite's order, then the bias,
/// then the clamp.
template <window_geometry G>
void conv2d_transpose_f32(const float* in, const float* weights, const float* bias, float act_min,
                          float act_max, float* out) noexcept {
  for (int oy = 0; oy < G.out_h; ++oy)
    for (int ox = 0; ox < G.out_w; ++ox)
      for (int oc = 0; oc < G.out_c; ++oc) {
        float v =
            transpose_gather<G, float>(in, weights, oy, ox, oc, [](float& a, const float* x, const float* w) {
              for (int c = 0; c < G.in_c; ++c) a += x[c] * w[c];
            });
        v += bias[oc];
        out[(oy * G.out_w + ox) * G.out_c + oc] = v < act_min ? act_min : (v > act_max ? act_max : v);
      }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

/// The int8 transposed convolution of geometry `G` (see the note above) and constants `Q` on
/// architecture `A`: the customization point of conv2d_transpose (kernels/kernel.hpp). Weights OHWI
/// as imported; no scratch.
/// Usage: `kernels::conv2d_transpose_s8_kernel<G, Q>::run(in, w.data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q, arch A = target_arch>
struct conv2d_transpose_s8_kernel : conv2d_transpose_s8_kernel<G, Q, fallback_of(A)> {};

template <window_geometry G, requant_constants Q>
struct conv2d_transpose_s8_kernel<G, Q, arch::generic> : imported_weights {
  static void run(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                  const multiplier* mult, std::int8_t* out, std::byte* /*scratch*/) noexcept {
    reference::conv2d_transpose_s8<G, Q>(in, weights, bias, mult, out);
  }
};

/// The int16 x int8 (16x8) transposed convolution on architecture `A` (int64 bias).
/// Usage: `kernels::conv2d_transpose_s16_kernel<G, Q>::run(in, w.data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q, arch A = target_arch>
struct conv2d_transpose_s16_kernel : conv2d_transpose_s16_kernel<G, Q, fallback_of(A)> {};

template <window_geometry G, requant_constants Q>
struct conv2d_transpose_s16_kernel<G, Q, arch::generic> : imported_weights {
  static void run(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                  const multiplier* mult, std::int16_t* out, std::byte* /*scratch*/) noexcept {
    reference::conv2d_transpose_s16<G, Q>(in, weights, bias, mult, out);
  }
};

/// The float transposed convolution on architecture `A` (`run` clamps to [act_min, act_max]).
/// Usage: `kernels::conv2d_transpose_f32_kernel<G>::run(in, w.data(), bias, lo, hi, out, scratch);`
template <window_geometry G, arch A = target_arch>
struct conv2d_transpose_f32_kernel : conv2d_transpose_f32_kernel<G, fallback_of(A)> {};

template <window_geometry G>
struct conv2d_transpose_f32_kernel<G, arch::generic> : imported_weights {
  static void run(const float* in, const float* weights, const float* bias, float act_min, float act_max,
                  float* out, std::byte* /*scratch*/) noexcept {
    reference::conv2d_transpose_f32<G>(in, weights, bias, act_min, act_max, out);
  }
};

}  // namespace ctml::kernels

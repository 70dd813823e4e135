#pragma once
// int16x8 (TFLite's 16x8) convolution for cores with the DSP extension, weights OHWI in pair order
// (weights.hpp), dot products of dot_s16.hpp (int32 runs, exact int64 accumulation).
//
// 1x1 convolutions without padding read each output pixel's input as it is. Other kernels copy the receptive
// fields of two output pixels (int16, as they are; zeros for padding taps) into a patch in the arena scratch.
// Both compute two output channels x two pixels per block (an odd last pixel: four channels x one): each
// activation word serves two weight rows and each widened weight word two pixels.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_dsp/dot_s16.hpp>
#include <ctml/kernels/arm_dsp/weights.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/conv2d.hpp>

// Only the DSP-extension targets compile this kernel (the header is empty elsewhere).
#if CTML_ARCH_ARM_DSP

namespace ctml::kernels::arm_dsp {

/// Whether conv2d_s16 takes geometry G: receptive fields of up to 2048 elements (two patches: 8 KB
/// of scratch).
template <window_geometry G>
constexpr bool conv2d_s16_fits() {
  return G.k_h * G.k_w * G.in_c <= 2048 && G.depth_multiplier == 1;
}

namespace detail {

/// A 1x1 convolution whose windows never touch padding reads the input directly (no patch).
template <window_geometry G>
constexpr bool s16_direct() {
  return G.k_h == 1 && G.k_w == 1 && !touches_padding(G);
}

/// Copies the receptive field of output pixel (oy, ox) into `patch` (taps in padding: zeros).
template <window_geometry G>
CTML_FORCE_INLINE void fill_patch_s16(const std::int16_t* in, int oy, int ox, std::int16_t* patch) noexcept {
  constexpr int row = G.k_w * G.in_c;  // elements of one filter row in the patch
  const int y0 = oy * G.stride_h - G.pad_top;
  const int x0 = ox * G.stride_w - G.pad_left;
  const bool cols_inside = x0 >= 0 && x0 + (G.k_w - 1) * G.dilation_w < G.in_w;
  for (int fy = 0; fy < G.k_h; ++fy) {
    std::int16_t* dst = patch + fy * row;
    const int iy = y0 + fy * G.dilation_h;
    if (iy < 0 || iy >= G.in_h) {
      std::memset(dst, 0, sizeof(std::int16_t) * row);
      continue;
    }
    const std::int16_t* src = in + (iy * G.in_w + x0) * G.in_c;
    if (G.dilation_w == 1 && cols_inside) {  // the filter row is contiguous in the input
      std::memcpy(dst, src, sizeof(std::int16_t) * row);
      continue;
    }
    for (int fx = 0; fx < G.k_w; ++fx) {
      const int ix = x0 + fx * G.dilation_w;
      if (ix >= 0 && ix < G.in_w)
        std::memcpy(dst + fx * G.in_c, src + fx * G.dilation_w * G.in_c, sizeof(std::int16_t) * G.in_c);
      else
        std::memset(dst + fx * G.in_c, 0, sizeof(std::int16_t) * G.in_c);
    }
  }
}

/// Output channels of NP pixels whose inputs are at x (pixel j at x + j * XStride), NO channels per
/// block.
template <window_geometry G, requant_constants Q, int NP, int NO, int XStride>
CTML_FORCE_INLINE void conv_s16_pixels(const std::int16_t* x, const std::int8_t* weights,
                                       const std::int64_t* bias, const multiplier* mult,
                                       std::int16_t* out) noexcept {
  constexpr int k = G.k_h * G.k_w * G.in_c;
  constexpr int blocks_end = G.out_c - G.out_c % NO;
  auto block = [&]<int N>(int oc) {
    std::int64_t acc[NP][N];
#pragma GCC unroll 2
    for (int j = 0; j < NP; ++j)
#pragma GCC unroll 4
      for (int o = 0; o < N; ++o) acc[j][o] = bias[oc + o];
    dot_s16_block<k, NP, N, XStride>(x, weights + oc * k, acc);
#pragma GCC unroll 2
    for (int j = 0; j < NP; ++j)
#pragma GCC unroll 4
      for (int o = 0; o < N; ++o) out[j * G.out_c + oc + o] = requantize_s16<Q>(acc[j][o], mult[oc + o]);
  };
  for (int oc = 0; oc < blocks_end; oc += NO) block.template operator()<NO>(oc);
  if constexpr (G.out_c % NO != 0) block.template operator()<G.out_c % NO>(blocks_end);
}

}  // namespace detail

/// Bytes of scratch conv2d_s16 needs for geometry `G`: two int16 patches (none for direct 1x1).
template <window_geometry G>
consteval std::size_t conv2d_s16_scratch_bytes() {
  if constexpr (detail::s16_direct<G>())
    return 0;
  else
    return 2 * static_cast<std::size_t>(wide_row(G.k_h * G.k_w * G.in_c)) * sizeof(std::int16_t);
}

/// int16x8 convolution, weights OHWI in pair order (pair_order_weights). Bit-identical to
/// reference::conv2d_s16 on the imported weights. `scratch`: conv2d_s16_scratch_bytes<G>() bytes,
/// 4-byte aligned.
template <window_geometry G, requant_constants Q>
void conv2d_s16(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                const multiplier* mult, std::int16_t* out, std::byte* scratch) noexcept {
  static_assert(conv2d_s16_fits<G>(), "arm_dsp::conv2d_s16: receptive field too large for the patch");
  if constexpr (detail::s16_direct<G>()) {
    // Two pixels of a row at a time (their inputs stride_w * in_c apart), as the patch kernel does.
    constexpr int pairs_end = G.out_w & ~1;
    for (int oy = 0; oy < G.out_h; ++oy) {
      const std::int16_t* x = in + oy * G.stride_h * G.in_w * G.in_c;
      std::int16_t* o = out + oy * G.out_w * G.out_c;
      for (int ox = 0; ox < pairs_end; ox += 2)
        detail::conv_s16_pixels<G, Q, 2, 2, G.stride_w * G.in_c>(x + ox * G.stride_w * G.in_c, weights, bias,
                                                                 mult, o + ox * G.out_c);
      if constexpr (G.out_w % 2 != 0)
        detail::conv_s16_pixels<G, Q, 1, 4, 0>(x + (G.out_w - 1) * G.stride_w * G.in_c, weights, bias, mult,
                                               o + (G.out_w - 1) * G.out_c);
    }
  } else {
    constexpr int pixels = G.out_h * G.out_w;
    constexpr int kpad = wide_row(G.k_h * G.k_w * G.in_c);  // even: both patches word-aligned
    auto* patch = reinterpret_cast<std::int16_t*>(scratch);
    constexpr int pairs_end = pixels & ~1;
    for (int px = 0; px < pairs_end; px += 2) {
      detail::fill_patch_s16<G>(in, px / G.out_w, px % G.out_w, patch);
      detail::fill_patch_s16<G>(in, (px + 1) / G.out_w, (px + 1) % G.out_w, patch + kpad);
      detail::conv_s16_pixels<G, Q, 2, 2, kpad>(patch, weights, bias, mult, out + px * G.out_c);
    }
    if constexpr (pixels % 2 != 0) {
      constexpr int px = pixels - 1;
      detail::fill_patch_s16<G>(in, px / G.out_w, px % G.out_w, patch);
      detail::conv_s16_pixels<G, Q, 1, 4, 0>(patch, weights, bias, mult, out + px * G.out_c);
    }
  }
}

}  // namespace ctml::kernels::arm_dsp

namespace ctml::kernels {

/// int16x8 conv2d with the DSP extension for receptive fields of up to 2048 elements: the weights
/// re-ordered at compile time (same size; up to max_prepared_weights), patches in the arena scratch.
template <window_geometry G, requant_constants Q>
requires(arm_dsp::conv2d_s16_fits<G>() &&
         static_cast<std::size_t>(G.out_c) * static_cast<std::size_t>(G.k_h * G.k_w * G.in_c) <=
             max_prepared_weights) struct conv2d_s16_kernel<G, Q, arch::arm_dsp> {
  static constexpr weight_layout layout = weight_layout::pair_order;
  static constexpr std::size_t scratch_bytes = arm_dsp::conv2d_s16_scratch_bytes<G>();
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& ohwi) {
    return arm_dsp::pair_order_weights(ohwi, G.out_c, G.k_h * G.k_w * G.in_c);
  }
  static void run(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                  const multiplier* mult, std::int16_t* out, std::byte* scratch) noexcept {
    arm_dsp::conv2d_s16<G, Q>(in, weights, bias, mult, out, scratch);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP

#pragma once
// int8 convolution for Armv6-M (Cortex-M0, M0+): every output pixel is a dense layer over its
// receptive field, so it runs the Armv6-M dense kernel (armv6m/dense.hpp) per pixel, with the
// same compile-time interleaved weights (OHWI rows, rounded up to whole blocks of 8 with zeros):
// - a 1x1 window without padding over a multiple of 8 channels reads the input pixel in place;
// - any other window is first gathered into the arena scratch (im2col, one patch per pixel), its
//   taps in the padding filled with the input zero point, so that (x + input_offset) is 0 there and
//   the input offset folded into the per-channel constant at compile time stays exact everywhere.

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/armv6m/dense.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/kernels/reference/conv2d.hpp>

namespace ctml::kernels::armv6m {

/// Whether geometry G reads each output pixel's input in place (1x1, no padding, whole blocks).
template <window_geometry G>
constexpr bool conv2d_in_place() {
  return G.k_h == 1 && G.k_w == 1 && !touches_padding(G) && dense_fits(G.in_c);
}

/// The receptive field of geometry G (taps x input channels), and rounded up to whole blocks of 8.
template <window_geometry G>
inline constexpr int conv2d_patch = G.k_h* G.k_w* G.in_c;
template <window_geometry G>
inline constexpr int conv2d_patch_stride = (conv2d_patch<G> + dense_step - 1) / dense_step* dense_step;

/// Bytes of arena scratch the gathered patch takes (0 in place).
template <window_geometry G>
constexpr std::size_t conv2d_scratch_bytes() {
  return conv2d_in_place<G>() ? 0 : static_cast<std::size_t>(conv2d_patch_stride<G>);
}

#if CTML_ARCH_ARMV6M

/// Gathers the receptive field of output position `p` into `patch` (word-aligned, the OHWI order
/// of the weights): taps in the padding get the input zero point, the block padding zeros.
template <window_geometry G, requant_constants Q>
CTML_FORCE_INLINE void gather_patch(const std::int8_t* in, const window_position& p,
                                    std::int8_t* patch) noexcept {
  const auto zp = static_cast<std::int8_t>(-Q.input_offset);
  std::int8_t* d = patch;
  for (int fy = 0; fy < G.k_h; ++fy) {
    const bool row_in = fy >= p.ty.begin && fy < p.ty.end;
    for (int fx = 0; fx < G.k_w; ++fx) {
      if (row_in && fx >= p.tx.begin && fx < p.tx.end) {
        const std::int8_t* s = in + ((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c;
        if constexpr (G.in_c % 4 == 0) {  // whole words: the input pixel and the patch slot are aligned
          using word [[gnu::may_alias]] = std::uint32_t;
          for (int c = 0; c < G.in_c; c += 4)
            *reinterpret_cast<word*>(d + c) = *reinterpret_cast<const word*>(s + c);
        } else {
          for (int c = 0; c < G.in_c; ++c) d[c] = s[c];
        }
      } else {
        for (int c = 0; c < G.in_c; ++c) d[c] = zp;
      }
      d += G.in_c;
    }
  }
  for (int c = conv2d_patch<G>; c < conv2d_patch_stride<G>; ++c) patch[c] = 0;
}

#endif  // CTML_ARCH_ARMV6M

}  // namespace ctml::kernels::armv6m

#if CTML_ARCH_ARMV6M

namespace ctml::kernels {

/// conv2d on Armv6-M: every geometry (1x1 in place, the others through a gathered patch).
/// Usage (as every conv2d_s8_kernel): `K::run(in, K::prepare(ohwi).data(), bias, mult, out, scratch);`
/// Layers of more than max_prepared_weights take the portable kernel (weights as imported).
template <window_geometry G, requant_constants Q>
requires(static_cast<std::size_t>(G.out_c) * static_cast<std::size_t>(armv6m::conv2d_patch<G>) <=
         max_prepared_weights) struct conv2d_s8_kernel<G, Q, arch::armv6m> {
  static constexpr weight_layout layout = weight_layout::armv6m_interleaved;
  static constexpr std::size_t scratch_bytes = armv6m::conv2d_scratch_bytes<G>();
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& ohwi) {
    return armv6m::interleave_dense_weights<G.out_c, armv6m::conv2d_patch_stride<G>, armv6m::conv2d_patch<G>>(
        ohwi, Q.input_offset);
  }
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* scratch) noexcept {
    constexpr int k = armv6m::conv2d_patch_stride<G>;
    if constexpr (armv6m::conv2d_in_place<G>()) {
      for (int oy = 0; oy < G.out_h; ++oy)
        for (int ox = 0; ox < G.out_w; ++ox)
          armv6m::dense_s8<G.out_c, k, true, Q>(in + (oy * G.stride_h * G.in_w + ox * G.stride_w) * G.in_c,
                                                weights, bias, mult, out + (oy * G.out_w + ox) * G.out_c);
    } else {
      auto* patch = reinterpret_cast<std::int8_t*>(scratch);
      for_each_window<G>([&](const window_position& p) {
        armv6m::gather_patch<G, Q>(in, p, patch);
        armv6m::dense_s8<G.out_c, k, true, Q>(patch, weights, bias, mult,
                                              out + p.out_index<G.out_w, G.out_c>());
      });
    }
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARMV6M

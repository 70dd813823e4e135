#pragma once
// int8 1x1 convolution for Armv6-M (Cortex-M0, M0+): every output pixel is a dense layer over the
// input pixel's channels, so it runs the Armv6-M dense kernel (armv6m/dense.hpp) per pixel with the
// same compile-time interleaved weights. Other convolutions take the portable kernel.

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

/// Whether the Armv6-M kernel takes convolution geometry G: a 1x1 window without padding whose
/// input channels fill whole blocks of the dense kernel.
template <window_geometry G>
constexpr bool conv2d_fits() {
  return G.k_h == 1 && G.k_w == 1 && G.pad_top == 0 && G.pad_left == 0 && dense_fits(G.in_c) &&
         (G.out_h - 1) * G.stride_h < G.in_h && (G.out_w - 1) * G.stride_w < G.in_w;
}

}  // namespace ctml::kernels::armv6m

#if CTML_ARCH_ARMV6M

namespace ctml::kernels {

/// 1x1 conv2d on Armv6-M (conv2d_fits; others take the portable kernel).
template <window_geometry G, requant_constants Q>
requires(armv6m::conv2d_fits<G>()) struct conv2d_s8_kernel<G, Q, arch::armv6m> {
  static constexpr weight_layout layout = weight_layout::armv6m_interleaved;
  static constexpr std::size_t scratch_bytes = 0;
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& ohwi) {
    return armv6m::interleave_dense_weights<G.out_c, G.in_c>(ohwi, Q.input_offset);
  }
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    for (int oy = 0; oy < G.out_h; ++oy)
      for (int ox = 0; ox < G.out_w; ++ox)
        armv6m::dense_s8<G.out_c, G.in_c, true, Q>(in + (oy * G.stride_h * G.in_w + ox * G.stride_w) * G.in_c,
                                                   weights, bias, mult, out + (oy * G.out_w + ox) * G.out_c);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARMV6M

#pragma once
// int16x8 (TFLite's 16x8) convolution with Helium (MVE): per output pixel the receptive field is
// read directly (1x1 without padding) or copied into an int16 patch in arena scratch (zeros for
// padding taps; arm_dsp::detail::fill_patch_s16), then four output channels per pass of 64-bit
// VMLALDAVA dot products over it (dense_s16.hpp). Weights as imported (OHWI).

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_dsp/conv2d_s16.hpp>
#include <ctml/kernels/arm_dsp/weights.hpp>
#include <ctml/kernels/arm_mve/dense_s16.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/conv2d.hpp>

// Helium implies the DSP extension (Armv8.1-M), whose patch copy this kernel shares.
#if CTML_ARCH_ARM_MVE && CTML_ARCH_ARM_DSP

namespace ctml::kernels::arm_mve {

/// Whether conv2d_s16 takes geometry G (as arm_dsp::conv2d_s16_fits: the patch in scratch).
template <window_geometry G>
constexpr bool conv2d_s16_fits() {
  return arm_dsp::conv2d_s16_fits<G>();
}

/// Bytes of scratch conv2d_s16 needs for geometry `G`: one int16 patch (none for direct 1x1).
template <window_geometry G>
consteval std::size_t conv2d_s16_scratch_bytes() {
  if constexpr (arm_dsp::detail::s16_direct<G>())
    return 0;
  else
    return static_cast<std::size_t>(arm_dsp::wide_row(G.k_h * G.k_w * G.in_c)) * sizeof(std::int16_t);
}

/// int16x8 convolution, weights OHWI as imported. Bit-identical to reference::conv2d_s16.
template <window_geometry G, requant_constants Q>
void conv2d_s16(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                const multiplier* mult, std::int16_t* out, std::byte* scratch) noexcept {
  constexpr int k = G.k_h * G.k_w * G.in_c;
  auto* patch = reinterpret_cast<std::int16_t*>(scratch);
  for (int oy = 0; oy < G.out_h; ++oy) {
    for (int ox = 0; ox < G.out_w; ++ox) {
      const std::int16_t* x;
      if constexpr (arm_dsp::detail::s16_direct<G>()) {
        x = in + (oy * G.stride_h * G.in_w + ox * G.stride_w) * G.in_c;
      } else {
        arm_dsp::detail::fill_patch_s16<G>(in, oy, ox, patch);
        x = patch;
      }
      detail::s16_all_rows<G.out_c, k, true, Q>(x, weights, bias, mult, out + (oy * G.out_w + ox) * G.out_c);
    }
  }
}

}  // namespace ctml::kernels::arm_mve

namespace ctml::kernels {

/// int16x8 conv2d with Helium for receptive fields of up to 2048 elements.
template <window_geometry G, requant_constants Q>
requires(arm_mve::conv2d_s16_fits<G>()) struct conv2d_s16_kernel<G, Q, arch::arm_mve> {
  static constexpr weight_layout layout = weight_layout::as_imported;
  static constexpr std::size_t scratch_bytes = arm_mve::conv2d_s16_scratch_bytes<G>();
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& ohwi) {
    return ohwi;
  }
  static void run(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                  const multiplier* mult, std::int16_t* out, std::byte* scratch) noexcept {
    arm_mve::conv2d_s16<G, Q>(in, weights, bias, mult, out, scratch);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE && CTML_ARCH_ARM_DSP

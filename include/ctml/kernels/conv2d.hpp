#pragma once
// Kernel selection for conv2d: the layer calls these; each picks, at compile time, the fastest
// kernel for the target (kernels/arm_dsp, kernels/arm_mve when present) and falls back to the
// portable kernels in kernels/reference, which are the bit-exact oracle for every other path.
// CTML_FORCE_GENERIC (core/arch.hpp) forces the portable kernels.

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_dsp/weights.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/conv2d.hpp>
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
#include <ctml/kernels/arm_dsp/conv2d.hpp>
#endif
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
#include <ctml/kernels/arm_mve/conv2d.hpp>
#define CTML_KERNELS_MVE_CONV 1
#endif

namespace ctml::kernels {

/// Weight layouts a convolution kernel may ask the layer for (the layer re-lays TFLite's OHWI
/// weights at compile time).
/// ohwi_s16: OHWI widened to int16 in SMLAD order (arm_dsp/weights.hpp), stored as bytes.
enum class conv_layout { ohwi, hwio, ohwi_s16 };

/// The layout the selected int8 kernel wants for geometry `G`.
template <window_geometry G>
consteval conv_layout conv2d_s8_layout() {
  // The Helium kernel and the DSP-extension kernel take TFLite's OHWI as is (dot products over
  // contiguous taps); the latter may ask for int16-widened weights.
#if defined(CTML_KERNELS_MVE_CONV)
  if constexpr (target_arch == arch::arm_mve && arm_mve::conv2d_fits<G>()) return conv_layout::ohwi;
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
  if constexpr (arm_dsp::enabled && arm_dsp::conv2d_fits<G>())
    return arm_dsp::conv2d_wide_weights<G>() ? conv_layout::ohwi_s16 : conv_layout::ohwi;
#endif
  return reference::prefers_hwio(G.in_c, G.k_h * G.k_w) ? conv_layout::hwio : conv_layout::ohwi;
}

/// TFLite's OHWI int8 weights re-laid at compile time for layouts other than ohwi and hwio.
template <window_geometry G, std::size_t N>
constexpr auto conv2d_s8_widen(const std::array<std::int8_t, N>& ohwi) {
  return arm_dsp::widen_weights<G>(ohwi);
}

/// Bytes of scratch the selected int8 kernel needs (planned in the model's arena by the layer).
template <window_geometry G>
consteval std::size_t conv2d_s8_scratch_bytes() {
#if defined(CTML_KERNELS_MVE_CONV)
  if constexpr (target_arch == arch::arm_mve && arm_mve::conv2d_fits<G>())
    return arm_mve::conv2d_scratch_bytes<G>();
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
  if constexpr (arm_dsp::enabled && arm_dsp::conv2d_fits<G>()) return arm_dsp::conv2d_scratch_bytes<G>();
#endif
  return 0;
}

/// int8 convolution; `weights` are in `conv2d_s8_layout<G>()`, `scratch` holds
/// `conv2d_s8_scratch_bytes<G>()` bytes (4-byte aligned).
template <window_geometry G, requant_constants Q>
inline void conv2d_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                      const multiplier* mult, std::int8_t* out,
                      [[maybe_unused]] std::byte* scratch) noexcept {
#if defined(CTML_KERNELS_MVE_CONV)
  if constexpr (target_arch == arch::arm_mve && arm_mve::conv2d_fits<G>()) {
    arm_mve::conv2d_s8<G, Q>(in, weights, bias, mult, out, scratch);
    return;
  }
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
  if constexpr (arm_dsp::enabled && arm_dsp::conv2d_fits<G>()) {
    arm_dsp::conv2d_s8<G, Q>(in, weights, bias, mult, out, scratch);
    return;
  }
#endif
  if constexpr (conv2d_s8_layout<G>() == conv_layout::hwio)
    reference::conv2d_s8<G, Q>(in, weights, bias, mult, out);
  else
    reference::conv2d_s8_ohwi<G, Q>(in, weights, bias, mult, out);
}

/// float convolution; weights HWIO.
template <window_geometry G>
inline void conv2d_f32(const float* in, const float* weights_hwio, const float* bias, float act_min,
                       float act_max, float* out) noexcept {
  reference::conv2d_f32<G>(in, weights_hwio, bias, act_min, act_max, out);
}

}  // namespace ctml::kernels

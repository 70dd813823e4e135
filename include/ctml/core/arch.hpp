#pragma once
// Compile-time target detection. Kernels pick a specialised path with `if constexpr`.

namespace ctml {

/// Instruction-set families a kernel can specialise for.
enum class arch {
  generic,  ///< portable C++, the bit-exact oracle for every other path
  arm_dsp,  ///< Armv7E-M / Armv8-M Main DSP extension (SMLAD, SXTB16): Cortex-M4, M7, M33
  arm_mve,  ///< Helium / M-Profile Vector Extension: Cortex-M55, M85
};

// CTML_FORCE_GENERIC makes every kernel take the portable path (for A/B tests and debugging).
#if defined(CTML_FORCE_GENERIC)
inline constexpr arch target_arch = arch::generic;
#elif defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
inline constexpr arch target_arch = arch::arm_mve;
#elif defined(__ARM_FEATURE_DSP)
inline constexpr arch target_arch = arch::arm_dsp;
#else
inline constexpr arch target_arch = arch::generic;
#endif

/// True when compiling for a bare-metal Arm M-profile core.
#if defined(__ARM_ARCH_PROFILE) && (__ARM_ARCH_PROFILE == 'M')
inline constexpr bool is_cortex_m = true;
#else
inline constexpr bool is_cortex_m = false;
#endif

}  // namespace ctml

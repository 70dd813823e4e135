#pragma once
// The target's capabilities, derived once. This header is the only one that reads the compiler's
// feature macros (__ARM_FEATURE_DSP, __ARM_FEATURE_MVE, ...) and CTML_FORCE_GENERIC; everything
// else asks it:
// - code chooses with `ctml::target_arch` / `ctml::target_features` (constexpr), and each NN op
//   through its kernel type (kernels/<op>.hpp, docs/kernels.md);
// - headers whose code cannot even be compiled elsewhere (intrinsics, inline assembly) are wrapped
//   in `#if CTML_ARCH_<ISA>`: 1 when the compiler targets that instruction set, 0 otherwise.
//   These say what the compiler *can* emit; what runs is `target_arch`, which CTML_FORCE_GENERIC
//   sets to arch::generic.

// clang-format off
#if defined(__ARM_FEATURE_DSP)
#define CTML_ARCH_ARM_DSP 1        // DSP extension: SMLAD, SXTB16, ... (Cortex-M4, M7, M33, M55)
#else
#define CTML_ARCH_ARM_DSP 0
#endif
#if defined(__ARM_FEATURE_SAT)
#define CTML_ARCH_ARM_SAT 1        // SSAT / USAT (Armv7-M and later)
#else
#define CTML_ARCH_ARM_SAT 0
#endif
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#define CTML_ARCH_ARM_MVE 1        // integer Helium (Cortex-M55, M85)
#else
#define CTML_ARCH_ARM_MVE 0
#endif
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 2)
#define CTML_ARCH_ARM_MVE_FLOAT 1  // floating-point Helium (M55/M85 with an FPU)
#else
#define CTML_ARCH_ARM_MVE_FLOAT 0
#endif
#if defined(__ARM_ARCH_6M__)
#define CTML_ARCH_ARMV6M 1         // Armv6-M, Thumb-1 only: Cortex-M0, M0+, M1
#else
#define CTML_ARCH_ARMV6M 0
#endif
#if defined(__arm__) && defined(__ARM_FP) && (__ARM_FP & 4)
#define CTML_ARCH_ARM_FP32 1       // single-precision FPU (VSQRT, VFMA)
#else
#define CTML_ARCH_ARM_FP32 0
#endif
// clang-format on

namespace ctml {

/// Instruction-set families a kernel can specialise for.
enum class arch {
  generic,  ///< portable C++, the bit-exact oracle for every other path
  arm_dsp,  ///< Armv7E-M / Armv8-M Main DSP extension (SMLAD, SXTB16): Cortex-M4, M7, M33
  arm_mve,  ///< Helium / M-Profile Vector Extension: Cortex-M55, M85
  armv6m,   ///< Armv6-M (Cortex-M0, M0+): Thumb-1, 8 low registers, MULS, no long multiply, no DSP
};

/// The family whose kernels a core of family `a` runs where `a` has none: Helium cores have the
/// DSP extension too; every family ends at generic. Kernel types walk this chain (docs/kernels.md).
/// Usage: `static_assert(ctml::fallback_of(ctml::arch::arm_mve) == ctml::arch::arm_dsp);`
constexpr arch fallback_of(arch a) noexcept {
  return a == arch::arm_mve ? arch::arm_dsp : arch::generic;
}

/// Features the library may use on this target: what the compiler targets, all off under
/// CTML_FORCE_GENERIC (which makes every kernel and DSP block take its portable path, for A/B
/// tests and debugging). Usage: `if constexpr (ctml::target_features.mve_float) { ... }`
struct arch_features {
  bool dsp, saturate, mve, mve_float, fp32;
  bool armv6m = false;  ///< Thumb-1 only (Armv6-M)
};
#if defined(CTML_FORCE_GENERIC)
inline constexpr arch_features target_features{};
#else
inline constexpr arch_features target_features{CTML_ARCH_ARM_DSP != 0,  CTML_ARCH_ARM_SAT != 0,
                                               CTML_ARCH_ARM_MVE != 0,  CTML_ARCH_ARM_MVE_FLOAT != 0,
                                               CTML_ARCH_ARM_FP32 != 0, CTML_ARCH_ARMV6M != 0};
#endif

/// The family whose kernels this translation unit selects first.
inline constexpr arch target_arch = target_features.mve      ? arch::arm_mve
                                    : target_features.dsp    ? arch::arm_dsp
                                    : target_features.armv6m ? arch::armv6m
                                                             : arch::generic;

/// True on 32-bit Arm (M- or A-profile): the portable kernels size their stack buffers and pick
/// their loops for it (kernels/reference).
#if defined(__arm__)
inline constexpr bool is_arm32 = true;
#else
inline constexpr bool is_arm32 = false;
#endif

/// True when compiling for a bare-metal Arm M-profile core.
#if defined(__ARM_ARCH_PROFILE) && (__ARM_ARCH_PROFILE == 'M')
inline constexpr bool is_cortex_m = true;
#else
inline constexpr bool is_cortex_m = false;
#endif

}  // namespace ctml

#pragma once
// How a DSP primitive chooses its code by architecture. Each primitive with an accelerated path
// (float FFT, Q15 FFT, rms, sums of squares, square roots, window product, spectrum, log, DCT, finite
// check) is one class template `detail::<primitive>_impl<arch A>`:
//   template <arch A> struct X_impl : X_impl<detail::fallback_of(A)> {};  // no code: fall back
//   template <> struct X_impl<arch::generic> { ... };  // dsp/reference/: the oracle
//   template <> struct X_impl<arch::arm_mve> { ... };  // dsp/arm_mve/ (and so on)
// The algorithms (dsp/*.hpp) call `detail::X_impl<target_arch>` and never test the target; they
// include dsp/select.hpp, which includes every folder's specialisations. Each folder header is empty
// unless the compiler can build it: its one guard line tests a CTML_ARCH_* macro below. A
// specialisation whose code is not constexpr (intrinsics, inline assembly) runs
// `X_impl<arch::generic>` during constant evaluation. docs/dsp.md § Architecture-specific paths
// lists the steps for a new instruction set.

#include <ctml/core/arch.hpp>

// What the compiler can emit (what runs is target_arch's choice), each defined once; core/arch.hpp
// may define them first.
// clang-format off
#ifndef CTML_ARCH_ARM_DSP
#if defined(__ARM_FEATURE_DSP)
#define CTML_ARCH_ARM_DSP 1        // DSP extension: SMLAD, SHADD16, QADD, SSAT (Cortex-M4, M7, M33, M55)
#else
#define CTML_ARCH_ARM_DSP 0
#endif
#endif
#ifndef CTML_ARCH_ARM_MVE
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#define CTML_ARCH_ARM_MVE 1        // integer Helium (Cortex-M55, M85)
#else
#define CTML_ARCH_ARM_MVE 0
#endif
#endif
#ifndef CTML_ARCH_ARM_MVE_FLOAT
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 2)
#define CTML_ARCH_ARM_MVE_FLOAT 1  // floating-point Helium (M55/M85 with an FPU)
#else
#define CTML_ARCH_ARM_MVE_FLOAT 0
#endif
#endif
#ifndef CTML_ARCH_ARM_FP32
#if defined(__arm__) && defined(__ARM_FP) && (__ARM_FP & 4)
#define CTML_ARCH_ARM_FP32 1       // single-precision FPU (VSQRT.F32)
#else
#define CTML_ARCH_ARM_FP32 0
#endif
#endif
// clang-format on

namespace ctml::dsp::detail {

/// The architecture whose code a primitive runs when `a` has no specialisation of its own: Helium
/// cores have the DSP extension too, and every chain ends at the portable code. Called qualified
/// (`detail::fallback_of`), so that a namespace-ctml function of the same name found by argument-
/// dependent lookup cannot make the call ambiguous.
/// Usage: `static_assert(ctml::dsp::detail::fallback_of(ctml::arch::arm_mve) == ctml::arch::arm_dsp);`
constexpr arch fallback_of(arch a) {
  return a == arch::arm_mve ? arch::arm_dsp : arch::generic;
}

}  // namespace ctml::dsp::detail

#pragma once
// How a DSP primitive chooses its code by architecture. Each primitive with an accelerated path
// (float FFT, Q15 FFT, rms, sums of squares, square roots, window product, spectrum, log, DCT, finite
// check) is one class template `detail::<primitive>_impl<arch A>`:
//   template <arch A> struct X_impl : X_impl<ctml::fallback_of(A)> {};  // no code: fall back
//   template <> struct X_impl<arch::generic> { ... };  // dsp/reference/: the oracle
//   template <> struct X_impl<arch::arm_mve> { ... };  // dsp/arm_mve/ (and so on)
// The algorithms (dsp/*.hpp) call `detail::X_impl<target_arch>` and never test the target; they
// include dsp/select.hpp, which includes every folder's specialisations. Each folder header is empty
// unless the compiler can build it: its one guard line tests a CTML_ARCH_* macro of core/arch.hpp. A
// specialisation whose code is not constexpr (intrinsics, inline assembly) runs
// `X_impl<arch::generic>` during constant evaluation. docs/dsp.md § Architecture-specific paths
// lists the steps for a new instruction set.

#include <ctml/core/arch.hpp>

// The CTML_ARCH_* macros the folder headers' guard lines test, target_arch and ctml::fallback_of
// (the chain arm_mve -> arm_dsp -> generic) come from core/arch.hpp, shared with the NN kernels.

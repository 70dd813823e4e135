#pragma once
// The power or magnitude of rfft bins (the MFCC's spectrum step): the customization point
// detail::spectrum_impl<arch> (dsp/arch.hpp) and its portable code.

#include <cstddef>

#include <ctml/dsp/arch.hpp>
#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/reference/sqrt.hpp>

namespace ctml::dsp::detail {

/// out[k] = |z[k]|^2, or |z[k]| when Magnitude, for k < N, by architecture.
/// Usage: `detail::spectrum_impl<target_arch>::run<257, true>(z, out);`
template <arch A>
struct spectrum_impl : spectrum_impl<ctml::fallback_of(A)> {};

template <>
struct spectrum_impl<arch::generic> {
  // The square root is Sqrt's (by default the target's: VSQRT without errno branch on Arm FPUs).
  template <std::size_t N, bool Magnitude, arch Sqrt = target_arch>
  static void run(const complex_f32* z, float* out) {
    for (std::size_t k = 0; k < N; ++k) {
      const float p = z[k].re * z[k].re + z[k].im * z[k].im;
      out[k] = Magnitude ? sqrt_impl<Sqrt>::nonnegative(p) : p;
    }
  }
};

}  // namespace ctml::dsp::detail

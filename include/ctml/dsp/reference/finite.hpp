#pragma once
// Whether a block of samples is all finite (the KWS front end's NaN/Inf check): the customization
// point detail::finite_impl<arch> (dsp/arch.hpp) and its portable code.

#include <cmath>
#include <cstddef>

#include <ctml/dsp/arch.hpp>

namespace ctml::dsp::detail {

/// True when no x[i], i < N, is infinite or NaN, by architecture.
/// Usage: `if (!detail::finite_impl<target_arch>::run<480>(frame)) ...`
template <arch A>
struct finite_impl : finite_impl<ctml::fallback_of(A)> {};

template <>
struct finite_impl<arch::generic> {
  template <std::size_t N>
  static bool run(const float* x) {
    for (std::size_t i = 0; i < N; ++i)
      if (!std::isfinite(x[i])) return false;
    return true;
  }
};

}  // namespace ctml::dsp::detail

#pragma once
// log(x + offset) in place (the MFCC's log-mel step): the customization point detail::log_impl<arch>
// (dsp/arch.hpp) and its portable code.

#include <cmath>
#include <cstddef>

#include <ctml/dsp/arch.hpp>

namespace ctml::dsp::detail {

/// x[i] = log(x[i] + offset) for i < N, by architecture. Usage: `detail::log_impl<target_arch>::run<40>(x,
/// 1e-6f);`
template <arch A>
struct log_impl : log_impl<ctml::fallback_of(A)> {};

template <>
struct log_impl<arch::generic> {
  template <std::size_t N>
  static void run(float* x, float offset) {
    for (std::size_t i = 0; i < N; ++i) x[i] = std::log(x[i] + offset);
  }
};

}  // namespace ctml::dsp::detail

#pragma once
// Window application (out[n] = in[n] * w[n], float): the customization point
// detail::window_impl<arch> (dsp/arch.hpp) and its portable code.

#include <cstddef>

#include <ctml/dsp/arch.hpp>

namespace ctml::dsp::detail {

/// out[n] = in[n] * w[n] for n < N (out may be in), by architecture: the products are exact IEEE
/// multiplications, so every path gives the same bits.
/// Usage: `detail::window_impl<target_arch>::run<480>(frame, w, out);`
template <arch A>
struct window_impl : window_impl<ctml::fallback_of(A)> {};

template <>
struct window_impl<arch::generic> {
  template <std::size_t N>
  static constexpr void run(const float* in, const float* w, float* out) {
    for (std::size_t n = 0; n < N; ++n) out[n] = in[n] * w[n];
  }
};

}  // namespace ctml::dsp::detail

#pragma once
// The DCT's table-times-vector product: the customization point detail::dct_impl<arch>
// (dsp/arch.hpp) and its portable code.

#include <cstddef>

#include <ctml/dsp/arch.hpp>

namespace ctml::dsp::detail {

/// y[k] = sum_n table[k N + n] x[n] for k < K, by architecture.
/// Usage: `detail::dct_impl<target_arch>::run<40, 10>(table, x, y);`
template <arch A>
struct dct_impl : dct_impl<ctml::fallback_of(A)> {};

template <>
struct dct_impl<arch::generic> {
  template <std::size_t N, std::size_t K>
  static constexpr void run(const float* table, const float* x, float* y) {
    for (std::size_t k = 0; k < K; ++k) {
      const float* row = table + k * N;
      float acc = 0.0f;
      for (std::size_t n = 0; n < N; ++n) acc += row[n] * x[n];
      y[k] = acc;
    }
  }
};

}  // namespace ctml::dsp::detail

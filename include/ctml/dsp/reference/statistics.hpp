#pragma once
// The statistics primitives with architecture-specific paths, and their portable code: the
// customization points detail::rms_impl<arch> (float RMS of a non-empty span) and
// detail::sum_squares_q15_impl<arch> (the exact 64-bit sum of the Q15 squares, Q30), dsp/arch.hpp.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

#include <ctml/dsp/arch.hpp>

namespace ctml::dsp::detail {

// Sum with four partial accumulators: shorter dependency chains and a smaller rounding error than one
// running sum.
template <typename F>
constexpr float sum4(std::span<const float> x, F f) {
  const float* p = x.data();
  const std::size_t n = x.size();
  const std::size_t n4 = n - n % 4;
  float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (std::size_t i = 0; i < n4; i += 4) {
    s0 += f(p[i]);
    s1 += f(p[i + 1]);
    s2 += f(p[i + 2]);
    s3 += f(p[i + 3]);
  }
  for (std::size_t i = n4; i < n; ++i) s0 += f(p[i]);
  return (s0 + s1) + (s2 + s3);
}

/// sqrt(mean(x^2)) of a non-empty span, by architecture. Usage: `detail::rms_impl<target_arch>::run(x)`
template <arch A>
struct rms_impl : rms_impl<ctml::fallback_of(A)> {};

template <>
struct rms_impl<arch::generic> {
  static float run(std::span<const float> x) {
    return std::sqrt(sum4(x, [](float v) { return v * v; }) / static_cast<float>(x.size()));
  }
};

/// sum(x^2) of Q15 samples, exact (Q30 in 64 bits), by architecture.
/// Usage: `std::uint64_t s = detail::sum_squares_q15_impl<target_arch>::run(x);`
template <arch A>
struct sum_squares_q15_impl : sum_squares_q15_impl<ctml::fallback_of(A)> {};

template <>
struct sum_squares_q15_impl<arch::generic> {
  static constexpr std::uint64_t run(std::span<const std::int16_t> x) {
    std::uint64_t s = 0;
    for (std::int16_t v : x) s += static_cast<std::uint64_t>(static_cast<std::int32_t>(v) * v);  // Q30
    return s;
  }
};

}  // namespace ctml::dsp::detail

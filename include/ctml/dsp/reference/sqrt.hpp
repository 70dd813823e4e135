#pragma once
// The square roots of the DSP blocks: the customization point detail::sqrt_impl<arch> (dsp/arch.hpp)
// and its portable code. nonnegative(x): sqrt of a sum of squares (x >= 0 or NaN), as std::sqrt;
// q30_to_q15(m): round(sqrt(m)) for m in Q30 (m <= 2^30), saturated to 32767, exactly.

#include <cmath>
#include <cstdint>

#include <ctml/dsp/arch.hpp>

namespace ctml::dsp::detail {

/// Square roots by architecture. Usage: `detail::sqrt_impl<target_arch>::nonnegative(re * re + im * im)`
template <arch A>
struct sqrt_impl : sqrt_impl<ctml::fallback_of(A)> {};

template <>
struct sqrt_impl<arch::generic> {
  static float nonnegative(float x) { return std::sqrt(x); }

  // A bitwise restoring square root, then rounding to nearest.
  static constexpr std::int16_t q30_to_q15(std::uint64_t m) {
    std::uint64_t r = 0, rem = m;
    for (std::uint64_t bit = std::uint64_t{1} << 30; bit != 0; bit >>= 2) {
      if (rem >= r + bit) {
        rem -= r + bit;
        r = (r >> 1) + bit;
      } else {
        r >>= 1;
      }
    }
    if (m - r * r > r) ++r;  // round to nearest: (r + 1/2)^2 = r^2 + r + 1/4
    return static_cast<std::int16_t>(r > 32767 ? 32767 : r);
  }
};

}  // namespace ctml::dsp::detail

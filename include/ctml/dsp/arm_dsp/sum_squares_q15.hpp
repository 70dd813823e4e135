#pragma once
// The exact sum of Q15 squares with the Arm DSP extension: the specialisation
// detail::sum_squares_q15_impl<arch::arm_dsp>. Empty unless the compiler targets the DSP extension.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_DSP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>

#include <arm_acle.h>

#include <ctml/dsp/reference/statistics.hpp>

namespace ctml::dsp::detail {

template <>
struct sum_squares_q15_impl<arch::arm_dsp> {
  static constexpr std::uint64_t run(std::span<const std::int16_t> x) {
    if (std::is_constant_evaluated()) return sum_squares_q15_impl<arch::generic>::run(x);
    // SMLALD: two 16x16 products summed into 64 bits per instruction; the sum is exact, so the
    // result is the generic loop's bit for bit.
    std::int64_t acc = 0;
    std::size_t i = 0;
    const std::size_t n2 = x.size() - x.size() % 2;
#pragma GCC unroll 4
    for (; i < n2; i += 2) {
      int16x2_t pair;
      std::memcpy(&pair, x.data() + i, sizeof pair);
      acc = __smlald(pair, pair, acc);
    }
    if (n2 < x.size()) acc += static_cast<std::int32_t>(x[n2]) * x[n2];
    return static_cast<std::uint64_t>(acc);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_DSP

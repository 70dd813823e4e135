#pragma once
// Square roots on Arm cores with a single-precision FPU (VSQRT.F32): the specialisation
// detail::sqrt_impl<arch::arm_dsp>, which Helium cores inherit (dsp/arch.hpp). Empty unless the
// compiler targets such an FPU.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_FP32

#include <cstdint>
#include <type_traits>

#include <ctml/dsp/reference/sqrt.hpp>

namespace ctml::dsp::detail {

template <>
struct sqrt_impl<arch::arm_dsp> {
  // std::sqrt's result without its errno branch (GCC otherwise follows each VSQRT with a compare
  // and a call to sqrtf for x < 0).
  static float nonnegative(float x) {
    float r;
    asm("vsqrt.f32 %0, %1" : "=t"(r) : "t"(x));
    return r;
  }

  static constexpr std::int16_t q30_to_q15(std::uint64_t m) {
    if (std::is_constant_evaluated()) return sqrt_impl<arch::generic>::q30_to_q15(m);
    // One VSQRT.F32 gives floor(sqrt(m)) within 1 (float's relative error 2^-24); the integer
    // corrections make it exact, so the result is the bitwise loop's on every core.
    auto r = static_cast<std::uint32_t>(__builtin_sqrtf(static_cast<float>(static_cast<std::uint32_t>(m))));
    if (std::uint64_t{r} * r > m) --r;
    if ((std::uint64_t{r} + 1) * (r + 1) <= m) ++r;
    if (m - std::uint64_t{r} * r > r) ++r;
    return static_cast<std::int16_t>(r > 32767 ? 32767 : r);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_FP32

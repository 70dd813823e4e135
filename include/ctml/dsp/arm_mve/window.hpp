#pragma once
// Helium (floating point) window application, four samples per VMUL: the specialisation
// detail::window_impl<arch::arm_mve>. Empty unless the compiler targets floating-point Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE_FLOAT

#include <cstddef>
#include <type_traits>

#include <arm_mve.h>

#include <ctml/core/config.hpp>
#include <ctml/dsp/reference/window.hpp>

namespace ctml::dsp::detail {

template <>
struct window_impl<arch::arm_mve> {
  template <std::size_t N>
  CTML_FORCE_INLINE static constexpr void run(const float* in, const float* w, float* out) {
    using reference = window_impl<arch::generic>;
    if (std::is_constant_evaluated()) return reference::run<N>(in, w, out);
    constexpr std::size_t n4 = N - N % 4;
    for (std::size_t n = 0; n < n4; n += 4)
      vst1q_f32(out + n, vmulq_f32(vld1q_f32(in + n), vld1q_f32(w + n)));
    reference::run<N - n4>(in + n4, w + n4, out + n4);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE_FLOAT

#pragma once
// Copying bytes with Helium (MVE): 64 bytes per step in four vector loads and stores, the last
// bytes in one tail-predicated vector at a time. newlib's memcpy moves a word per load and store:
// this is about three times fewer instructions for the rows a layer run in place moves
// (layers/in_place.hpp).

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_mve/requantize.hpp>
#include <ctml/kernels/reference/copy.hpp>

#if CTML_ARCH_ARM_MVE

namespace ctml::kernels {

/// copy_kernel with Helium. Overlapping ranges with `dst <= src` are copied correctly (`run_forward`
/// is `run`): every vector is loaded before the store that could reach it.
template <>
struct copy_kernel<arch::arm_mve> : no_scratch {
  static void run_forward(const void* src, void* dst, std::size_t bytes) noexcept { run(src, dst, bytes); }
  static void run(const void* src, void* dst, std::size_t bytes) noexcept {
    const auto* s = static_cast<const std::int8_t*>(src);
    auto* d = static_cast<std::int8_t*>(dst);
    std::size_t n = bytes;
    for (; n >= 64; n -= 64, s += 64, d += 64) {
      const int8x16_t a = vldrbq_s8(s), b = vldrbq_s8(s + 16), c = vldrbq_s8(s + 32), e = vldrbq_s8(s + 48);
      vstrbq_s8(d, a);
      vstrbq_s8(d + 16, b);
      vstrbq_s8(d + 32, c);
      vstrbq_s8(d + 48, e);
    }
    for (; n > 0; n = n > 16 ? n - 16 : 0, s += 16, d += 16) {
      const mve_pred16_t p = vctp8q(static_cast<std::uint32_t>(n));
      vstrbq_p_s8(d, vldrbq_z_s8(s, p), p);
    }
    arm_mve::stored();
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE

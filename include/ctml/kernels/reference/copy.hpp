#pragma once
// Copying bytes: kernels::copy_kernel, what a layer run in place uses to move its computed rows from
// the ring in its scratch to their place over its input (layers/in_place.hpp). The portable kernel
// is std::memcpy (std::memmove for overlapping ranges); Helium copies 16 bytes per vector (arm_mve/copy.hpp).

#include <cstddef>
#include <cstring>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>

namespace ctml::kernels {

/// Copying `bytes` bytes from `src` to `dst` on architecture `A`: the customization point of the
/// copy (kernels/kernel.hpp). `run`: the ranges do not overlap; `run_forward`: they may, if
/// `dst <= src`. Usage: `kernels::copy_kernel<>::run(ring, y, bytes);`
template <arch A = target_arch>
struct copy_kernel : copy_kernel<fallback_of(A)> {};

template <>
struct copy_kernel<arch::generic> : no_scratch {
  static void run(const void* src, void* dst, std::size_t bytes) noexcept { std::memcpy(dst, src, bytes); }
  static void run_forward(const void* src, void* dst, std::size_t bytes) noexcept {
    std::memmove(dst, src, bytes);
  }
};

}  // namespace ctml::kernels

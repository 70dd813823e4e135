#pragma once
// Reference CAST kernel: converts every element with static_cast, as TFLite's Cast does (no
// quantization involved; float to integer truncates toward zero).

#include <cstddef>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>

namespace ctml::kernels::reference {

/// Writes `static_cast<To>(in[i])` to `out[i]` for the `N` elements.
template <class From, class To, std::size_t N>
void cast(const From* in, To* out) noexcept {
  for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<To>(in[i]);
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

/// CAST of `N` elements from `From` to `To` on architecture `A`: the customization point of cast
/// (kernels/kernel.hpp). Usage: `kernels::cast_kernel<From, To, N>::run(in, out, scratch);`
template <class From, class To, std::size_t N, arch A = target_arch>
struct cast_kernel : cast_kernel<From, To, N, fallback_of(A)> {};

template <class From, class To, std::size_t N>
struct cast_kernel<From, To, N, arch::generic> : no_scratch {
  static void run(const From* in, To* out, std::byte* /*scratch*/) noexcept {
    reference::cast<From, To, N>(in, out);
  }
};

}  // namespace ctml::kernels

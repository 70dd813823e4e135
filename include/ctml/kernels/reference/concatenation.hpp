#pragma once
// Reference CONCATENATION kernel: for each position before the axis, copies one contiguous block
// of every input in turn (TFLite's Concatenation; the layer resolves the blocks at compile time).

#include <array>
#include <cstddef>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>

namespace ctml::kernels::reference {

/// The compile-time geometry of a concatenation of N inputs: `outer` blocks (the product of the
/// dimensions before the axis), each made of `block[i]` elements of input i (its extent along the
/// axis times the dimensions after it).
template <std::size_t N>
struct concat_geometry {
  int outer = 1;
  std::array<int, N> block{};
};

/// Writes the inputs' blocks to `out` in order: block 0 of every input, then block 1, ...
template <class T, std::size_t N, concat_geometry<N> G>
void concatenation(const std::array<const T*, N>& in, T* out) noexcept {
  for (int o = 0; o < G.outer; ++o)
    for (std::size_t i = 0; i < N; ++i) {
      const T* src = in[i] + o * G.block[i];
      for (int k = 0; k < G.block[i]; ++k) *out++ = src[k];
    }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

using reference::concat_geometry;

/// CONCATENATION of N inputs of `T` with geometry `G` on architecture `A`: the customization point
/// of concatenation (kernels/kernel.hpp). Usage: `kernels::concatenation_kernel<T, N, G>::run(in, out,
/// scratch);`
template <class T, std::size_t N, concat_geometry<N> G, arch A = target_arch>
struct concatenation_kernel : concatenation_kernel<T, N, G, fallback_of(A)> {};

template <class T, std::size_t N, concat_geometry<N> G>
struct concatenation_kernel<T, N, G, arch::generic> : no_scratch {
  static void run(const std::array<const T*, N>& in, T* out, std::byte* /*scratch*/) noexcept {
    reference::concatenation<T, N, G>(in, out);
  }
};

}  // namespace ctml::kernels

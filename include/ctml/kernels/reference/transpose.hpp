#pragma once
// Reference TRANSPOSE kernel: walks the output in order and reads the input through the permuted
// strides (TFLite's Transpose; the layer resolves the permutation at compile time).

#include <array>
#include <cstddef>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>

namespace ctml::kernels::reference {

/// The compile-time geometry of a transpose, as rank 4 (missing leading axes: extent 1): output axis
/// d has `count[d]` elements and steps `stride[d]` elements through the input.
struct transpose_geometry {
  std::array<int, 4> count{1, 1, 1, 1};
  std::array<int, 4> stride{};
};

/// Writes the input's elements to `out` in the permuted order (outermost output axis first).
template <class T, transpose_geometry G>
void transpose(const T* in, T* out) noexcept {
  for (int a = 0; a < G.count[0]; ++a)
    for (int b = 0; b < G.count[1]; ++b)
      for (int c = 0; c < G.count[2]; ++c) {
        const T* src = in + a * G.stride[0] + b * G.stride[1] + c * G.stride[2];
        for (int d = 0; d < G.count[3]; ++d) *out++ = src[d * G.stride[3]];
      }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

using reference::transpose_geometry;

/// TRANSPOSE of `T` elements with geometry `G` on architecture `A`: the customization point of
/// transpose (kernels/kernel.hpp). Usage: `kernels::transpose_kernel<T, G>::run(in, out, scratch);`
template <class T, transpose_geometry G, arch A = target_arch>
struct transpose_kernel : transpose_kernel<T, G, fallback_of(A)> {};

template <class T, transpose_geometry G>
struct transpose_kernel<T, G, arch::generic> : no_scratch {
  static void run(const T* in, T* out, std::byte* /*scratch*/) noexcept {
    reference::transpose<T, G>(in, out);
  }
};

}  // namespace ctml::kernels

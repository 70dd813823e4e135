#pragma once
// Reference STRIDED_SLICE kernel: gathers start + k * stride along every axis of a tensor of rank 1
// to 4 (TFLite's StridedSlice once begin, end, the masks and the strides are resolved, which the
// layer does at compile time).

#include <array>
#include <cstddef>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>

namespace ctml::kernels::reference {

/// The compile-time geometry of a strided slice, as rank 4 (missing leading axes: extent 1, start 0,
/// stride 1, count 1). Axis d reads indices start[d] + k * stride[d] for k < count[d].
struct slice_geometry {
  std::array<int, 4> in{1, 1, 1, 1};
  std::array<int, 4> start{};
  std::array<int, 4> stride{1, 1, 1, 1};
  std::array<int, 4> count{1, 1, 1, 1};
};

/// Writes the selected elements of `in` to `out` in order (outermost axis first).
template <class T, slice_geometry G>
void strided_slice(const T* in, T* out) noexcept {
  for (int a = 0; a < G.count[0]; ++a) {
    const int p0 = G.start[0] + a * G.stride[0];
    for (int b = 0; b < G.count[1]; ++b) {
      const int p1 = G.start[1] + b * G.stride[1];
      for (int c = 0; c < G.count[2]; ++c) {
        const int p2 = G.start[2] + c * G.stride[2];
        const T* row = in + ((p0 * G.in[1] + p1) * G.in[2] + p2) * G.in[3] + G.start[3];
        for (int i = 0; i < G.count[3]; ++i) *out++ = row[i * G.stride[3]];
      }
    }
  }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

using reference::slice_geometry;

/// STRIDED_SLICE of `T` elements with geometry `G` on architecture `A`: the customization point of
/// strided_slice (kernels/kernel.hpp). Usage: `kernels::strided_slice_kernel<T, G>::run(in, out, scratch);`
template <class T, slice_geometry G, arch A = target_arch>
struct strided_slice_kernel : strided_slice_kernel<T, G, fallback_of(A)> {};

template <class T, slice_geometry G>
struct strided_slice_kernel<T, G, arch::generic> : no_scratch {
  static void run(const T* in, T* out, std::byte* /*scratch*/) noexcept {
    reference::strided_slice<T, G>(in, out);
  }
};

}  // namespace ctml::kernels

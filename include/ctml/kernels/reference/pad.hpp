#pragma once
// Reference PAD / PADV2 kernel: constant padding of a tensor of rank 1 to 4 (TFLite's Pad, which
// writes the input at offset `before` of every axis and the pad value everywhere else).

#include <array>
#include <cstddef>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>

namespace ctml::kernels::reference {

/// The compile-time geometry of a pad, as rank 4 (missing leading axes have extent 1, no padding).
struct pad_geometry {
  std::array<int, 4> in{1, 1, 1, 1};
  std::array<int, 4> before{};
  std::array<int, 4> after{};
  constexpr int out(std::size_t d) const { return before[d] + in[d] + after[d]; }
};

template <class T>
void pad_fill(T* out, int n, T value) noexcept {
  for (int i = 0; i < n; ++i) out[i] = value;
}

/// Pads `in` (extents G.in) with `value` into `out` (extents G.out), row by row along the last axis.
template <class T, pad_geometry G>
void pad(const T* in, T value, T* out) noexcept {
  constexpr int o1 = G.out(1), o2 = G.out(2), o3 = G.out(3);
  auto inside = [](int i, std::size_t d) { return i >= G.before[d] && i < G.before[d] + G.in[d]; };
  for (int a = 0; a < G.out(0); ++a)
    for (int b = 0; b < o1; ++b)
      for (int c = 0; c < o2; ++c, out += o3) {
        if (!inside(a, 0) || !inside(b, 1) || !inside(c, 2)) {
          pad_fill(out, o3, value);
          continue;
        }
        const T* src =
            in + (((a - G.before[0]) * G.in[1] + (b - G.before[1])) * G.in[2] + (c - G.before[2])) * G.in[3];
        pad_fill(out, G.before[3], value);
        for (int i = 0; i < G.in[3]; ++i) out[G.before[3] + i] = src[i];
        pad_fill(out + G.before[3] + G.in[3], G.after[3], value);
      }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

using reference::pad_geometry;

/// PAD of `T` elements with geometry `G` on architecture `A`: the customization point of pad
/// (kernels/kernel.hpp). Usage: `kernels::pad_kernel<std::int8_t, G>::run(in, value, out, scratch);`
template <class T, pad_geometry G, arch A = target_arch>
struct pad_kernel : pad_kernel<T, G, fallback_of(A)> {};

template <class T, pad_geometry G>
struct pad_kernel<T, G, arch::generic> : no_scratch {
  static void run(const T* in, T value, T* out, std::byte* /*scratch*/) noexcept {
    reference::pad<T, G>(in, value, out);
  }
};

}  // namespace ctml::kernels

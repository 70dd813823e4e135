#pragma once
// Kernel selection for pooling (see kernels/conv2d.hpp for the scheme).

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/pooling.hpp>

namespace ctml::kernels {

template <window_geometry G, class T, class Acc, class Bound>
inline void average_pool2d(const T* in, Bound act_min, Bound act_max, T* out) noexcept {
  reference::average_pool2d<G, T, Acc, Bound>(in, act_min, act_max, out);
}

template <window_geometry G, class T, class Bound>
inline void max_pool2d(const T* in, Bound act_min, Bound act_max, T* out) noexcept {
  reference::max_pool2d<G, T, Bound>(in, act_min, act_max, out);
}

}  // namespace ctml::kernels

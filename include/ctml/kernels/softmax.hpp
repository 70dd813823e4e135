#pragma once
// Kernel selection for softmax (see kernels/conv2d.hpp for the scheme).

#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/reference/softmax.hpp>

namespace ctml::kernels {

using reference::softmax_constants;

template <int Rows, int Depth, softmax_constants K>
inline void softmax_s8(const std::int8_t* in, std::int8_t* out) noexcept {
  reference::softmax_s8<Rows, Depth, K>(in, out);
}

template <int Rows, int Depth>
inline void softmax_f32(const float* in, float beta, float* out) noexcept {
  reference::softmax_f32<Rows, Depth>(in, beta, out);
}

}  // namespace ctml::kernels

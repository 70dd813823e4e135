#pragma once
// Sparse int8 conv2d and dense for Armv6-M (Cortex-M0/M0+): the portable loops of
// reference/sparse.hpp (4 accumulators, one byte-offset load per weight, no scaling: Thumb-1
// addressing has none) with the Thumb-1 requantization (armv6m/requantize.hpp) instead of the
// 64-bit multiply, which is a call to __aeabi_lmul there and weighs most at high sparsity.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/armv6m/requantize.hpp>
#include <ctml/kernels/reference/sparse.hpp>

#if CTML_ARCH_ARMV6M

namespace ctml::kernels::armv6m {

/// armv6m::requantize for the portable sparse loops.
template <requant_constants Q>
struct sparse_requantize {
  static std::int8_t apply(std::int32_t acc, multiplier m) noexcept { return requantize<Q>(acc, m); }
};

}  // namespace ctml::kernels::armv6m

namespace ctml::kernels {

/// Sparse conv2d on Armv6-M.
template <window_geometry G, requant_constants Q, std::size_t Groups>
struct sparse_conv2d_s8_kernel<G, Q, Groups, arch::armv6m>
    : sparse_conv2d_s8_kernel<G, Q, Groups, arch::generic> {
  CTML_KERNEL_ENTRY static void run(
      const std::int8_t* in,
      const typename sparse_conv2d_s8_kernel<G, Q, Groups, arch::generic>::rows* weights,
      const std::int32_t* bias, const multiplier* mult, std::int8_t* out, std::byte* scratch) noexcept {
    reference::sparse_conv2d_s8<G, Q, Groups, armv6m::sparse_requantize<Q>>(
        in, weights, bias, mult, out, reinterpret_cast<std::int16_t*>(scratch));
  }
};

/// Sparse dense on Armv6-M.
template <int Units, int In, bool PerChannel, requant_constants Q, std::size_t Groups>
struct sparse_dense_s8_kernel<Units, In, PerChannel, Q, Groups, arch::armv6m>
    : sparse_dense_weights<Units, In, Q, Groups> {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in,
                                    const typename sparse_dense_weights<Units, In, Q, Groups>::rows* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    reference::sparse_dense_s8<Units, PerChannel, Q, Groups, armv6m::sparse_requantize<Q>>(in, weights, bias,
                                                                                           mult, out);
  }
};

/// Sparse depthwise on Armv6-M: the portable loops with the Thumb-1 requantization.
template <window_geometry G, requant_constants Q, std::size_t Nonzero>
struct sparse_depthwise_conv2d_s8_kernel<G, Q, Nonzero, arch::armv6m>
    : sparse_depthwise_weights<G, Q, Nonzero> {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in,
                                    const typename sparse_depthwise_weights<G, Q, Nonzero>::taps* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    reference::sparse_depthwise_conv2d_s8<G, Q, Nonzero>(in, weights, bias, mult, out, [](multiplier m) {
      return [m](std::int32_t acc) { return armv6m::requantize<Q>(acc, m); };
    });
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARMV6M

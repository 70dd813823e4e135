#pragma once
// The sparse kernels of conv2d, depthwise_conv2d and dense (kernels::sparse_conv2d_s8_kernel,
// kernels::sparse_depthwise_conv2d_s8_kernel, kernels::sparse_dense_s8_kernel: reference/sparse.hpp,
// arm_dsp/sparse.hpp, armv6m/sparse.hpp) and the one rule by
// which an int8 layer takes them instead of its dense kernel: kernels::prefers_sparse.
// The rule is a function of the layer's weights (its size, non-zero count and rows) and the
// target, never of a band of its rows, so that every band of a layer run in place reads the same
// prepared weights (layers/in_place.hpp).

#include <cstddef>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_dsp/sparse.hpp>
#include <ctml/kernels/armv6m/sparse.hpp>
#include <ctml/kernels/reference/sparse.hpp>

namespace ctml::kernels {

/// The layer kinds the sparse rule tells apart (their dense kernels differ in cost per MAC).
enum class sparse_op {
  pointwise,  ///< conv2d 1x1
  conv,       ///< conv2d k x k (k > 1 on some axis)
  dense,      ///< dense (fully connected)
  depthwise,  ///< depthwise_conv2d
};

/// The share of zero weights (percent) from which the sparse kernel of `op` takes fewer
/// instructions than the dense kernel of architecture `a`: the crossovers measured on QEMU at -O2
/// with GCC 12 (tests/cortex_m/sparse_crossover.cpp, linear between the sparsities measured; the
/// counts are in docs/kernels.md, "Sparse kernels"):
/// - arm_dsp (Cortex-M4), against the SMLAD kernels: pointwise 64 -> 64 on 25x5 at 57 %, the 10x4
///   1 -> 64 first conv at 59 % and 3x3 16 -> 16 on 32x32 at 61 % (k x k: 61 %), dense 256 -> 64 at
///   69 %, KWS's depthwise 3x3 over 64 channels at 74 %;
/// - armv6m (Cortex-M0+), against the Thumb-1 kernels: pointwise 46 %, 10x4 41 %, 3x3 43 %,
///   dense 54 %, depthwise 23 %;
/// - arm_mve (Cortex-M55): the sparse kernels are the DSP ones (no Helium sparse kernel yet); at 95 %
///   zeros they still take 2x (pointwise) to 7x (3x3) the instructions of Helium's dense kernels:
///   never;
/// - generic (hosts): never by default (not measured there; the portable dense kernels vectorise,
///   and the sparse conv kernel's 4-pixel patch adds arena scratch the dense one does not need,
///   which moves ctml::scheduled's search: VWW at 40,960 bytes then exceeds Clang's default
///   constexpr step limit). With CTML_KERNELS_SPARSE_GENERIC defined, the M4's thresholds: the host
///   tests of pruned models (tests/nn/pruned) run the sparse kernels on the same layers as the M4.
/// 101: never.
constexpr int sparse_min_zero_percent(sparse_op op, arch a) {
  switch (a) {
    case arch::armv6m:
      return op == sparse_op::dense       ? 54
             : op == sparse_op::pointwise ? 46
             : op == sparse_op::depthwise ? 23
                                          : 43;
    case arch::arm_mve:
      return 101;
    case arch::generic:
#if !defined(CTML_KERNELS_SPARSE_GENERIC)
      return 101;
#endif
    case arch::arm_dsp:
    default:
      return op == sparse_op::dense       ? 69
             : op == sparse_op::pointwise ? 57
             : op == sparse_op::depthwise ? 74
                                          : 61;
  }
}

/// Whether a layer of `weights` weights, `nonzero` of them non-zero, in `rows` rows (output channels,
/// units) that the sparse format stores in `groups` groups of 4 (conv2d, dense), takes the sparse kernel of
/// `op` on architecture `A`. Speed first: from sparse_min_zero_percent zeros on. Size first
/// (CTML_KERNELS_SIZE_FIRST): when the sparse format, plus about 512 bytes for the layer's own copy of a
/// sparse kernel (its code is per layer, the size-first dense kernels are shared), is smaller than the int8
/// weights. Usage: `kernels::prefers_sparse<kernels::sparse_op::pointwise>(4096, 1024, 256, 64)`
template <sparse_op Op, arch A = target_arch>
constexpr bool prefers_sparse(std::size_t weights, std::size_t nonzero, std::size_t groups,
                              std::size_t rows) {
  if (weights == 0 || weights > max_sparse_weights) return false;
  if (A == arch::generic && sparse_min_zero_percent(Op, A) > 100) return false;  // hosts: see above
#if defined(CTML_KERNELS_SIZE_FIRST)
  // Depthwise: 2 bytes per non-zero weight, a count and a second (folded) bias per channel.
  const std::size_t group_bytes = sparse_narrow(weights / rows) ? 8 : 12;
  const std::size_t sparse_bytes =
      Op == sparse_op::depthwise ? 2 * nonzero + 5 * rows : group_bytes * groups + 2 * rows;
  return sparse_bytes + 512 < weights;
#else
  (void)groups;
  (void)rows;
  return (weights - nonzero) * 100 >= weights * static_cast<std::size_t>(sparse_min_zero_percent(Op, A));
#endif
}

}  // namespace ctml::kernels

#pragma once
// int16x8 (TFLite's 16x8) fully connected for cores with the DSP extension: four units at a time
// share each word of the int16 input (dot_s16.hpp: int8 weights in pair order, two SMLADs per
// weight word, int32 runs flushed to the int64 accumulator), then TFLite's 64-bit requantization.

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_dsp/dot_s16.hpp>
#include <ctml/kernels/arm_dsp/weights.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/dense.hpp>

// Only the DSP-extension targets compile this kernel (the header is empty elsewhere).
#if CTML_ARCH_ARM_DSP

namespace ctml::kernels::arm_dsp {

namespace detail {

/// Units [u0, u0 + NU) of an int16x8 dense layer: accumulate from the bias, requantize.
template <int In, int NU, bool PerChannel, requant_constants Q>
CTML_FORCE_INLINE void dense_s16_block(int u0, const std::int16_t* in, const std::int8_t* weights,
                                       const std::int64_t* bias, const multiplier* mult,
                                       std::int16_t* out) noexcept {
  std::int64_t acc[1][NU];
#pragma GCC unroll 4
  for (int o = 0; o < NU; ++o) acc[0][o] = bias[u0 + o];
  dot_s16_block<In, 1, NU, 0>(in, weights + u0 * In, acc);
#pragma GCC unroll 4
  for (int o = 0; o < NU; ++o) out[u0 + o] = requantize_s16<Q>(acc[0][o], mult[PerChannel ? u0 + o : 0]);
}

}  // namespace detail

/// int16x8 dense, weights [Units][In] in pair order (pair_order_weights). Bit-identical to
/// reference::dense_s16 on the imported weights.
template <int Units, int In, bool PerChannel, requant_constants Q>
void dense_s16(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
               const multiplier* mult, std::int16_t* out) noexcept {
  constexpr int nu = 4;  // units per pass over the input: 4 accumulators, 2 input words, 3 temporaries
  constexpr int blocks_end = Units - Units % nu;
  for (int u = 0; u < blocks_end; u += nu)
    detail::dense_s16_block<In, nu, PerChannel, Q>(u, in, weights, bias, mult, out);
  if constexpr (Units % nu != 0)
    detail::dense_s16_block<In, Units % nu, PerChannel, Q>(blocks_end, in, weights, bias, mult, out);
}

}  // namespace ctml::kernels::arm_dsp

namespace ctml::kernels {

/// int16x8 dense with the DSP extension (every shape up to max_prepared_weights): the weights
/// re-ordered at compile time.
template <int Units, int In, bool PerChannel, requant_constants Q>
requires(static_cast<std::size_t>(Units) * static_cast<std::size_t>(In) <=
         max_prepared_weights) struct dense_s16_kernel<Units, In, PerChannel, Q, arch::arm_dsp> {
  static constexpr weight_layout layout = weight_layout::pair_order;
  static constexpr std::size_t scratch_bytes = 0;
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& w) {
    return arm_dsp::pair_order_weights(w, Units, In);
  }
  static void run(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                  const multiplier* mult, std::int16_t* out, std::byte* /*scratch*/) noexcept {
    arm_dsp::dense_s16<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP

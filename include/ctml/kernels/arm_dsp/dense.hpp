#pragma once
// int8 fully connected for cores with the DSP extension. Four units at a time share the widened
// input word (SXTAB16 adds the input offset while widening); each unit then needs one weight load,
// two SXTB16 and two SMLAD per 4 MACs. Input lengths that are not a multiple of 4 finish with a
// scalar tail; unit counts that are not a multiple of 4 finish one unit at a time.

#include <cstdint>

#include <ctml/kernels/arm_dsp/intrinsics.hpp>
#include <ctml/kernels/arm_dsp/requantize.hpp>
#include <ctml/kernels/geometry.hpp>

// Only the DSP-extension targets compile this kernel (the header is empty elsewhere).
#if defined(__ARM_FEATURE_DSP)

namespace ctml::kernels::arm_dsp {

namespace detail {

template <int In, int NU, requant_constants Q>
inline void dense_units(const std::int8_t* in, const std::int8_t* w, std::int32_t (&acc)[NU]) noexcept {
  constexpr std::int32_t off2 = dual_offset(Q.input_offset);
  std::int32_t a[NU];  // fully unrolled below, so these live in registers
#pragma GCC unroll 4
  for (int u = 0; u < NU; ++u) a[u] = acc[u];
  for (int i = 0; i + 4 <= In; i += 4) {
    const std::int32_t x = load4(in + i);
    const std::int32_t xl = sxtab16(off2, x), xh = sxtab16_ror8(off2, x);
#pragma GCC unroll 4
    for (int u = 0; u < NU; ++u) {
      const std::int32_t wv = load4(w + u * In + i);
      a[u] = smlad(xh, sxtb16_ror8(wv), smlad(xl, sxtb16(wv), a[u]));
    }
  }
  for (int i = In & ~3; i < In; ++i)
    for (int u = 0; u < NU; ++u) a[u] += (std::int32_t{in[i]} + Q.input_offset) * std::int32_t{w[u * In + i]};
#pragma GCC unroll 4
  for (int u = 0; u < NU; ++u) acc[u] = a[u];
}

}  // namespace detail

/// int8 dense, weights [Units][In]. Bit-identical to reference::dense_s8.
template <int Units, int In, bool PerChannel, requant_constants Q>
void dense_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
              const multiplier* mult, std::int8_t* out) noexcept {
  constexpr int nu = 4;
  constexpr int blocks_end = Units - Units % nu;
  for (int u = 0; u < blocks_end; u += nu) {
    std::int32_t acc[nu];
    for (int j = 0; j < nu; ++j) acc[j] = bias[u + j];
    detail::dense_units<In, nu, Q>(in, weights + u * In, acc);
    for (int j = 0; j < nu; ++j)
      out[u + j] = requantize_s8<Q.output_offset, Q.act_min, Q.act_max>(acc[j], mult[PerChannel ? u + j : 0]);
  }
  for (int u = blocks_end; u < Units; ++u) {
    std::int32_t acc[1] = {bias[u]};
    detail::dense_units<In, 1, Q>(in, weights + u * In, acc);
    out[u] = requantize_s8<Q.output_offset, Q.act_min, Q.act_max>(acc[0], mult[PerChannel ? u : 0]);
  }
}

}  // namespace ctml::kernels::arm_dsp

#endif  // __ARM_FEATURE_DSP

#pragma once
// The int8 SVDF with Helium (MVE, Cortex-M55): each filter's feature dot product with VMLADAVA on 16
// int8 lanes (the input zero point folded as a second VMLADAVA of the weights with a vector of it), each
// time dot product with VMLADAVA on 8 int16 lanes (an int8 memory widened by the load, its zero point
// subtracted as int16). Tails: predicated loads with zeros in the inactive lanes. Same arithmetic as
// kernels/reference/svdf.hpp (integer sums in another order give the same int32, wrapping alike), so
// the bytes are TFLite Micro's. Covers what the DSP kernel covers: an int8 memory with any zero point,
// an int16 memory of zero point 0.

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/arm_dsp/svdf.hpp>
#include <ctml/kernels/reference/svdf.hpp>

#if CTML_ARCH_ARM_MVE

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <arm_mve.h>

#include <ctml/kernels/arm_dsp/requantize.hpp>

namespace ctml::kernels::arm_mve {

/// sum_i w[i] (v[i] + Offset) over N int8 columns, Offset in [-127, 128]. 128 is not an int8: then v is
/// complemented, ~v - 127 = -(v + 128), and the sum comes out negated (as arm_mve/dense.hpp does).
template <int N, std::int32_t Offset>
CTML_FORCE_INLINE std::int32_t svdf_dot_s8(const std::int8_t* w, const std::int8_t* v) noexcept {
  constexpr bool neg = Offset == 128;
  const int8x16_t flip = vdupq_n_s8(static_cast<std::int8_t>(neg ? -1 : 0));
  const int8x16_t off = vdupq_n_s8(static_cast<std::int8_t>(neg ? -127 : Offset));
  std::int32_t a = 0;
  for (int i = 0; i + 16 <= N; i += 16) {
    const int8x16_t wv = vldrbq_s8(w + i);
    a = vmladavaq_s8(a, veorq_s8(vldrbq_s8(v + i), flip), wv);
    if constexpr (Offset != 0) a = vmladavaq_s8(a, off, wv);
  }
  if constexpr (N % 16 != 0) {
    const mve_pred16_t p = vctp8q(N % 16);
    const int8x16_t wv = vldrbq_z_s8(w + N / 16 * 16, p);
    a = vmladavaq_s8(a, veorq_s8(vldrbq_z_s8(v + N / 16 * 16, p), flip), wv);
    if constexpr (Offset != 0) a = vmladavaq_s8(a, off, wv);
  }
  return neg ? -a : a;
}

/// sum_j w[j] (s[j] - Zp) over M memory slots, wrapping (products fit in int32).
template <int M, class S, std::int32_t Zp>
CTML_FORCE_INLINE std::uint32_t svdf_time_dot(const S* w, const S* s) noexcept {
  std::int32_t a = 0;
  const auto load = [](const S* p) {
    if constexpr (std::is_same_v<S, std::int16_t>)
      return vldrhq_s16(p);
    else
      return vldrbq_s16(p);
  };
  const auto load_z = [](const S* p, mve_pred16_t q) {
    if constexpr (std::is_same_v<S, std::int16_t>)
      return vldrhq_z_s16(p, q);
    else
      return vldrbq_z_s16(p, q);
  };
  for (int j = 0; j + 8 <= M; j += 8) {
    int16x8_t sv = load(s + j);
    if constexpr (Zp != 0) sv = vsubq_n_s16(sv, static_cast<std::int16_t>(Zp));
    a = vmladavaq_s16(a, load(w + j), sv);
  }
  if constexpr (M % 8 != 0) {
    // Inactive lanes: weights zero, so no product there whatever s - Zp is.
    const mve_pred16_t q = vctp16q(M % 8);
    int16x8_t sv = load_z(s + M / 8 * 8, q);
    if constexpr (Zp != 0) sv = vsubq_n_s16(sv, static_cast<std::int16_t>(Zp));
    a = vmladavaq_s16(a, load_z(w + M / 8 * 8, q), sv);
  }
  return static_cast<std::uint32_t>(a);
}

/// One frame (reference::svdf_step_s8's steps, no scratch).
template <int Units, int Rank, int Features, int Memory, class S, svdf_s8_params P>
void svdf_s8(const std::int8_t* x, S* state, const std::int8_t* feature, const S* time,
             const std::int32_t* bias, std::int8_t* y) noexcept {
  constexpr int filters = Units * Rank;
  constexpr std::int32_t lo = std::is_same_v<S, std::int16_t> ? -32768 : -128, hi = -lo - 1;
  reference::svdf_shift(state, static_cast<std::size_t>(filters) * Memory);
  for (int f = 0; f < filters; ++f) {
    std::int32_t acc = svdf_dot_s8<Features, -P.input_zero_point>(feature + f * Features, x);
    acc = arm_dsp::requantize(acc, P.to_state);
    acc = acc < lo ? lo : (acc > hi ? hi : acc);
    state[f * Memory + Memory - 1] = static_cast<S>(P.state_zero_point + acc);  // wraps, as TFLite Micro
  }
  for (int u = 0; u < Units; ++u) {
    auto out = static_cast<std::uint32_t>(bias[u]);  // wraps as the reference
    for (int r = 0; r < Rank; ++r) {
      const int f = u * Rank + r;
      out += svdf_time_dot<Memory, S, P.state_zero_point>(time + f * Memory, state + f * Memory);
    }
    const std::int32_t q =
        arm_dsp::requantize(static_cast<std::int32_t>(out), P.to_output) + P.output_zero_point;
    y[u] = static_cast<std::int8_t>(q < -128 ? -128 : (q > 127 ? 127 : q));
  }
}

}  // namespace ctml::kernels::arm_mve

namespace ctml::kernels {

/// SVDF with Helium: int8 memory, or int16 memory of zero point 0.
template <int Units, int Rank, int Features, int Memory, class S, svdf_s8_params P>
requires(std::is_same_v<S, std::int8_t> ||
         P.state_zero_point == 0) struct svdf_s8_kernel<Units, Rank, Features, Memory, S, P, arch::arm_mve>
    : no_scratch {
  static void run(const std::int8_t* x, S* state, const std::int8_t* feature, const S* time,
                  const std::int32_t* bias, std::int8_t* y, std::byte* /*scratch*/) noexcept {
    arm_mve::svdf_s8<Units, Rank, Features, Memory, S, P>(x, state, feature, time, bias, y);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE

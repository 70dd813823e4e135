#pragma once
// int16x8 (TFLite's 16x8) fully connected with Helium (MVE): four units share each 8-element int16
// input vector; per unit one widening weight load (VLDRB.S16) and one VMLALDAVA, which accumulates
// the 8 products in 64 bits: exactly TFLite's int64 accumulator, no overflow bound needed. The
// last In % 8 inputs with predicated loads, the last Units % 4 units with a narrower block; then
// TFLite's 64-bit requantization per unit. Weights as imported.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/dense.hpp>

#if CTML_ARCH_ARM_MVE

#include <arm_mve.h>

namespace ctml::kernels::arm_mve {

namespace detail {

/// acc[o] += sum_{i < K} x[i] * w_o[i] for NO (1..4) int8 rows w_o = w + o * K, in 64 bits.
template <int K, int NO>
CTML_FORCE_INLINE void dot_s16_rows(const std::int16_t* x, const std::int8_t* w,
                                    std::int64_t (&acc)[NO]) noexcept {
  static_assert(NO >= 1 && NO <= 4);
  std::int64_t a0 = acc[0], a1 = NO > 1 ? acc[NO > 1 ? 1 : 0] : 0, a2 = NO > 2 ? acc[NO > 2 ? 2 : 0] : 0,
               a3 = NO > 3 ? acc[NO > 3 ? 3 : 0] : 0;
  // One pointer per row, stepped each iteration and hidden from the optimiser (as dense.hpp):
  // loads with write-back, nothing hoisted and spilled.
  const std::int16_t* xp = x;
  const std::int8_t* w0 = w;
  const std::int8_t* w1 = w + (NO > 1 ? K : 0);
  const std::int8_t* w2 = w + (NO > 2 ? 2 * K : 0);
  const std::int8_t* w3 = w + (NO > 3 ? 3 * K : 0);
#pragma GCC unroll 2
  for (int i = 0; i + 8 <= K; i += 8) {
    asm("" : "+r"(xp), "+r"(w0), "+r"(w1), "+r"(w2), "+r"(w3));
    const int16x8_t xv = vldrhq_s16(xp);
    a0 = vmlaldavaq_s16(a0, xv, vldrbq_s16(w0));
    if constexpr (NO > 1) a1 = vmlaldavaq_s16(a1, xv, vldrbq_s16(w1));
    if constexpr (NO > 2) a2 = vmlaldavaq_s16(a2, xv, vldrbq_s16(w2));
    if constexpr (NO > 3) a3 = vmlaldavaq_s16(a3, xv, vldrbq_s16(w3));
    xp += 8;
    w0 += 8;
    w1 += 8;
    w2 += 8;
    w3 += 8;
  }
  if constexpr (K % 8 != 0) {
    const mve_pred16_t p = vctp16q(K % 8);
    const int16x8_t xv = vldrhq_z_s16(xp, p);  // zeros in the inactive lanes: no product there
    a0 = vmlaldavaq_s16(a0, xv, vldrbq_z_s16(w0, p));
    if constexpr (NO > 1) a1 = vmlaldavaq_s16(a1, xv, vldrbq_z_s16(w1, p));
    if constexpr (NO > 2) a2 = vmlaldavaq_s16(a2, xv, vldrbq_z_s16(w2, p));
    if constexpr (NO > 3) a3 = vmlaldavaq_s16(a3, xv, vldrbq_z_s16(w3, p));
  }
  acc[0] = a0;
  if constexpr (NO > 1) acc[NO > 1 ? 1 : 0] = a1;
  if constexpr (NO > 2) acc[NO > 2 ? 2 : 0] = a2;
  if constexpr (NO > 3) acc[NO > 3 ? 3 : 0] = a3;
}

/// Rows [r0, r0 + NO) over the K inputs at x: bias, dot products, requantization into out[r0 + o]
/// with the multiplier of row r0 + o (or mult[0] when !PerChannel).
template <int K, int NO, bool PerChannel, requant_constants Q>
CTML_FORCE_INLINE void s16_rows(int r0, const std::int16_t* x, const std::int8_t* weights,
                                const std::int64_t* bias, const multiplier* mult,
                                std::int16_t* out) noexcept {
  std::int64_t acc[NO];
#pragma GCC unroll 4
  for (int o = 0; o < NO; ++o) acc[o] = bias[r0 + o];
  dot_s16_rows<K, NO>(x, weights + r0 * K, acc);
#pragma GCC unroll 4
  for (int o = 0; o < NO; ++o) out[r0 + o] = requantize_s16<Q>(acc[o], mult[PerChannel ? r0 + o : 0]);
}

/// Every row of a layer with `Rows` outputs over K inputs at x, four rows per pass.
template <int Rows, int K, bool PerChannel, requant_constants Q>
CTML_FORCE_INLINE void s16_all_rows(const std::int16_t* x, const std::int8_t* weights,
                                    const std::int64_t* bias, const multiplier* mult,
                                    std::int16_t* out) noexcept {
  constexpr int blocks_end = Rows & ~3;
  for (int r = 0; r < blocks_end; r += 4) s16_rows<K, 4, PerChannel, Q>(r, x, weights, bias, mult, out);
  if constexpr (Rows % 4 != 0) s16_rows<K, Rows % 4, PerChannel, Q>(blocks_end, x, weights, bias, mult, out);
}

}  // namespace detail

/// int16x8 dense, weights [Units][In] as imported. Bit-identical to reference::dense_s16.
template <int Units, int In, bool PerChannel, requant_constants Q>
void dense_s16(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
               const multiplier* mult, std::int16_t* out) noexcept {
  detail::s16_all_rows<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
}

}  // namespace ctml::kernels::arm_mve

namespace ctml::kernels {

/// int16x8 dense with Helium (every shape).
template <int Units, int In, bool PerChannel, requant_constants Q>
struct dense_s16_kernel<Units, In, PerChannel, Q, arch::arm_mve> : imported_weights {
  static void run(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                  const multiplier* mult, std::int16_t* out, std::byte* /*scratch*/) noexcept {
    arm_mve::dense_s16<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE

#pragma once
// The dot products of the int16x8 (TFLite's 16x8) conv2d and dense kernels for cores with the DSP
// extension: int16 activations as they are in memory (one word = two activations), int8 weights in
// pair order (weights.hpp: SXTB16 / SXTB16 ROR 8 of a weight word give the natural pairs), two
// SMLADs per 4 MACs and weight word, each activation word shared by the NO weight rows and each
// weight word by the NP activation vectors of a block.
//
// Exactness: TFLite accumulates in int64. A product int16 x int8 is at most 2^22 in magnitude, so
// any 511 of them sum exactly in int32 (SMLAD wraps, it does not saturate, and the true sum fits);
// the dot products run in int32 over runs of at most 511 elements (a compile-time count from the
// dot-product length: one run, and one 64-bit add per output, unless the length exceeds 511) and
// each run is added to the int64 accumulator.

#include <cstdint>
#include <cstring>

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/arm_dsp/intrinsics.hpp>

// Only the DSP-extension targets compile these kernels (the header is empty elsewhere).
#if CTML_ARCH_ARM_DSP

namespace ctml::kernels::arm_dsp {

/// Elements of an int32 run: a multiple of 4, at most 511 with the k % 4 tail added to the last.
inline constexpr int s16_run = 508;

/// Two int16 as one word (LDR: unaligned is allowed on the Cortex-M, activations may be at any
/// even address).
inline std::int32_t load2_s16(const std::int16_t* p) noexcept {
  std::int32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

namespace detail {

/// acc[j][o] += sum_{i < K} x_j[i] * w_o[i] for NP activation vectors x_j = x + j * XStride and NO
/// weight rows w_o = w + o * K (pair order), exact (see above).
template <int K, int NP, int NO, int XStride>
CTML_FORCE_INLINE void dot_s16_block(const std::int16_t* x, const std::int8_t* w,
                                     std::int64_t (&acc)[NP][NO]) noexcept {
  static_assert(NP >= 1 && NP <= 2 && NO >= 1 && NO <= 4 && (NP == 1 || NO <= 2));
  constexpr int kq = K & ~3;
  for (int c0 = 0;; c0 += s16_run) {
    const int c1 = c0 + s16_run < kq ? c0 + s16_run : kq;
    std::int32_t a[NP][NO] = {};
    const std::int16_t* xp = x + c0;
    const std::int8_t* wp = w + c0;
    const std::int8_t* const w_end = w + c1;
#pragma GCC unroll 2
    for (; wp != w_end; wp += 4, xp += 4) {
      std::int32_t xl[NP], xh[NP];
#pragma GCC unroll 2
      for (int j = 0; j < NP; ++j) {
        xl[j] = load2_s16(xp + j * XStride);
        xh[j] = load2_s16(xp + j * XStride + 2);
      }
#pragma GCC unroll 4
      for (int o = 0; o < NO; ++o) {
        const std::int32_t v = load4(wp + o * K);
        const std::int32_t wl = sxtb16(v), wh = sxtb16_ror8(v);
#pragma GCC unroll 2
        for (int j = 0; j < NP; ++j) a[j][o] = smlad(xh[j], wh, smlad(xl[j], wl, a[j][o]));
      }
    }
    if (c1 == kq) {  // the last run takes the tail (at most 3 elements, still <= 511 in all)
      for (int i = kq; i < K; ++i)
#pragma GCC unroll 4
        for (int o = 0; o < NO; ++o)
#pragma GCC unroll 2
          for (int j = 0; j < NP; ++j)
            a[j][o] += std::int32_t{x[j * XStride + i]} * std::int32_t{w[o * K + i]};
    }
#pragma GCC unroll 2
    for (int j = 0; j < NP; ++j)
#pragma GCC unroll 4
      for (int o = 0; o < NO; ++o) acc[j][o] += a[j][o];
    if (c1 == kq) break;
  }
}

}  // namespace detail

}  // namespace ctml::kernels::arm_dsp

#endif  // CTML_ARCH_ARM_DSP

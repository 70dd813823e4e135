#pragma once
// int8 average pooling with the DSP extension: the window sums of four channels in two registers
// (channels 0/2 and 1/3 as halfword pairs), each tap one LDR and two SXTAB16. A window of at most
// 256 taps sums within int16 (|sum| <= 256 * 128). The rounding division (half away from zero,
// TFLite's) stays scalar per channel; for full windows the count is a constant of the layer, so
// the compiler turns the division into a multiply.
//
// The body takes the geometry as a `const window_geometry&`: the default path passes the layer's
// template parameter object (every bound folds to a constant after inlining); the size-first policy
// (CTML_KERNELS_SIZE_FIRST) calls one out-of-line instantiation shared by every pooling layer.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/arm_dsp/intrinsics.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/pooling.hpp>

#if CTML_ARCH_ARM_DSP

namespace ctml::kernels::arm_dsp {

/// Whether the DSP average pool covers geometry G (int16 window sums).
template <window_geometry G>
constexpr bool average_pool2d_fits() {
  return G.k_h * G.k_w <= 256 && G.in_c == G.out_c && G.dilation_h == 1 && G.dilation_w == 1;
}

namespace detail {

/// TFLite's rounding of an average: half away from zero, then clamped to [lo, hi].
CTML_FORCE_INLINE std::int8_t pool_average(std::int32_t sum, int count, std::int32_t lo,
                                           std::int32_t hi) noexcept {
  std::int32_t v = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
  v = v < lo ? lo : (v > hi ? hi : v);
  return static_cast<std::int8_t>(v);
}

/// Low and high halfword of a pair of int16 sums.
CTML_FORCE_INLINE std::int32_t lo16(std::int32_t w) noexcept {
  return static_cast<std::int16_t>(w & 0xffff);
}
CTML_FORCE_INLINE std::int32_t hi16(std::int32_t w) noexcept {
  return w >> 16;
}

/// Average pool body over a geometry known at compile time (inlined with a constant `g`) or at run
/// time (size-first). `count` of a full window is g.k_h * g.k_w: that case divides by the constant.
CTML_FORCE_INLINE void average_pool2d_s8_body(const window_geometry& g, const std::int8_t* in,
                                              std::int32_t lo, std::int32_t hi, std::int8_t* out) noexcept {
  const int C = g.in_c;
  const int full = g.k_h * g.k_w;
  std::int8_t* o = out;
  for (int oy = 0; oy < g.out_h; ++oy) {
    const int y0 = oy * g.stride_h - g.pad_top;
    const tap_range ty = valid_taps(y0, g.k_h, g.dilation_h, g.in_h);
    for (int ox = 0; ox < g.out_w; ++ox, o += C) {
      const int x0 = ox * g.stride_w - g.pad_left;
      const tap_range tx = valid_taps(x0, g.k_w, g.dilation_w, g.in_w);
      const int count = (ty.end - ty.begin) * (tx.end - tx.begin);
      const int row_step = g.in_w * C;  // pooling windows are not dilated
      const int col_step = C;
      const std::int8_t* first = in + ((y0 + ty.begin) * g.in_w + x0 + tx.begin) * C;
#if defined(CTML_KERNELS_SIZE_FIRST)
      // One division routine (run-time count), no copy of the channel loops per count.
      static_cast<void>(full);
      auto divide = [&](std::int32_t sum) { return pool_average(sum, count, lo, hi); };
#else
      auto divide = [&](std::int32_t sum) {
        return count == full ? pool_average(sum, full, lo, hi) : pool_average(sum, count, lo, hi);
      };
#endif
      int c = 0;
#if !defined(CTML_KERNELS_SIZE_FIRST)  // size-first: four channels at a time only
      for (; c + 8 <= C; c += 8) {
        std::int32_t s02 = 0, s13 = 0, s46 = 0, s57 = 0;
        const std::int8_t* row = first + c;
        for (int fy = ty.begin; fy < ty.end; ++fy, row += row_step) {
          const std::int8_t* p = row;
          for (int fx = tx.begin; fx < tx.end; ++fx, p += col_step) {
            const std::int32_t a = load4(p), b = load4(p + 4);
            s02 = sxtab16(s02, a);
            s13 = sxtab16_ror8(s13, a);
            s46 = sxtab16(s46, b);
            s57 = sxtab16_ror8(s57, b);
          }
        }
        o[c + 0] = divide(lo16(s02));
        o[c + 1] = divide(lo16(s13));
        o[c + 2] = divide(hi16(s02));
        o[c + 3] = divide(hi16(s13));
        o[c + 4] = divide(lo16(s46));
        o[c + 5] = divide(lo16(s57));
        o[c + 6] = divide(hi16(s46));
        o[c + 7] = divide(hi16(s57));
      }
#endif
      for (; c + 4 <= C; c += 4) {
        std::int32_t s02 = 0, s13 = 0;
        const std::int8_t* row = first + c;
        for (int fy = ty.begin; fy < ty.end; ++fy, row += row_step) {
          const std::int8_t* p = row;
          for (int fx = tx.begin; fx < tx.end; ++fx, p += col_step) {
            const std::int32_t a = load4(p);
            s02 = sxtab16(s02, a);
            s13 = sxtab16_ror8(s13, a);
          }
        }
        o[c + 0] = divide(lo16(s02));
        o[c + 1] = divide(lo16(s13));
        o[c + 2] = divide(hi16(s02));
        o[c + 3] = divide(hi16(s13));
      }
      // From C - C % 4, where the loops above end, spelled so: with `c` GCC 12 did not see that this loop
      // is empty for C = 52 (KWS pruned to 52 channels) and warned of undefined behaviour
      // (-Waggressive-loop-optimizations) in iterations that never run.
      for (c = C - C % 4; c < C; ++c) {
        std::int32_t s = 0;
        const std::int8_t* row = first + c;
        for (int fy = ty.begin; fy < ty.end; ++fy, row += row_step) {
          const std::int8_t* p = row;
          for (int fx = tx.begin; fx < tx.end; ++fx, p += col_step) s += *p;
        }
        o[c] = divide(s);
      }
    }
  }
}

/// The size-first instantiation: one copy of code for every int8 average pool of a program.
[[gnu::noinline]] inline void average_pool2d_s8_shared(const window_geometry& geometry, const std::int8_t* in,
                                                       std::int32_t lo, std::int32_t hi,
                                                       std::int8_t* out) noexcept {
  const window_geometry g = geometry;  // local copies: the int8 stores may alias any reference
  average_pool2d_s8_body(g, in, lo, hi, out);
}

}  // namespace detail

/// int8 average pool. Bit-identical to reference::average_pool2d<G, std::int8_t, std::int32_t>.
/// Usage: `arm_dsp::average_pool2d_s8<G>(in, -128, 127, out);`
template <window_geometry G>
void average_pool2d_s8(const std::int8_t* in, std::int32_t act_min, std::int32_t act_max,
                       std::int8_t* out) noexcept {
  static_assert(average_pool2d_fits<G>(),
                "arm_dsp::average_pool2d_s8: window over 256 taps, dilation, or in_c != out_c");
#if defined(CTML_KERNELS_SIZE_FIRST)
  detail::average_pool2d_s8_shared(G, in, act_min, act_max, out);
#else
  detail::average_pool2d_s8_body(G, in, act_min, act_max, out);
#endif
}

}  // namespace ctml::kernels::arm_dsp

namespace ctml::kernels {

/// int8 average pooling with the DSP extension (windows of up to 256 taps).
template <window_geometry G>
requires(arm_dsp::average_pool2d_fits<G>()) struct average_pool2d_kernel<G, std::int8_t, arch::arm_dsp>
    : no_scratch {
  static void run(const std::int8_t* in, std::int32_t act_min, std::int32_t act_max, std::int8_t* out,
                  std::byte* /*scratch*/) noexcept {
    arm_dsp::average_pool2d_s8<G>(in, act_min, act_max, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP

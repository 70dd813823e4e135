#pragma once
// int8 depthwise convolution with Helium (MVE), depth multiplier 1: 4 channels per vector, each
// tap one widening load of input and of weights (VLDRB.S32), a multiply and an add on int32 lanes
// (MVE has no lane-wise integer vector multiply-accumulate).
//
// Loop order: channel groups outside, output pixels inside, so that a group's bias, multipliers
// and folded bias stay in registers. The input offset: windows inside the input start from
// bias + off * (sum of the group's weights over all taps), computed once per group, and need no
// add per tap; border windows add the offset to each valid tap instead. The last C % 4 channels
// are a tail-predicated group.

#include <cstdint>

#include <ctml/kernels/arm_mve/requantize.hpp>
#include <ctml/kernels/geometry.hpp>

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)

namespace ctml::kernels::arm_mve {

/// Whether the Helium depthwise kernel covers geometry G.
template <window_geometry G>
constexpr bool depthwise_conv2d_fits() {
  return G.depth_multiplier == 1;
}

namespace detail {

/// Widening load of 4 int8 lanes (N < 4: the first N, the others zero).
template <int N>
CTML_FORCE_INLINE int32x4_t load_s32(const std::int8_t* p) noexcept {
  if constexpr (N == 4)
    return vldrbq_s32(p);
  else
    return vldrbq_z_s32(p, vctp32q(N));
}

/// Output positions [lo, hi) along an axis whose windows lie inside the input.
struct inside_range {
  int lo, hi;
};
constexpr inside_range inside(int out, int in, int k, int stride, int dilation, int pad) {
  int lo = 0;
  while (lo < out && lo * stride - pad < 0) ++lo;
  int hi = lo;
  while (hi < out && hi * stride - pad + (k - 1) * dilation < in) ++hi;
  return {lo, hi};
}

/// Channels [c, c + N) of every output pixel.
template <window_geometry G, requant_constants Q, int N>
inline void depthwise_group(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                            const multiplier* mult, std::int8_t* out, int c) noexcept {
  constexpr int C = G.out_c;
  constexpr int taps = G.k_h * G.k_w;
  constexpr inside_range ry = inside(G.out_h, G.in_h, G.k_h, G.stride_h, G.dilation_h, G.pad_top);
  constexpr inside_range rx = inside(G.out_w, G.in_w, G.k_w, G.stride_w, G.dilation_w, G.pad_left);
  const mve_pred16_t lanes = vctp32q(N);
  const int32x4_t b = vldrwq_z_s32(bias + c, lanes);
  const multiplier_lanes m = load_multipliers(mult + c, N);
  // The group's weights widened once into a stack array, read back with post-incremented loads.
  alignas(16) std::int32_t w[taps * 4];
  int32x4_t wsum = vdupq_n_s32(0);
#pragma GCC unroll 25
  for (int t = 0; t < taps; ++t) {
    const int32x4_t wt = load_s32<N>(weights + t * C + c);
    vstrwq_s32(w + 4 * t, wt);
    wsum = vaddq_s32(wsum, wt);
  }
  const int32x4_t folded = vmlaq_n_s32(b, wsum, Q.input_offset);
  std::int8_t* o = out + c;
  for (int oy = 0; oy < G.out_h; ++oy) {
    const int y0 = oy * G.stride_h - G.pad_top;
    const bool row_inside = oy >= ry.lo && oy < ry.hi;
    bool row_ok[G.k_h];
#pragma GCC unroll 16
    for (int fy = 0; fy < G.k_h; ++fy)
      row_ok[fy] = static_cast<unsigned>(y0 + fy * G.dilation_h) < static_cast<unsigned>(G.in_h);
    for (int ox = 0; ox < G.out_w; ++ox, o += C) {
      const int x0 = ox * G.stride_w - G.pad_left;
      const std::int8_t* xp = in + (y0 * G.in_w + x0) * C + c;
      const std::int32_t* wp = w;
      int32x4_t acc;
      if (row_inside && ox >= rx.lo && ox < rx.hi) {
        acc = folded;
#pragma GCC unroll 25
        for (int t = 0; t < taps; ++t) {
          // Pointers stepped in order and hidden from the optimiser: GCC 12 would otherwise
          // hoist every load to the top and spill (8 Q registers), or rematerialise addresses.
          asm("" : "+r"(xp), "+r"(wp));
          acc = vaddq_s32(acc, vmulq_s32(load_s32<N>(xp), vldrwq_s32(wp)));
          wp += 4;
          xp += (t % G.k_w == G.k_w - 1) ? (G.dilation_h * G.in_w - (G.k_w - 1) * G.dilation_w) * C
                                         : G.dilation_w * C;
        }
      } else {
        // Border: the taps that land inside the input, each with the input offset added.
        acc = b;
#pragma GCC unroll 25
        for (int t = 0; t < taps; ++t) {
          const int fy = t / G.k_w, fx = t % G.k_w;
          const bool col_ok = static_cast<unsigned>(x0 + fx * G.dilation_w) < static_cast<unsigned>(G.in_w);
          if (row_ok[fy] && col_ok) {
            const int32x4_t x = vaddq_n_s32(
                load_s32<N>(xp + (fy * G.dilation_h * G.in_w + fx * G.dilation_w) * C), Q.input_offset);
            acc = vaddq_s32(acc, vmulq_s32(x, vldrwq_s32(w + 4 * t)));
          }
        }
      }
      const int32x4_t v = offset_clamp<Q>(requantize_v(acc, m.value, m.left, m.neg_right));
      if constexpr (N == 4)
        vstrbq_s32(o, v);
      else
        vstrbq_p_s32(o, v, lanes);
    }
  }
}

}  // namespace detail

/// int8 depthwise convolution, weights [KH][KW][C]. Bit-identical to reference::depthwise_conv2d_s8.
template <window_geometry G, requant_constants Q>
void depthwise_conv2d_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                         const multiplier* mult, std::int8_t* out) noexcept {
  static_assert(depthwise_conv2d_fits<G>(), "arm_mve::depthwise_conv2d_s8: depth multiplier must be 1");
  constexpr int groups_end = G.out_c & ~3;
  for (int c = 0; c < groups_end; c += 4) detail::depthwise_group<G, Q, 4>(in, weights, bias, mult, out, c);
  if constexpr (G.out_c % 4 != 0)
    detail::depthwise_group<G, Q, G.out_c % 4>(in, weights, bias, mult, out, groups_end);
}

}  // namespace ctml::kernels::arm_mve

#endif  // __ARM_FEATURE_MVE

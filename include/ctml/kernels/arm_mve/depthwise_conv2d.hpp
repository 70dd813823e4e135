#pragma once
// int8 depthwise convolution with Helium (MVE), depth multiplier 1: 4 channels per vector, each
// tap one widening load of input and of weights (VLDRB.S32), a multiply and an add on int32 lanes
// (MVE has no lane-wise integer vector multiply-accumulate).
//
// Loop order: channel groups outside, output pixels inside, so that a group's bias, multipliers
// and folded bias stay in registers. The input offset: windows inside the input start from
// bias + off * (sum of the group's weights over all taps) and need no add per tap; border windows
// add the offset to each valid tap instead. The last C % 4 channels are a tail-predicated group.
//
// Weights: a group's 4 weights per tap are read as one widening load (VLDRB.S32) from 4 consecutive
// bytes. Layers of at most max_prepared_weights weights have them so in flash, re-laid out at compile
// time (weight_layout::mve_channel_groups: [C/4 groups][taps][4], the last group zero-padded), and
// their biases and folded biases computed at compile time too (`prepare_bias`), so a group starts
// with three loads: what makes the kernel cheap to call on a band of two rows (layers/in_place.hpp).
// Larger layers gather each group's weights into a stack array and fold its bias once per call.

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_mve/requantize.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/kernels/reference/depthwise_conv2d.hpp>

#if CTML_ARCH_ARM_MVE

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

/// First output position along an axis whose window starts inside the input.
constexpr int inside_lo(int out, int stride, int pad) {
  int lo = 0;
  while (lo < out && lo * stride - pad < 0) ++lo;
  return lo;
}
/// One past the last output position (from inside_lo on) whose window ends inside the input.
constexpr int inside_hi(int out, int in, int k, int stride, int dilation, int pad) {
  int hi = inside_lo(out, stride, pad);
  while (hi < out && hi * stride - pad + (k - 1) * dilation < in) ++hi;
  return hi;
}

/// What every pixel of a channel group reads: run-time pointers and the group's vectors.
struct group_state {
  const std::int8_t* in;
  std::int8_t* out;
  const std::int8_t* w;  ///< the group's weights, 4 per tap
  int c;
  int32x4_t bias, folded;
  multiplier_lanes m;
  mve_pred16_t lanes;
  std::int8_t* ring;  ///< G.ring_rows > 0 (in place): the group's last output rows, 4 bytes a pixel
};

/// Where output pixel (oy, ox) of the group goes: the output, or (in place, G.ring_rows > 0) the
/// ring of the group's last rows.
template <window_geometry G>
CTML_FORCE_INLINE std::int8_t* pixel_out(const group_state& s, int oy, int ox) noexcept {
  if constexpr (G.ring_rows > 0)
    return s.ring + ((oy & (G.ring_rows - 1)) * G.out_w + ox) * 4;
  else
    return s.out + (oy * G.out_w + ox) * G.out_c + s.c;
}

/// In place: output rows [f, f + Rows) of the group from the ring over their input rows (which no
/// row reads any more); f is a multiple of Rows, so their ring slots are consecutive. Consecutive
/// rows are consecutive pixels, in the ring (4 bytes each) and in the output (out_c bytes apart):
/// 4 pixels a load and a scatter.
template <window_geometry G, int N, int Rows>
CTML_FORCE_INLINE void flush_rows(const std::int8_t* ring, std::int8_t* out, int f) noexcept {
  const std::int8_t* src = ring + (f & (G.ring_rows - 1)) * G.out_w * 4;
  std::int8_t* dst = out + f * G.out_w * G.out_c;
  constexpr int pixels = Rows * G.out_w;
  if constexpr (N == 4 && G.out_c % 4 == 0) {
    const uint32x4_t offsets = vmulq_n_u32(vidupq_n_u32(0, 1), static_cast<std::uint32_t>(G.out_c));
#pragma GCC unroll 16
    for (int p = 0; p < pixels; p += 4) {
      const int32x4_t v = vldrwq_s32(reinterpret_cast<const std::int32_t*>(src + p * 4));
      auto* d = reinterpret_cast<std::int32_t*>(dst + p * G.out_c);
      if (pixels - p >= 4)
        vstrwq_scatter_offset_s32(d, offsets, v);
      else
        vstrwq_scatter_offset_p_s32(d, offsets, v, vctp32q(static_cast<std::uint32_t>(pixels - p)));
    }
    stored();  // once for the rows' scatters
  } else {
    for (int p = 0; p < pixels; ++p)
      for (int l = 0; l < N; ++l) dst[p * G.out_c + l] = src[p * 4 + l];
  }
}

/// One output pixel whose valid taps are the compile-time ranges [TyB, TyE) x [TxB, TxE).
template <window_geometry G, requant_constants Q, int N, bool R, int TyB, int TyE, int TxB, int TxE>
CTML_FORCE_INLINE void dw_pixel(const group_state& s, int oy, int ox) noexcept {
  constexpr int C = G.out_c;
  const int y0 = oy * G.stride_h - G.pad_top, x0 = ox * G.stride_w - G.pad_left;
  int32x4_t acc;
  if constexpr (TyB == 0 && TyE == G.k_h && TxB == 0 && TxE == G.k_w) {
    const std::int8_t* xp = s.in + (y0 * G.in_w + x0) * C + s.c;
    const std::int8_t* wp = s.w;
    acc = s.folded;
#pragma GCC unroll 25
    for (int t = 0; t < G.k_h * G.k_w; ++t) {
      // Pointers stepped in order and hidden from the optimiser: GCC 12 would otherwise hoist
      // every load to the top and spill (8 Q registers), or rematerialise addresses.
      asm("" : "+r"(xp), "+r"(wp));
      acc = vaddq_s32(acc, vmulq_s32(load_s32<N>(xp), vldrbq_s32(wp)));
      wp += 4;
      xp += (t % G.k_w == G.k_w - 1) ? (G.dilation_h * G.in_w - (G.k_w - 1) * G.dilation_w) * C
                                     : G.dilation_w * C;
    }
  } else {
    // Border: only the taps inside the input, each with the input offset added.
    const std::int8_t* xp = s.in + ((y0 + TyB * G.dilation_h) * G.in_w + x0 + TxB * G.dilation_w) * C + s.c;
    acc = s.bias;
#pragma GCC unroll 25
    for (int fy = TyB; fy < TyE; ++fy)
#pragma GCC unroll 25
      for (int fx = TxB; fx < TxE; ++fx) {
        const int at = ((fy - TyB) * G.dilation_h * G.in_w + (fx - TxB) * G.dilation_w) * C;
        const int32x4_t x = vaddq_n_s32(load_s32<N>(xp + at), Q.input_offset);
        acc = vaddq_s32(acc, vmulq_s32(x, vldrbq_s32(s.w + 4 * (fy * G.k_w + fx))));
      }
  }
  const int32x4_t v = offset_clamp<Q>(requantize_lanes<R>(acc, s.m));
  std::int8_t* o = pixel_out<G>(s, oy, ox);
  if constexpr (N == 4)
    vstrbq_s32(o, v);
  else
    vstrbq_p_s32(o, v, s.lanes);
  stored();
}

/// Two vertically adjacent pixels (oy, ox) and (oy + 1, ox) whose windows are inside the input
/// along y, columns [TxB, TxE) valid: each weight vector is loaded once for both, and the
/// group's requantization vectors once per pair.
template <window_geometry G, requant_constants Q, int N, bool R, int TxB, int TxE>
CTML_FORCE_INLINE void dw_pixel_pair(const group_state& s, int oy, int ox) noexcept {
  constexpr int C = G.out_c;
  constexpr bool full = TxB == 0 && TxE == G.k_w;
  const int y0 = oy * G.stride_h - G.pad_top, x0 = ox * G.stride_w - G.pad_left + TxB * G.dilation_w;
  const std::int8_t* xp = s.in + (y0 * G.in_w + x0) * C + s.c;
  const std::int8_t* xq = xp + G.stride_h * G.in_w * C;
  const std::int8_t* wp = s.w + 4 * TxB;
  int32x4_t acc0 = full ? s.folded : s.bias, acc1 = acc0;
#pragma GCC unroll 25
  for (int fy = 0; fy < G.k_h; ++fy) {
#pragma GCC unroll 25
    for (int fx = TxB; fx < TxE; ++fx) {
      asm("" : "+r"(xp), "+r"(xq), "+r"(wp));
      const int32x4_t wt = vldrbq_s32(wp);
      int32x4_t x0v = load_s32<N>(xp), x1v = load_s32<N>(xq);
      if constexpr (!full) {
        x0v = vaddq_n_s32(x0v, Q.input_offset);
        x1v = vaddq_n_s32(x1v, Q.input_offset);
      }
      acc0 = vaddq_s32(acc0, vmulq_s32(x0v, wt));
      acc1 = vaddq_s32(acc1, vmulq_s32(x1v, wt));
      const int step =
          fx == TxE - 1 ? (G.dilation_h * G.in_w - (TxE - 1 - TxB) * G.dilation_w) * C : G.dilation_w * C;
      xp += step;
      xq += step;
      wp += fx == TxE - 1 ? 4 * (G.k_w - (TxE - 1 - TxB)) : 4;
    }
  }
  std::int8_t* o = pixel_out<G>(s, oy, ox);
  std::int8_t* o1 = G.ring_rows > 0 ? pixel_out<G>(s, oy + 1, ox) : o + G.out_w * C;
  const int32x4_t v0 = offset_clamp<Q>(requantize_lanes<R>(acc0, s.m));
  const int32x4_t v1 = offset_clamp<Q>(requantize_lanes<R>(acc1, s.m));
  if constexpr (N == 4) {
    vstrbq_s32(o, v0);
    vstrbq_s32(o1, v1);
  } else {
    vstrbq_p_s32(o, v0, s.lanes);
    vstrbq_p_s32(o1, v1, s.lanes);
    stored();
  }
}

/// Border columns [OX, End) of a pair of inside rows.
template <window_geometry G, requant_constants Q, int N, bool R, int OX, int End>
CTML_FORCE_INLINE void dw_pair_border_cols(const group_state& s, int oy) noexcept {
  if constexpr (OX < End) {
    constexpr int x0 = OX * G.stride_w - G.pad_left;
    dw_pixel_pair<G, Q, N, R, valid_taps(x0, G.k_w, G.dilation_w, G.in_w).begin,
                  valid_taps(x0, G.k_w, G.dilation_w, G.in_w).end>(s, oy, OX);
    dw_pair_border_cols<G, Q, N, R, OX + 1, End>(s, oy);
  }
}

/// Two inside rows oy, oy + 1: every column in pairs.
template <window_geometry G, requant_constants Q, int N, bool R>
inline void dw_row_pair(const group_state& s, int oy) noexcept {
  constexpr int lo = inside_lo(G.out_w, G.stride_w, G.pad_left);
  constexpr int hi = inside_hi(G.out_w, G.in_w, G.k_w, G.stride_w, G.dilation_w, G.pad_left);
  dw_pair_border_cols<G, Q, N, R, 0, lo>(s, oy);
  for (int ox = lo; ox < hi; ++ox) dw_pixel_pair<G, Q, N, R, 0, G.k_w>(s, oy, ox);
  dw_pair_border_cols<G, Q, N, R, hi, G.out_w>(s, oy);
}

/// Border columns [OX, End) of a row, each with its compile-time tap range.
template <window_geometry G, requant_constants Q, int N, bool R, int TyB, int TyE, int OX, int End>
CTML_FORCE_INLINE void dw_border_cols(const group_state& s, int oy) noexcept {
  if constexpr (OX < End) {
    constexpr int x0 = OX * G.stride_w - G.pad_left;
    dw_pixel<G, Q, N, R, TyB, TyE, valid_taps(x0, G.k_w, G.dilation_w, G.in_w).begin,
             valid_taps(x0, G.k_w, G.dilation_w, G.in_w).end>(s, oy, OX);
    dw_border_cols<G, Q, N, R, TyB, TyE, OX + 1, End>(s, oy);
  }
}

/// A row of output pixels: border columns one by one, the inside columns in a loop.
template <window_geometry G, requant_constants Q, int N, bool R, int TyB, int TyE>
inline void dw_row(const group_state& s, int oy) noexcept {
  constexpr int lo = inside_lo(G.out_w, G.stride_w, G.pad_left);
  constexpr int hi = inside_hi(G.out_w, G.in_w, G.k_w, G.stride_w, G.dilation_w, G.pad_left);
  dw_border_cols<G, Q, N, R, TyB, TyE, 0, lo>(s, oy);
  for (int ox = lo; ox < hi; ++ox) dw_pixel<G, Q, N, R, TyB, TyE, 0, G.k_w>(s, oy, ox);
  dw_border_cols<G, Q, N, R, TyB, TyE, hi, G.out_w>(s, oy);
}

/// Border rows [OY, End), each with its compile-time tap range.
template <window_geometry G, requant_constants Q, int N, bool R, int OY, int End>
CTML_FORCE_INLINE void dw_border_rows(const group_state& s) noexcept {
  if constexpr (OY < End) {
    constexpr int y0 = OY * G.stride_h - G.pad_top;
    dw_row<G, Q, N, R, valid_taps(y0, G.k_h, G.dilation_h, G.in_h).begin,
           valid_taps(y0, G.k_h, G.dilation_h, G.in_h).end>(s, OY);
    dw_border_rows<G, Q, N, R, OY + 1, End>(s);
  }
}

/// In place, the output rows of a channel group go over their input rows in blocks of this many
/// (one unrolled run of loads and scatters; a power of two).
inline constexpr int in_place_block = 4;

/// The weights of geometry G in channel groups (weight_layout::mve_channel_groups).
template <window_geometry G>
struct channel_groups {
  static constexpr int taps = G.k_h * G.k_w;
  static constexpr int groups = (G.out_c + 3) / 4;
  static constexpr std::size_t bytes = static_cast<std::size_t>(groups) * static_cast<std::size_t>(taps) * 4;
  /// Re-laid out at compile time (else gathered per call).
  static constexpr bool prepared = bytes <= max_prepared_weights;
};

/// [KH][KW][C] weights (TFLite's) as [C/4 groups][taps][4], the last group padded with zeros.
template <window_geometry G, std::size_t N>
constexpr std::array<std::int8_t, channel_groups<G>::bytes> group_weights(
    const std::array<std::int8_t, N>& w) {
  constexpr int C = G.out_c;
  constexpr int taps = channel_groups<G>::taps;
  static_assert(N == static_cast<std::size_t>(taps * C));
  std::array<std::int8_t, channel_groups<G>::bytes> r{};
  for (int g = 0; g < channel_groups<G>::groups; ++g)
    for (int t = 0; t < taps; ++t)
      for (int l = 0; l < 4; ++l)
        if (4 * g + l < C)
          r[static_cast<std::size_t>((g * taps + t) * 4 + l)] =
              w[static_cast<std::size_t>(t * C + 4 * g + l)];
  return r;
}

/// The biases (C) then bias + input_offset * the channel's weight sum over all taps (C).
template <window_geometry G, requant_constants Q, std::size_t N, std::size_t NB>
constexpr std::array<std::int32_t, 2 * NB> bias_and_folded(const std::array<std::int8_t, N>& w,
                                                           const std::array<std::int32_t, NB>& bias) {
  constexpr int C = G.out_c;
  static_assert(NB == static_cast<std::size_t>(C) && N == NB * static_cast<std::size_t>(G.k_h * G.k_w));
  std::array<std::int32_t, 2 * NB> r{};
  for (std::size_t c = 0; c < NB; ++c) {
    std::int32_t sum = 0;
    for (std::size_t t = 0; t < N / NB; ++t) sum += w[t * NB + c];
    r[c] = bias[c];
    r[NB + c] = bias[c] + Q.input_offset * sum;
  }
  return r;
}

/// Channels [c, c + N) of every output pixel. Prepared: `weights` in channel groups and `bias` as
/// bias_and_folded; else both as imported.
template <window_geometry G, requant_constants Q, int N, bool R, bool Prepared>
inline void depthwise_group(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                            const multiplier* mult, std::int8_t* out, std::int8_t* ring, int c) noexcept {
  constexpr int C = G.out_c;
  constexpr int taps = G.k_h * G.k_w;
  group_state s;
  s.in = in;
  s.out = out;
  s.c = c;
  if constexpr (G.ring_rows > 0)
    s.ring = ring;
  else
    (void)ring;
  s.lanes = vctp32q(N);
  s.bias = vldrwq_z_s32(bias + c, s.lanes);
  s.m = load_multipliers(mult + c, N);
  // Without prepared weights: the group's weights gathered once into a stack array.
  [[maybe_unused]] alignas(16) std::int8_t w[Prepared ? 4 : taps * 4];
  if constexpr (Prepared) {
    s.w = weights + c * taps;  // group c / 4, taps * 4 bytes each
    s.folded = vldrwq_z_s32(bias + C + c, s.lanes);
  } else {
    int32x4_t wsum = vdupq_n_s32(0);
#pragma GCC unroll 25
    for (int t = 0; t < taps; ++t) {
      const int32x4_t wt = load_s32<N>(weights + t * C + c);
      vstrbq_s32(w + 4 * t, wt);
      wsum = vaddq_s32(wsum, wt);
    }
    s.w = w;
    s.folded = vmlaq_n_s32(s.bias, wsum, Q.input_offset);
  }
  constexpr int lo = inside_lo(G.out_h, G.stride_h, G.pad_top);
  constexpr int hi = inside_hi(G.out_h, G.in_h, G.k_h, G.stride_h, G.dilation_h, G.pad_top);
  if constexpr (G.ring_rows == 0) {
    dw_border_rows<G, Q, N, R, 0, lo>(s);
    // Inside rows in pairs (weights loaded once for two pixels).
    int oy = lo;
    for (; oy + 2 <= hi; oy += 2) dw_row_pair<G, Q, N, R>(s, oy);
    if constexpr ((hi - lo) % 2 != 0) dw_row<G, Q, N, R, 0, G.k_h>(s, oy);
    dw_border_rows<G, Q, N, R, hi, G.out_h>(s);
  } else {
    // In place: rows up to `computed` are done, so the input rows up to computed - pad_top are
    // read no more: the output rows over them leave the ring.
    // They go in blocks of in_place_block rows (consecutive ring slots), the last ones one by one.
    int flushed = 0;
    std::int8_t* const group_out = out + c;
    const auto done = [&](int computed) {
      for (; computed - G.pad_top + 1 - flushed >= in_place_block; flushed += in_place_block)
        flush_rows<G, N, in_place_block>(ring, group_out, flushed);
    };
    dw_border_rows<G, Q, N, R, 0, lo>(s);
    done(lo - 1);
    int oy = lo;
    for (; oy + 2 <= hi; oy += 2) {
      dw_row_pair<G, Q, N, R>(s, oy);
      done(oy + 1);
    }
    if constexpr ((hi - lo) % 2 != 0) {
      dw_row<G, Q, N, R, 0, G.k_h>(s, oy);
      done(oy);
    }
    dw_border_rows<G, Q, N, R, hi, G.out_h>(s);
    done(G.out_h - 1 + G.pad_top);
    // Fewer than a block left (a bound the compiler sees: it may not prove `flushed` in range).
    for (int k = 0; k < in_place_block && flushed + k < G.out_h; ++k)
      flush_rows<G, N, 1>(ring, group_out, flushed + k);
  }
}

/// The ring rows run_in_place needs for geometry G: the rows waiting for their input rows to be
/// read (pad_top), up to in_place_block - 1 more waiting for a block, and those computed in one step
/// (a pair, or the border rows at the top or bottom), rounded up to a power of two (at least a block).
template <window_geometry G>
constexpr int in_place_ring_rows() {
  constexpr int lo = inside_lo(G.out_h, G.stride_h, G.pad_top);
  constexpr int hi = inside_hi(G.out_h, G.in_h, G.k_h, G.stride_h, G.dilation_h, G.pad_top);
  const int rows = G.pad_top + (in_place_block - 1) + 2 + lo + (G.out_h - hi);
  int pow2 = in_place_block;  // a power of two: the slot of a row is a mask, not a division
  while (pow2 < rows) pow2 *= 2;
  return pow2;
}

}  // namespace detail

/// int8 depthwise convolution. Bit-identical to reference::depthwise_conv2d_s8. Prepared: weights in
/// channel groups (detail::group_weights) and biases as detail::bias_and_folded, made at compile
/// time; else weights [KH][KW][C] and biases as imported.
template <window_geometry G, requant_constants Q, bool Prepared = false>
void depthwise_conv2d_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                         const multiplier* mult, std::int8_t* out, std::int8_t* ring = nullptr) noexcept {
  static_assert(depthwise_conv2d_fits<G>(), "arm_mve::depthwise_conv2d_s8: depth multiplier must be 1");
  constexpr int groups_end = G.out_c & ~3;
  // All shifts negative (the usual case): requantization without left shift and mask. A layer knows
  // it at compile time (Q.right_shifts_only); otherwise one check per call.
  const bool right_only = Q.right_shifts_only || all_right_shifts<G.out_c>(mult);
  const auto all = [&]<bool R>() {
    for (int c = 0; c < groups_end; c += 4)
      detail::depthwise_group<G, Q, 4, R, Prepared>(in, weights, bias, mult, out, ring, c);
    if constexpr (G.out_c % 4 != 0)
      detail::depthwise_group<G, Q, G.out_c % 4, R, Prepared>(in, weights, bias, mult, out, ring, groups_end);
  };
  with_right_only(right_only, all);
}

}  // namespace ctml::kernels::arm_mve

namespace ctml::kernels {

/// depthwise_conv2d with Helium (depth multiplier 1). Weights in channel groups and biases folded at
/// compile time for layers of at most max_prepared_weights weights; larger ones as imported.
template <window_geometry G, requant_constants Q>
requires(arm_mve::depthwise_conv2d_fits<G>()) struct depthwise_conv2d_s8_kernel<G, Q, arch::arm_mve> {
 private:
  static constexpr bool prepared = arm_mve::detail::channel_groups<G>::prepared;

 public:
  static constexpr weight_layout layout =
      prepared ? weight_layout::mve_channel_groups : weight_layout::as_imported;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr bool prepares_bias = prepared;
  /// Rows are computed in vertical pairs (each weight vector loaded once for two pixels): a layer run
  /// in place calls the kernel on bands of two rows (layers/in_place.hpp).
  static constexpr int band_rows = 2;
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& w) {
    if constexpr (prepared)
      return arm_mve::detail::group_weights<G>(w);
    else
      return w;
  }
  template <std::size_t N, std::size_t NB>
  static constexpr auto prepare_bias(const std::array<std::int8_t, N>& w,
                                     const std::array<std::int32_t, NB>& bias) {
    return arm_mve::detail::bias_and_folded<G, Q>(w, bias);
  }
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    arm_mve::depthwise_conv2d_s8<G, Q, prepared>(in, weights, bias, mult, out);
  }

 private:
  static constexpr window_geometry ring_geometry = [] {
    window_geometry r = G;
    r.ring_rows = arm_mve::detail::in_place_ring_rows<G>();
    return r;
  }();

 public:
  /// The layer over its own input (kernels::runs_in_place): stride 1 and the output the input's
  /// shape, so each channel group's output row goes over its input row once no row reads that any
  /// more; until then it waits in a ring of a few rows of the group (4 bytes a pixel) in `scratch`.
  /// Every group is computed as by `run`; a layer run in place so costs one kernel call and a copy
  /// of its output, 4 pixels a scatter (layers/in_place.hpp).
  static constexpr bool runs_in_place =
      G.stride_h == 1 && G.stride_w == 1 && G.in_h == G.out_h && G.in_w == G.out_w && G.ring_rows == 0;
  static constexpr std::size_t in_place_scratch_bytes =
      static_cast<std::size_t>(ring_geometry.ring_rows) * static_cast<std::size_t>(G.out_w) * 4;
  CTML_KERNEL_ENTRY static void run_in_place(std::int8_t* xy, const std::int8_t* weights,
                                             const std::int32_t* bias, const multiplier* mult,
                                             std::byte* scratch) noexcept {
    static_assert(runs_in_place, "arm_mve depthwise: run_in_place needs stride 1 and equal shapes");
    arm_mve::depthwise_conv2d_s8<ring_geometry, Q, prepared>(xy, weights, bias, mult, xy,
                                                             reinterpret_cast<std::int8_t*>(scratch));
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE

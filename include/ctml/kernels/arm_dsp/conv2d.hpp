#pragma once
// int8 convolution for cores with the DSP extension (Cortex-M4/M7/M33, and M55 until arm_mve has
// its own), weights OHWI (int8, or widened to int16 at compile time: weights.hpp).
//
// One kernel covers pointwise 1x1, general KxK and first layers with few input channels: for two
// output pixels at a time the receptive fields are widened once to int16 (input offset added,
// padding taps zero) into a small "patch" on the stack, then every pair of output channels is a
// pair of dot products with SMLAD, four MACs per weight word. The patch length, the way it is
// filled (word-wise when the channel count is a multiple of 4, element-wise otherwise) and the
// loop trip counts are compile-time constants of the layer.
//
// Patch order: within each group of 4 elements the halfwords are stored as x0 x2 x1 x3, the order
// SXTB16 / SXTB16 ROR 8 produce from a weight word (w0 w2 | w1 w3), so int8 OHWI weights are read
// as they are; layers whose weights are re-read for many pixels get them widened to int16 in that
// same order at compile time (weights.hpp), which takes the SXTB16s out of the inner loop.
// Elements past the last whole group of 4 are stored in order and handled one at a time.

#include <cstddef>
#include <cstdint>
#include <cstring>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_dsp/intrinsics.hpp>
#include <ctml/kernels/arm_dsp/requantize.hpp>
#include <ctml/kernels/arm_dsp/weights.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/conv2d.hpp>

// Only the DSP-extension targets compile this kernel (the header is empty elsewhere).
#if CTML_ARCH_ARM_DSP

namespace ctml::kernels::arm_dsp {

/// Whether the patch of a geometry is small enough for the stack (two pixels of int16).
template <window_geometry G>
constexpr bool conv2d_fits() {
  return G.k_h * G.k_w * G.in_c <= 1024 && G.depth_multiplier == 1;
}

namespace detail {

template <window_geometry G>
struct conv_shape {
  static constexpr int taps = G.k_h * G.k_w;
  static constexpr int k = taps * G.in_c;   ///< dot-product length
  static constexpr int kq = k & ~3;         ///< elements in whole groups of 4
  static constexpr int kpad = wide_row(k);  ///< patch (and widened weight row) stride in halfwords
  static constexpr bool wide = conv2d_wide_weights<G>();  ///< weights widened at compile time
  static constexpr int row_bytes = wide ? 2 * kpad : k;   ///< weight row stride
};

/// Widens the receptive field of output pixel (oy, ox) into `patch`.
template <window_geometry G, requant_constants Q>
inline void fill_patch(const std::int8_t* in, int oy, int ox, std::int16_t* patch) noexcept {
  using S = conv_shape<G>;
  const int y0 = oy * G.stride_h - G.pad_top;
  const int x0 = ox * G.stride_w - G.pad_left;
  if constexpr (G.in_c % 4 == 0) {
    // Every tap starts a whole group of 4: word-wise, SXTAB16 adds the offset while widening.
    constexpr std::int32_t off2 = dual_offset(Q.input_offset);
    std::int16_t* p = patch;
    for (int fy = 0; fy < G.k_h; ++fy) {
      const int iy = y0 + fy * G.dilation_h;
      for (int fx = 0; fx < G.k_w; ++fx) {
        const int ix = x0 + fx * G.dilation_w;
        if (iy >= 0 && iy < G.in_h && ix >= 0 && ix < G.in_w) {
          const std::int8_t* ip = in + (iy * G.in_w + ix) * G.in_c;
          for (int c = 0; c < G.in_c; c += 4) {
            const std::int32_t x = load4(ip + c);
            store_word(p + c, sxtab16(off2, x));
            store_word(p + c + 2, sxtab16_ror8(off2, x));
          }
        } else {
          for (int c = 0; c < G.in_c; c += 2) store_word(p + c, 0);
        }
        p += G.in_c;
      }
    }
  } else {
    // Few input channels (first layers): windows inside the input, the common case, take a fully
    // unrolled copy whose offsets and patch positions are compile-time constants.
    constexpr bool unroll = S::k <= 64;
    if (unroll && y0 >= 0 && x0 >= 0 && y0 + (G.k_h - 1) * G.dilation_h < G.in_h &&
        x0 + (G.k_w - 1) * G.dilation_w < G.in_w) {
      const std::int8_t* base = in + (y0 * G.in_w + x0) * G.in_c;
#pragma GCC unroll 64
      for (int j = 0; j < S::k; ++j) {
        const int fy = j / (G.k_w * G.in_c), fx = j / G.in_c % G.k_w, c = j % G.in_c;
        const int offset = (fy * G.dilation_h * G.in_w + fx * G.dilation_w) * G.in_c + c;
        patch[patch_pos(j, S::kq)] = static_cast<std::int16_t>(std::int32_t{base[offset]} + Q.input_offset);
      }
      return;
    }
    int i = 0;
    for (int fy = 0; fy < G.k_h; ++fy) {
      const int iy = y0 + fy * G.dilation_h;
      const bool row_ok = iy >= 0 && iy < G.in_h;
      for (int fx = 0; fx < G.k_w; ++fx) {
        const int ix = x0 + fx * G.dilation_w;
        if (row_ok && ix >= 0 && ix < G.in_w) {
          const std::int8_t* ip = in + (iy * G.in_w + ix) * G.in_c;
          for (int c = 0; c < G.in_c; ++c, ++i)
            patch[patch_pos(i, S::kq)] = static_cast<std::int16_t>(std::int32_t{ip[c]} + Q.input_offset);
        } else {
          for (int c = 0; c < G.in_c; ++c, ++i) patch[patch_pos(i, S::kq)] = 0;
        }
      }
    }
  }
}

/// The two SMLAD operands of weight word group at `w`: widened (one LDRD) or int8 (LDR, 2 SXTB16).
template <bool Wide, int Offset = 0>
inline void load_weights(const std::int8_t* w, std::int32_t& lo, std::int32_t& hi) noexcept {
  if constexpr (Wide) {
    load_pair_at<Offset>(w, lo, hi);
  } else {
    const std::int32_t v = load4(w + Offset);
    lo = sxtb16(v);
    hi = sxtb16_ror8(v);
  }
}

/// Two words of a 4-byte aligned int16 buffer as plain loads.
inline void load_words(const std::int16_t* p, std::int32_t& a, std::int32_t& b) noexcept {
  std::int32_t t[2];
  std::memcpy(t, __builtin_assume_aligned(p, 4), 8);
  a = t[0];
  b = t[1];
}

/// Weight element i (past the whole groups of 4, where the order is natural) of a row.
template <bool Wide>
inline std::int32_t weight_at(const std::int8_t* w, int i) noexcept {
  if constexpr (Wide) {
    std::int16_t v;
    std::memcpy(&v, w + 2 * i, 2);
    return v;
  } else {
    return w[i];
  }
}

/// NP patches (1 or 2) times NO weight rows (1 or 2): NP * NO dot products of length k. The
/// accumulators are scalars so that they stay in registers (an array spills on GCC 12).
template <window_geometry G, int NP, int NO>
inline void dot_block(const std::int16_t* patch, const std::int8_t* w, std::int32_t (&acc)[NP][NO]) noexcept {
  using S = conv_shape<G>;
  std::int32_t a00 = acc[0][0], a01 = NO == 2 ? acc[0][NO - 1] : 0;
  std::int32_t a10 = NP == 2 ? acc[NP - 1][0] : 0, a11 = NP == 2 && NO == 2 ? acc[NP - 1][NO - 1] : 0;
  const std::int16_t* p = patch;
  const std::int8_t* wr = w;
#pragma GCC unroll 2
  for (int q = 0; q < S::kq / 4; ++q) {
    std::int32_t x0, x1, w0l, w0h;
    if constexpr (S::wide) {
      // Both weight rows first, then the pixels one after the other: 4 accumulators, 6 operand
      // registers and 3 pointers fit in the 14 general registers.
      std::int32_t w1l = 0, w1h = 0;
      load_weights<true>(wr, w0l, w0h);
      if constexpr (NO == 2) load_weights<true, S::row_bytes>(wr, w1l, w1h);
      load_pair_at<0>(p, x0, x1);
      a00 = smlad(x1, w0h, smlad(x0, w0l, a00));
      if constexpr (NO == 2) a01 = smlad(x1, w1h, smlad(x0, w1l, a01));
      if constexpr (NP == 2) {
        load_pair_at<2 * S::kpad>(p, x0, x1);
        a10 = smlad(x1, w0h, smlad(x0, w0l, a10));
        if constexpr (NO == 2) a11 = smlad(x1, w1h, smlad(x0, w1l, a11));
      }
    } else {
      // int8 weights (the order and plain loads that GCC 12 allocates without spills).
      load_words(p, x0, x1);
      load_weights<false>(wr, w0l, w0h);
      a00 = smlad(x1, w0h, smlad(x0, w0l, a00));
      if constexpr (NP == 2) {
        std::int32_t y0, y1;
        load_words(p + S::kpad, y0, y1);
        a10 = smlad(y1, w0h, smlad(y0, w0l, a10));
        if constexpr (NO == 2) {
          std::int32_t w1l, w1h;
          load_weights<false, S::row_bytes>(wr, w1l, w1h);
          a01 = smlad(x1, w1h, smlad(x0, w1l, a01));
          a11 = smlad(y1, w1h, smlad(y0, w1l, a11));
        }
      } else if constexpr (NO == 2) {
        std::int32_t w1l, w1h;
        load_weights<false, S::row_bytes>(wr, w1l, w1h);
        a01 = smlad(x1, w1h, smlad(x0, w1l, a01));
      }
    }
    p += 4;
    wr += S::wide ? 8 : 4;
  }
  for (int i = S::kq; i < S::k; ++i) {
    const std::int32_t x = patch[i];
    const std::int32_t v0 = weight_at<S::wide>(w, i);
    a00 += x * v0;
    std::int32_t v1 = 0;
    if constexpr (NO == 2) {
      v1 = weight_at<S::wide>(w + S::row_bytes, i);
      a01 += x * v1;
    }
    if constexpr (NP == 2) {
      const std::int32_t y = patch[S::kpad + i];
      a10 += y * v0;
      if constexpr (NO == 2) a11 += y * v1;
    }
  }
  acc[0][0] = a00;
  if constexpr (NO == 2) acc[0][NO - 1] = a01;
  if constexpr (NP == 2) acc[NP - 1][0] = a10;
  if constexpr (NP == 2 && NO == 2) acc[NP - 1][NO - 1] = a11;
}

/// All output channels of NP output pixels whose patches are in `patch`.
template <window_geometry G, requant_constants Q, int NP>
inline void conv_pixels(const std::int16_t* patch, const std::int8_t* weights, const std::int32_t* bias,
                        const multiplier* mult, std::int8_t* out) noexcept {
  using S = conv_shape<G>;
  constexpr int pairs_end = G.out_c & ~1;
  for (int oc = 0; oc < pairs_end; oc += 2) {
    std::int32_t acc[NP][2];
#pragma GCC unroll 2
    for (int j = 0; j < NP; ++j) {
      acc[j][0] = bias[oc];
      acc[j][1] = bias[oc + 1];
    }
    dot_block<G, NP, 2>(patch, weights + oc * S::row_bytes, acc);
    requantize_block<Q, NP, 2, G.out_c>(acc, mult + oc, out + oc);
  }
  if constexpr (G.out_c % 2 != 0) {
    constexpr int oc = G.out_c - 1;
    std::int32_t acc[NP][1];
#pragma GCC unroll 2
    for (int j = 0; j < NP; ++j) acc[j][0] = bias[oc];
    dot_block<G, NP, 1>(patch, weights + oc * S::row_bytes, acc);
    requantize_block<Q, NP, 1, G.out_c>(acc, mult + oc, out + oc);
  }
}

/// Patch of output pixel `px` for the size-first kernel, as lane `lane` (0 or 1) of a two-pixel
/// patch whose groups of 4 interleave: group q of lane l at halfwords 8q + 4l (x0 x2 x1 x3, as
/// above), so one pointer and constant offsets (LDRD) reach both pixels; the k % 4 tail elements
/// follow at 2 kq + l (k - kq). Geometry at run time, word-wise while a tap starts a group of 4.
[[gnu::noinline]] inline void fill_patch_shared(const window_geometry& g, std::int32_t input_offset,
                                                const std::int8_t* in, int px, int lane,
                                                std::int16_t* patch) noexcept {
  const int k = g.k_h * g.k_w * g.in_c, kq = k & ~3;
  const std::int32_t off2 = dual_offset(input_offset);
  auto at = [&](int i) {
    return i < kq ? 8 * (i >> 2) + 4 * lane + (patch_pos(i, kq) & 3) : 2 * kq + lane * (k - kq) + (i - kq);
  };
  const int y0 = px / g.out_w * g.stride_h - g.pad_top, x0 = px % g.out_w * g.stride_w - g.pad_left;
  int i = 0;
  for (int fy = 0; fy < g.k_h; ++fy) {
    const int iy = y0 + fy * g.dilation_h;
    for (int fx = 0; fx < g.k_w; ++fx) {
      const int ix = x0 + fx * g.dilation_w;
      if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) {
        for (int c = 0; c < g.in_c; ++c, ++i) patch[at(i)] = 0;
        continue;
      }
      const std::int8_t* ip = in + (iy * g.in_w + ix) * g.in_c;
      int c = 0;
      if ((i & 3) == 0)
        for (; c + 4 <= g.in_c && i + 4 <= kq; c += 4, i += 4) {
          const std::int32_t x = load4(ip + c);
          std::int16_t* dst = patch + 8 * (i >> 2) + 4 * lane;
          store_word(dst, sxtab16(off2, x));
          store_word(dst + 2, sxtab16_ror8(off2, x));
        }
      for (; c < g.in_c; ++c, ++i)
        patch[at(i)] = static_cast<std::int16_t>(std::int32_t{ip[c]} + input_offset);
    }
  }
}

/// The size-first kernel (CTML_KERNELS_SIZE_FIRST): geometry and quantization constants at run
/// time, int8 weights, two output pixels times two output channels per block (as above: each
/// widened weight word serves both pixels); one copy of code for every convolution of a program.
/// An odd last pixel fills both lanes with itself (second stores skipped), an odd last channel
/// repeats its weight row (stores skipped).
[[gnu::noinline]] inline void conv2d_s8_shared(const window_geometry& geometry,
                                               const requant_constants& quant, const std::int8_t* in,
                                               const std::int8_t* weights, const std::int32_t* bias,
                                               const multiplier* mult, std::int8_t* out,
                                               std::int16_t* patch) noexcept {
  const window_geometry g = geometry;  // local copies: the int8 stores may alias any reference
  const requant_constants q = quant;
  const int k = g.k_h * g.k_w * g.in_c, kq = k & ~3, kt = k - kq;
  const int pixels = g.out_h * g.out_w, oc_n = g.out_c;
  const std::int16_t* tail = patch + 2 * kq;
  for (int px = 0; px < pixels; px += 2) {
    const bool two = px + 1 < pixels;
    fill_patch_shared(g, q.input_offset, in, px, 0, patch);
    fill_patch_shared(g, q.input_offset, in, two ? px + 1 : px, 1, patch);
    std::int8_t* oa = out + px * oc_n;
    for (int oc = 0; oc < oc_n; oc += 2) {
      const bool pair = oc + 1 < oc_n;
      const std::int8_t* w0 = weights + oc * k;
      const std::int8_t* w1 = pair ? w0 + k : w0;
      std::int32_t a00 = bias[oc], a01 = bias[pair ? oc + 1 : oc], a10 = a00, a11 = a01;
      const std::int16_t* p = patch;
      for (int j = 0; j < kq; j += 4, p += 8) {
        std::int32_t x0, x1, y0, y1, wl, wh;
        load_pair_at<0>(p, x0, x1);
        load_pair_at<8>(p, y0, y1);
        load_weights<false>(w0 + j, wl, wh);
        a00 = smlad(x1, wh, smlad(x0, wl, a00));
        a10 = smlad(y1, wh, smlad(y0, wl, a10));
        load_weights<false>(w1 + j, wl, wh);
        a01 = smlad(x1, wh, smlad(x0, wl, a01));
        a11 = smlad(y1, wh, smlad(y0, wl, a11));
      }
      for (int j = 0; j < kt; ++j) {
        const std::int32_t xa = tail[j], xb = tail[kt + j], v0 = w0[kq + j], v1 = w1[kq + j];
        a00 += xa * v0;
        a01 += xa * v1;
        a10 += xb * v0;
        a11 += xb * v1;
      }
      oa[oc] = requantize_s8(a00, mult[oc], q);
      if (pair) oa[oc + 1] = requantize_s8(a01, mult[oc + 1], q);
      if (two) {
        oa[oc_n + oc] = requantize_s8(a10, mult[oc], q);
        if (pair) oa[oc_n + oc + 1] = requantize_s8(a11, mult[oc + 1], q);
      }
    }
  }
}

}  // namespace detail

/// Bytes of scratch conv2d_s8 needs for geometry `G`: two int16 input patches.
template <window_geometry G>
consteval std::size_t conv2d_scratch_bytes() {
  return 2 * static_cast<std::size_t>(detail::conv_shape<G>::kpad) * sizeof(std::int16_t);
}

/// int8 convolution, weights OHWI (TFLite's layout). Bit-identical to reference::conv2d_s8_ohwi.
/// `scratch`: conv2d_scratch_bytes<G>() bytes, 4-byte aligned (the arena planner gives it to the
/// layer, so the patches cost no stack).
template <window_geometry G, requant_constants Q>
void conv2d_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
               const multiplier* mult, std::int8_t* out, std::byte* scratch) noexcept {
  static_assert(conv2d_fits<G>(), "arm_dsp::conv2d_s8: receptive field too large for the patch");
#if defined(CTML_KERNELS_SIZE_FIRST)
  static_assert(!detail::conv_shape<G>::wide, "arm_dsp::conv2d_s8: size-first reads int8 weights");
  detail::conv2d_s8_shared(G, Q, in, weights, bias, mult, out, reinterpret_cast<std::int16_t*>(scratch));
#else
  using S = detail::conv_shape<G>;
  // Two patches; 4-byte aligned so that the word loads of the dot products are aligned.
  auto* patch = reinterpret_cast<std::int16_t*>(scratch);
  constexpr int pixels = G.out_h * G.out_w;
  constexpr int pairs_end = pixels & ~1;
  for (int px = 0; px < pairs_end; px += 2) {
    detail::fill_patch<G, Q>(in, px / G.out_w, px % G.out_w, patch);
    detail::fill_patch<G, Q>(in, (px + 1) / G.out_w, (px + 1) % G.out_w, patch + S::kpad);
    detail::conv_pixels<G, Q, 2>(patch, weights, bias, mult, out + px * G.out_c);
  }
  if constexpr (pixels % 2 != 0) {
    constexpr int px = pixels - 1;
    detail::fill_patch<G, Q>(in, px / G.out_w, px % G.out_w, patch);
    detail::conv_pixels<G, Q, 1>(patch, weights, bias, mult, out + px * G.out_c);
  }
#endif
}

}  // namespace ctml::kernels::arm_dsp

namespace ctml::kernels {

/// conv2d with the DSP extension for receptive fields of up to 1024 elements; int16 weights
/// (prepared at compile time) where they are re-read for many pixels (conv2d_wide_weights).
template <window_geometry G, requant_constants Q>
requires(arm_dsp::conv2d_fits<G>()) struct conv2d_s8_kernel<G, Q, arch::arm_dsp> {
  static constexpr weight_layout layout =
      arm_dsp::conv2d_wide_weights<G>() ? weight_layout::ohwi_s16 : weight_layout::as_imported;
  static constexpr std::size_t scratch_bytes = arm_dsp::conv2d_scratch_bytes<G>();
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& ohwi) {
    if constexpr (layout == weight_layout::ohwi_s16)
      return arm_dsp::widen_weights<G>(ohwi);
    else
      return ohwi;
  }
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* scratch) noexcept {
    arm_dsp::conv2d_s8<G, Q>(in, weights, bias, mult, out, scratch);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP

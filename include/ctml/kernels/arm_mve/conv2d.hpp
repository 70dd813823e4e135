#pragma once
// int8 convolution with Helium (MVE): every convolution becomes a matrix product of input rows
// (the receptive field of one output pixel, k = k_h * k_w * in_c int8) and weight rows (TFLite's
// OHWI, one row of k per output channel), 16 MACs per VMLADAVA.
//
// - Rows: a pointwise layer without padding reads its input pixels in place; any other layer
//   copies the receptive fields of 4 output pixels into arena scratch ("im2col"), one
//   (predicated) vector move per contiguous run of the window, padding taps set to the input
//   zero point.
// - Input offset: sum (x + off) * w = sum x * w + off * sum w. The per-channel bias + off * sum w
//   is computed at compile time by the layer (`prepare_bias`, the biases `run` reads), or, for
//   layers too large to prepare at compile time, once per call into scratch; padding taps hold
//   x = -off, so they add exactly 0. (Folding at compile time matters most when a layer runs in
//   place in bands of a few pixels, each band one call: layers/in_place.hpp.)
//   The int8 products never overflow their int32 sums (the reference's sums do not either, and
//   both are equal modulo 2^32).
// - Tile: 4 output pixels x 1 output channel: per 16 elements 4 row loads, 1 weight load and 4
//   VMLADAVA; the 4 results share the channel's multiplier, so they are requantized as one
//   vector (requantize.hpp) and stored with one scatter (the 4 pixels are out_c bytes apart).
// - The tail of a row (k % 16) is a tail-predicated load pair (zeros in the inactive lanes).

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_mve/requantize.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/kernels/reference/conv2d.hpp>

#if CTML_ARCH_ARM_MVE

namespace ctml::kernels::arm_mve {

/// Whether the Helium conv covers geometry G (4 im2col rows of at most 4 KiB each).
template <window_geometry G>
constexpr bool conv2d_fits() {
  return G.depth_multiplier == 1 && G.k_h * G.k_w * G.in_c <= 4096;
}

namespace detail {

template <window_geometry G>
struct conv_shape {
  static constexpr int k = G.k_h * G.k_w * G.in_c;  ///< dot-product length
  static constexpr int kv = k & ~15;                ///< elements in whole vectors
  static constexpr int row = (k + 15) & ~15;        ///< im2col row stride
  /// Pointwise without padding: the rows are the input pixels themselves.
  static constexpr bool direct = G.k_h == 1 && G.k_w == 1 && !touches_padding(G);
  /// ... and consecutive output pixels are consecutive input pixels.
  static constexpr bool contiguous =
      direct && G.stride_h == 1 && G.stride_w == 1 && G.in_w == G.out_w && G.in_h == G.out_h;
  static constexpr std::size_t bias_bytes = static_cast<std::size_t>(G.out_c) * 4;
  /// The biases are folded at compile time (prepare_bias) when the weights are few enough to sum there.
  static constexpr bool folded_at_compile_time =
      static_cast<std::size_t>(G.out_c) * static_cast<std::size_t>(k) <= max_prepared_weights;
  static constexpr std::size_t rows_bytes = direct ? 0 : 4 * static_cast<std::size_t>(row);
};

/// Copies `n` (compile-time) bytes from `src` to `dst`, 16 per vector, the tail predicated.
template <int N>
CTML_FORCE_INLINE void copy_bytes(const std::int8_t* src, std::int8_t* dst) noexcept {
#pragma GCC unroll 8
  for (int i = 0; i + 16 <= N; i += 16) vstrbq_s8(dst + i, vldrbq_s8(src + i));
  if constexpr (N % 16 != 0) {
    const mve_pred16_t p = vctp8q(N % 16);
    vstrbq_p_s8(dst + (N & ~15), vldrbq_z_s8(src + (N & ~15), p), p);
    stored();
  }
}

/// Sets `n` (compile-time) bytes at `dst` to `v`.
template <int N>
CTML_FORCE_INLINE void fill_bytes(std::int8_t* dst, int8x16_t v) noexcept {
#pragma GCC unroll 8
  for (int i = 0; i + 16 <= N; i += 16) vstrbq_s8(dst + i, v);
  if constexpr (N % 16 != 0) {
    vstrbq_p_s8(dst + (N & ~15), v, vctp8q(N % 16));
    stored();
  }
}

/// The receptive field of output pixel (oy, ox) as one row of k int8 (padding = input zero point).
template <window_geometry G, requant_constants Q>
inline void fill_row(const std::int8_t* in, int oy, int ox, std::int8_t* row) noexcept {
  const int y0 = oy * G.stride_h - G.pad_top;
  const int x0 = ox * G.stride_w - G.pad_left;
  const int8x16_t zp = vdupq_n_s8(static_cast<std::int8_t>(-Q.input_offset));
  constexpr int run = G.k_w * G.in_c;  // one window row, contiguous in the input when undilated
  const bool cols_inside = x0 >= 0 && x0 + (G.k_w - 1) * G.dilation_w < G.in_w;
#pragma GCC unroll 16
  for (int fy = 0; fy < G.k_h; ++fy) {
    const int iy = y0 + fy * G.dilation_h;
    std::int8_t* r = row + fy * run;
    if (iy < 0 || iy >= G.in_h) {
      fill_bytes<run>(r, zp);
      continue;
    }
    if (G.dilation_w == 1 && cols_inside) {
      copy_bytes<run>(in + (iy * G.in_w + x0) * G.in_c, r);
      continue;
    }
    for (int fx = 0; fx < G.k_w; ++fx) {
      const int ix = x0 + fx * G.dilation_w;
      if (ix >= 0 && ix < G.in_w)
        copy_bytes<G.in_c>(in + (iy * G.in_w + ix) * G.in_c, r + fx * G.in_c);
      else
        fill_bytes<G.in_c>(r + fx * G.in_c, zp);
    }
  }
}

/// Hides the pointers' values from the optimiser (no instructions): keeps GCC 12 from hoisting
/// row loads out of their loop and spilling them (there are only 8 Q registers).
CTML_FORCE_INLINE void opaque(const std::int8_t*& a, const std::int8_t*& b, const std::int8_t*& c,
                              const std::int8_t*& d, const std::int8_t*& e) noexcept {
  asm("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e));
}

/// NP (1..4) dot products of length K: rows r[j] against one weight row w, added to acc[j].
template <int K, int NP>
CTML_FORCE_INLINE void dot_rows(const std::int8_t* r0, const std::int8_t* r1, const std::int8_t* r2,
                                const std::int8_t* r3, const std::int8_t* w,
                                std::int32_t (&acc)[4]) noexcept {
  std::int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
#pragma GCC unroll 64
  for (int i = 0; i + 16 <= K; i += 16) {
    opaque(r0, r1, r2, r3, w);
    const int8x16_t wv = vldrbq_s8(w);
    a0 = vmladavaq_s8(a0, vldrbq_s8(r0), wv);
    if constexpr (NP > 1) a1 = vmladavaq_s8(a1, vldrbq_s8(r1), wv);
    if constexpr (NP > 2) a2 = vmladavaq_s8(a2, vldrbq_s8(r2), wv);
    if constexpr (NP > 3) a3 = vmladavaq_s8(a3, vldrbq_s8(r3), wv);
    r0 += 16;
    r1 += 16;
    r2 += 16;
    r3 += 16;
    w += 16;
  }
  if constexpr (K % 16 != 0) {
    // Rows of one vector stay in registers across the channel loop (4 of the 8 Q registers).
    if constexpr (K > 16) opaque(r0, r1, r2, r3, w);
    const mve_pred16_t p = vctp8q(K % 16);
    const int8x16_t wv = vldrbq_z_s8(w, p);
    a0 = vmladavaq_s8(a0, vldrbq_z_s8(r0, p), wv);
    if constexpr (NP > 1) a1 = vmladavaq_s8(a1, vldrbq_z_s8(r1, p), wv);
    if constexpr (NP > 2) a2 = vmladavaq_s8(a2, vldrbq_z_s8(r2, p), wv);
    if constexpr (NP > 3) a3 = vmladavaq_s8(a3, vldrbq_z_s8(r3, p), wv);
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

/// dot_rows for 4 rows in two pairs D apart (r1 = r0 + D, r3 = r2 + D, D <= 111): the vector
/// steps in inline assembly, 9 instructions per 16 elements (4 row loads, 1 weight load, 4
/// VMLADAVA) with write-back addressing and no other instruction. GCC 12 otherwise spends about
/// 14 instructions per output channel re-materialising the row pointers, and VMLADAVA needs its
/// accumulators in even registers, which inline assembly can only get by binding them.
template <int K, int D>
CTML_FORCE_INLINE void dot_rows_paired(const std::int8_t* r0, const std::int8_t* r2, const std::int8_t* w,
                                       std::int32_t (&acc)[4]) noexcept {
  static_assert(D > 0 && D + 16 <= 127, "dot_rows_paired: pair distance beyond a load's offset");
  register std::int32_t a0 asm("r4") = acc[0];
  register std::int32_t a1 asm("r6") = acc[1];
  register std::int32_t a2 asm("r8") = acc[2];
  register std::int32_t a3 asm("r10") = acc[3];
#pragma GCC unroll 64
  for (int i = 0; i + 16 <= K; i += 16) {
    asm volatile(
        "vldrb.8 q0, [%[w]], #16\n\t"
        "vldrb.8 q1, [%[p0]], #16\n\t"
        "vmladava.s8 %[a0], q1, q0\n\t"
        "vldrb.8 q1, [%[p0], %[d]]\n\t"
        "vmladava.s8 %[a1], q1, q0\n\t"
        "vldrb.8 q1, [%[p2]], #16\n\t"
        "vmladava.s8 %[a2], q1, q0\n\t"
        "vldrb.8 q1, [%[p2], %[d]]\n\t"
        "vmladava.s8 %[a3], q1, q0"
        :
        [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [p0] "+r"(r0), [p2] "+r"(r2), [w] "+r"(w)
        : [d] "I"(D - 16)
        : "d0", "d1", "d2", "d3", "memory");
  }
  if constexpr (K % 16 != 0) {
    const mve_pred16_t p = vctp8q(K % 16);
    const int8x16_t wv = vldrbq_z_s8(w, p);
    a0 = vmladavaq_s8(a0, vldrbq_z_s8(r0, p), wv);
    a1 = vmladavaq_s8(a1, vldrbq_z_s8(r0 + D, p), wv);
    a2 = vmladavaq_s8(a2, vldrbq_z_s8(r2, p), wv);
    a3 = vmladavaq_s8(a3, vldrbq_z_s8(r2 + D, p), wv);
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

/// bias[c] + input_offset * sum of weight row c, for every output channel, into `folded`.
template <window_geometry G, requant_constants Q>
inline void fold_bias(const std::int8_t* weights, const std::int32_t* bias, std::int32_t* folded) noexcept {
  using S = conv_shape<G>;
  for (int oc = 0; oc < G.out_c; ++oc) {
    const std::int8_t* w = weights + oc * S::k;
    std::int32_t s = 0;
#pragma GCC unroll 4
    for (int i = 0; i + 16 <= S::k; i += 16) s = vaddvaq_s8(s, vldrbq_s8(w + i));
    if constexpr (S::k % 16 != 0) s = vaddvaq_s8(s, vldrbq_z_s8(w + S::kv, vctp8q(S::k % 16)));
    folded[oc] = bias[oc] + Q.input_offset * s;
  }
}

/// bias[c] + input_offset * sum of weight row c at compile time: what fold_bias computes at run time.
template <window_geometry G, requant_constants Q, std::size_t NW, std::size_t NB>
constexpr std::array<std::int32_t, NB> folded_bias(const std::array<std::int8_t, NW>& ohwi,
                                                   const std::array<std::int32_t, NB>& bias) {
  constexpr int k = conv_shape<G>::k;
  static_assert(NB == static_cast<std::size_t>(G.out_c) && NW == NB * static_cast<std::size_t>(k));
  std::array<std::int32_t, NB> folded{};
  for (std::size_t oc = 0; oc < NB; ++oc) {
    std::int32_t s = 0;
    for (int i = 0; i < k; ++i) s += ohwi[oc * static_cast<std::size_t>(k) + static_cast<std::size_t>(i)];
    folded[oc] = bias[oc] + Q.input_offset * s;
  }
  return folded;
}

/// All output channels of NP output pixels (rows r0..r3), written at `out` (pixel stride out_c).
template <window_geometry G, requant_constants Q, int NP, int D, bool RightOnly>
inline void conv_pixels(const std::int8_t* r0, const std::int8_t* r1, const std::int8_t* r2,
                        const std::int8_t* r3, const std::int8_t* weights, const std::int32_t* folded,
                        const multiplier* mult, std::int8_t* out) noexcept {
  using S = conv_shape<G>;
  const uint32x4_t offsets = vmulq_n_u32(vidupq_n_u32(0, 1), static_cast<std::uint32_t>(G.out_c));
  const mve_pred16_t store = vctp32q(NP);
  for (int oc = 0; oc < G.out_c; ++oc) {
    const std::int32_t b = folded[oc];
    std::int32_t acc[4] = {b, b, b, b};
    if constexpr (NP == 4 && D > 0)
      dot_rows_paired<S::k, D>(r0, r2, weights + oc * S::k, acc);
    else
      dot_rows<S::k, NP>(r0, r1, r2, r3, weights + oc * S::k, acc);
    // Lanes from core registers in pairs (VMOV Qd[2], Qd[0], Rt, Rt2 writes Rt to lane 0, Rt2 to lane 2):
    // 2 instructions; GCC 12 builds the vector with 4 or through the stack.
    int32x4_t v;
    asm("vmov %q0[2], %q0[0], %1, %3\n\tvmov %q0[3], %q0[1], %2, %4"
        : "=&w"(v)
        : "r"(acc[0]), "r"(acc[1]), "r"(acc[2]), "r"(acc[3]));
    if constexpr (RightOnly)
      v = offset_clamp<Q>(requantize_n_right(v, mult[oc]));
    else
      v = offset_clamp<Q>(requantize_n(v, mult[oc]));
    if constexpr (NP == 4)
      vstrbq_scatter_offset_s32(out + oc, offsets, v);
    else
      vstrbq_scatter_offset_p_s32(out + oc, offsets, v, store);
    stored();
  }
}

}  // namespace detail

/// Bytes of scratch conv2d_s8 needs for geometry G: 4 im2col rows, and the folded biases unless
/// they were folded at compile time.
template <window_geometry G, bool Folded = detail::conv_shape<G>::folded_at_compile_time>
consteval std::size_t conv2d_scratch_bytes() {
  return (Folded ? 0 : detail::conv_shape<G>::bias_bytes) + detail::conv_shape<G>::rows_bytes;
}

/// int8 convolution, weights OHWI (TFLite's layout). Bit-identical to reference::conv2d_s8_ohwi.
/// `bias`: with Folded, bias + input_offset * sum of each weight row (detail::folded_bias, at compile
/// time), else TFLite's biases, folded here once per call. `scratch`: conv2d_scratch_bytes<G, Folded>()
/// bytes, 4-byte aligned.
template <window_geometry G, requant_constants Q, bool Folded = false>
void conv2d_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
               const multiplier* mult, std::int8_t* out, std::byte* scratch) noexcept {
  static_assert(conv2d_fits<G>(), "arm_mve::conv2d_s8: receptive field too large for the im2col rows");
  using S = detail::conv_shape<G>;
  const std::int32_t* folded = bias;
  if constexpr (!Folded) {
    auto* f = reinterpret_cast<std::int32_t*>(scratch);
    detail::fold_bias<G, Q>(weights, bias, f);
    folded = f;
  }
  auto* rows = reinterpret_cast<std::int8_t*>(scratch + (Folded ? 0 : S::bias_bytes));
  constexpr int pixels = G.out_h * G.out_w;
  constexpr int tiles_end = pixels & ~3;
  const auto pixel_row = [&](int px) -> const std::int8_t* {
    const int oy = px / G.out_w, ox = px % G.out_w;
    return in + (oy * G.stride_h * G.in_w + ox * G.stride_w) * G.in_c;
  };
  // TFLite's conv multipliers are below 1 almost always (shift < 0 for every channel): then the
  // requantization needs no left shift and no mask for the rounding fixup (4 vector instructions
  // instead of 8). A layer knows it at compile time (Q.right_shifts_only); otherwise one check per
  // call picks the variant.
  const bool right_only = Q.right_shifts_only || all_right_shifts<G.out_c>(mult);
  const auto run = [&]<int NP, bool RightOnly>(int px) {
    const std::int8_t* r[4];
    for (int j = 0; j < 4; ++j) {
      if constexpr (S::contiguous) {
        r[j] = in + (px + j) * G.in_c;
      } else if constexpr (S::direct) {
        r[j] = pixel_row(px + (j < NP ? j : 0));
      } else {
        r[j] = rows + j * S::row;
        if (j < NP) detail::fill_row<G, Q>(in, (px + j) / G.out_w, (px + j) % G.out_w, rows + j * S::row);
      }
    }
    // Rows 0/1 and 2/3 a constant distance apart (consecutive input pixels, or im2col rows).
    constexpr int d = S::contiguous ? G.in_c : (S::direct ? 0 : S::row);
    detail::conv_pixels<G, Q, NP, (d + 16 <= 127 ? d : 0), RightOnly>(r[0], r[1], r[2], r[3], weights, folded,
                                                                      mult, out + px * G.out_c);
  };
  const auto all = [&]<bool RightOnly>() {
    for (int px = 0; px < tiles_end; px += 4) run.template operator()<4, RightOnly>(px);
    if constexpr (pixels % 4 != 0) run.template operator()<pixels % 4, RightOnly>(tiles_end);
  };
  with_right_only(right_only, all);
}

}  // namespace ctml::kernels::arm_mve

namespace ctml::kernels {

/// conv2d with Helium for receptive fields of up to 4096 elements; TFLite's int8 OHWI weights. Layers
/// of at most max_prepared_weights weights get their biases with the input offset folded in at
/// compile time (`prepare_bias`, kernels/kernel.hpp); larger ones fold them once per call.
template <window_geometry G, requant_constants Q>
requires(arm_mve::conv2d_fits<G>()) struct conv2d_s8_kernel<G, Q, arch::arm_mve> : imported_weights {
  static constexpr bool prepares_bias = arm_mve::detail::conv_shape<G>::folded_at_compile_time;
  static constexpr std::size_t scratch_bytes = arm_mve::conv2d_scratch_bytes<G, prepares_bias>();
  static constexpr int pixel_block = 4;  ///< a tile of 4 output pixels
  template <std::size_t NW, std::size_t NB>
  static constexpr auto prepare_bias(const std::array<std::int8_t, NW>& ohwi,
                                     const std::array<std::int32_t, NB>& bias) {
    return arm_mve::detail::folded_bias<G, Q>(ohwi, bias);
  }
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* scratch) noexcept {
    arm_mve::conv2d_s8<G, Q, prepares_bias>(in, weights, bias, mult, out, scratch);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE

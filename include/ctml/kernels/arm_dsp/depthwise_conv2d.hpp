#pragma once
// int8 depthwise convolution (depth multiplier 1) for cores with the DSP extension.
//
// Channels are contiguous in input, weights and output, so one word holds 4 channels of a tap:
// SXTAB16 widens input bytes 0/2 and 1/3 (adding the input offset), SXTB16 the weights, and
// SMLABB / SMLATT accumulate the four channels: 4 MACs for 2 loads, 4 extends and 4 multiplies,
// with no shuffling. Windows fully inside the input (the common case) run over compile-time tap
// counts, which the compiler unrolls for 3x3; border windows use the valid tap range. The output
// rows whose windows cross the top or bottom edge each get their own code, with that range known at
// compile time: on the M4, 3 % fewer instructions per KWS depthwise layer and up to 24 % per VWW
// one than one loop over every row (docs/kernels.md).

#include <cstddef>
#include <cstdint>
#include <utility>

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/arm_dsp/intrinsics.hpp>
#include <ctml/kernels/arm_dsp/requantize.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/depthwise_conv2d.hpp>

// Only the DSP-extension targets compile this kernel (the header is empty elsewhere).
#if CTML_ARCH_ARM_DSP

namespace ctml::kernels::arm_dsp {

/// Geometries this kernel handles (others take the portable kernel).
template <window_geometry G>
constexpr bool depthwise_conv2d_fits() {
  return G.depth_multiplier == 1;
}

namespace detail {

/// An int8 word as an asm memory operand (may alias the int8 tensors, any alignment).
using s8x4_word = std::int32_t __attribute__((may_alias, aligned(1)));

/// One tap of four channels: a0..a3 += (x + offset) * w per channel, in asm so that the loads stay
/// next to their uses (GCC 12 hoists all 18 loads of a 3x3 window and spills accumulators). The
/// words are memory operands: the compiler picks [base, #constant] addressing and sees the reads.
CTML_FORCE_INLINE void mac_tap(const std::int8_t* x, const std::int8_t* w, std::int32_t off2,
                               std::int32_t& a0, std::int32_t& a1, std::int32_t& a2,
                               std::int32_t& a3) noexcept {
  std::int32_t xv, wv, xl, wl;
  __asm__(
      "ldr %[xv], %[xm]\n\t"
      "ldr %[wv], %[wm]\n\t"
      "sxtab16 %[xl], %[off], %[xv]\n\t"
      "sxtb16 %[wl], %[wv]\n\t"
      "smlabb %[a0], %[xl], %[wl], %[a0]\n\t"
      "smlatt %[a2], %[xl], %[wl], %[a2]\n\t"
      "sxtab16 %[xv], %[off], %[xv], ror #8\n\t"
      "sxtb16 %[wv], %[wv], ror #8\n\t"
      "smlabb %[a1], %[xv], %[wv], %[a1]\n\t"
      "smlatt %[a3], %[xv], %[wv], %[a3]"
      : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [xv] "=&r"(xv), [wv] "=&r"(wv),
        [xl] "=&r"(xl), [wl] "=&r"(wl)
      : [xm] "m"(*reinterpret_cast<const s8x4_word*>(x)), [wm] "m"(*reinterpret_cast<const s8x4_word*>(w)),
        [off] "r"(off2));
}

/// Four channels from `c` of one output pixel; taps [ty) x [tx) (compile-time when Full).
template <window_geometry G, requant_constants Q, bool Full>
inline void depthwise_quad(const std::int8_t* in, const std::int8_t* weights, int y0, int x0, tap_range ty,
                           tap_range tx, int c, std::int32_t (&acc)[4]) noexcept {
  constexpr std::int32_t off2 = dual_offset(Q.input_offset);
  const int fy0 = Full ? 0 : ty.begin, fy1 = Full ? G.k_h : ty.end;
  const int fx0 = Full ? 0 : tx.begin, fx1 = Full ? G.k_w : tx.end;
  std::int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  if constexpr (Full) {
#pragma GCC unroll 16
    for (int fy = fy0; fy < fy1; ++fy) {
      const int iy = y0 + fy * G.dilation_h;
#pragma GCC unroll 16
      for (int fx = fx0; fx < fx1; ++fx) {
        const int ix = x0 + fx * G.dilation_w;
        mac_tap(in + (iy * G.in_w + ix) * G.in_c + c, weights + (fy * G.k_w + fx) * G.out_c + c, off2, a0, a1,
                a2, a3);
      }
    }
  } else {
    // Border windows (a minority of the pixels): plain loops; unrolled over the run-time tap
    // ranges they made each padded 3x3 layer 6 KB of code.
#pragma GCC unroll 1
    for (int fy = fy0; fy < fy1; ++fy) {
      const int iy = y0 + fy * G.dilation_h;
#pragma GCC unroll 1
      for (int fx = fx0; fx < fx1; ++fx) {
        const int ix = x0 + fx * G.dilation_w;
        mac_tap(in + (iy * G.in_w + ix) * G.in_c + c, weights + (fy * G.k_w + fx) * G.out_c + c, off2, a0, a1,
                a2, a3);
      }
    }
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

/// The quad's requantization out of line: inlined into the pixel loop it costs more (registers).
template <requant_constants Q>
[[gnu::noinline]] void requantize_quad(const std::int32_t (&acc)[1][4], const multiplier* mult,
                                       std::int8_t* o) noexcept {
  requantize_block<Q, 1, 4, 0>(acc, mult, o);
}

template <window_geometry G, requant_constants Q, bool Full>
inline void depthwise_pixel(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                            const multiplier* mult, int y0, int x0, tap_range ty, tap_range tx,
                            std::int8_t* o) noexcept {
  constexpr int quads_end = G.out_c & ~3;
  for (int c = 0; c < quads_end; c += 4) {
    std::int32_t acc[1][4] = {{bias[c], bias[c + 1], bias[c + 2], bias[c + 3]}};
    depthwise_quad<G, Q, Full>(in, weights, y0, x0, ty, tx, c, acc[0]);
    requantize_quad<Q>(acc, mult + c, o + c);
  }
  for (int c = quads_end; c < G.out_c; ++c) {  // the last out_c % 4 channels, one at a time
    std::int32_t acc = bias[c];
    for (int fy = ty.begin; fy < ty.end; ++fy)
      for (int fx = tx.begin; fx < tx.end; ++fx) {
        const int iy = y0 + fy * G.dilation_h, ix = x0 + fx * G.dilation_w;
        acc += (std::int32_t{in[(iy * G.in_w + ix) * G.in_c + c]} + Q.input_offset) *
               std::int32_t{weights[(fy * G.k_w + fx) * G.out_c + c]};
      }
    o[c] = requantize_s8<Q.output_offset, Q.act_min, Q.act_max>(acc, mult[c]);
  }
}

/// Output row `oy`; FullY: its windows are whole along the height.
template <window_geometry G, requant_constants Q, bool FullY>
CTML_FORCE_INLINE void depthwise_row(const std::int8_t* in, const std::int8_t* weights,
                                     const std::int32_t* bias, const multiplier* mult, int oy,
                                     std::int8_t* out) noexcept {
  const int y0 = oy * G.stride_h - G.pad_top;
  const tap_range ty = FullY ? tap_range{0, G.k_h} : valid_taps(y0, G.k_h, G.dilation_h, G.in_h);
  const bool full_y = ty.begin == 0 && ty.end == G.k_h;
  for (int ox = 0; ox < G.out_w; ++ox) {
    const int x0 = ox * G.stride_w - G.pad_left;
    const tap_range tx = valid_taps(x0, G.k_w, G.dilation_w, G.in_w);
    std::int8_t* o = out + (oy * G.out_w + ox) * G.out_c;
    if (full_y && tx.begin == 0 && tx.end == G.k_w)
      depthwise_pixel<G, Q, true>(in, weights, bias, mult, y0, x0, ty, tx, o);
    else
      depthwise_pixel<G, Q, false>(in, weights, bias, mult, y0, x0, ty, tx, o);
  }
}
/// Rows `Oy...`, each its own code with its row known at compile time.
template <window_geometry G, requant_constants Q, int... Oy>
CTML_FORCE_INLINE void depthwise_rows(const std::int8_t* in, const std::int8_t* weights,
                                      const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                      std::integer_sequence<int, Oy...>) noexcept {
  (depthwise_row<G, Q, false>(in, weights, bias, mult, Oy, out), ...);
  (void)in, (void)weights, (void)bias, (void)mult, (void)out;
}
/// The size-first kernel (CTML_KERNELS_SIZE_FIRST): geometry and quantization constants at run
/// time, taps in plain loops, one copy of code for every depthwise layer of a program.
[[gnu::noinline]] inline void depthwise_conv2d_s8_shared(const window_geometry& geometry,
                                                         const requant_constants& quant,
                                                         const std::int8_t* in, const std::int8_t* weights,
                                                         const std::int32_t* bias, const multiplier* mult,
                                                         std::int8_t* out) noexcept {
  const window_geometry g = geometry;  // local copies: the int8 stores may alias any reference
  const requant_constants q = quant;
  const std::int32_t off2 = dual_offset(q.input_offset);
  const int C = g.out_c, quads_end = C & ~3;
  std::int8_t* o = out;
  for (int oy = 0; oy < g.out_h; ++oy) {
    const int y0 = oy * g.stride_h - g.pad_top;
    const tap_range ty = valid_taps(y0, g.k_h, g.dilation_h, g.in_h);
    for (int ox = 0; ox < g.out_w; ++ox, o += C) {
      const int x0 = ox * g.stride_w - g.pad_left;
      const tap_range tx = valid_taps(x0, g.k_w, g.dilation_w, g.in_w);
      // The valid taps as a rectangle of pointers: rows of ntx taps, x_col / x_row apart in the input.
      const int ntx = tx.end - tx.begin, nty = ty.end - ty.begin;
      const int x_col = g.dilation_w * C, x_row = g.dilation_h * g.in_w * C, w_row = g.k_w * C;
      const std::int8_t* xb =
          in + ((y0 + ty.begin * g.dilation_h) * g.in_w + x0 + tx.begin * g.dilation_w) * C;
      const std::int8_t* wb = weights + (ty.begin * g.k_w + tx.begin) * C;
      for (int c = 0; c < quads_end; c += 4) {
        std::int32_t a0 = bias[c], a1 = bias[c + 1], a2 = bias[c + 2], a3 = bias[c + 3];
        const std::int8_t* xr = xb + c;
        const std::int8_t* wr = wb + c;
        for (int r = 0; r < nty; ++r, xr += x_row, wr += w_row) {
          const std::int8_t* xp = xr;
          const std::int8_t* wp = wr;
          for (int t = 0; t < ntx; ++t, xp += x_col, wp += C) mac_tap(xp, wp, off2, a0, a1, a2, a3);
        }
        o[c] = requantize_s8(a0, mult[c], q);
        o[c + 1] = requantize_s8(a1, mult[c + 1], q);
        o[c + 2] = requantize_s8(a2, mult[c + 2], q);
        o[c + 3] = requantize_s8(a3, mult[c + 3], q);
      }
      for (int c = quads_end; c < C; ++c) {
        std::int32_t acc = bias[c];
        for (int fy = ty.begin; fy < ty.end; ++fy)
          for (int fx = tx.begin; fx < tx.end; ++fx) {
            const int iy = y0 + fy * g.dilation_h, ix = x0 + fx * g.dilation_w;
            acc += (std::int32_t{in[(iy * g.in_w + ix) * g.in_c + c]} + q.input_offset) *
                   std::int32_t{weights[(fy * g.k_w + fx) * C + c]};
          }
        o[c] = requantize_s8(acc, mult[c], q);
      }
    }
  }
}

}  // namespace detail

/// int8 depthwise convolution, weights [KH][KW][C]. Bit-identical to reference::depthwise_conv2d_s8.
template <window_geometry G, requant_constants Q>
void depthwise_conv2d_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                         const multiplier* mult, std::int8_t* out) noexcept {
  static_assert(depthwise_conv2d_fits<G>(), "arm_dsp::depthwise_conv2d_s8: depth multiplier must be 1");
#if defined(CTML_KERNELS_SIZE_FIRST)
  detail::depthwise_conv2d_s8_shared(G, Q, in, weights, bias, mult, out);
#else
  // Rows with taps above or below the input each get their tap range at compile time; the rows
  // between share one loop whose windows are whole along the height.
  constexpr int top = split_rows(G).top, bottom = split_rows(G).bottom;
  detail::depthwise_rows<G, Q>(in, weights, bias, mult, out, std::make_integer_sequence<int, top>{});
  // A middle row as a layer of its own (the rows it reads, no padding above or below) makes its
  // taps' offsets from the row's first input row constants, as in a band of the in-place schedule.
  // Measured on the M4: that pays off for a stride along the height or few channels (VWW's first
  // depthwise layer, 48x48x8, -18 %; its stride-2 ones -3 to -10 %) and costs 1-2 % on wider
  // stride-1 layers (KWS's 25x5x64), which keep one loop over the whole layer's rows.
  if constexpr (bottom > top && (G.stride_h > 1 || G.in_c <= 16)) {
    constexpr window_geometry row = band_of(G, top).g;
    for (int oy = top; oy < bottom; ++oy)
      detail::depthwise_row<row, Q, true>(in + (oy * G.stride_h - G.pad_top) * G.in_w * G.in_c, weights, bias,
                                          mult, 0, out + oy * G.out_w * G.out_c);
  } else {
    for (int oy = top; oy < bottom; ++oy) detail::depthwise_row<G, Q, true>(in, weights, bias, mult, oy, out);
  }
  detail::depthwise_rows<G, Q>(in, weights, bias, mult, out,
                               shifted<bottom>(std::make_integer_sequence<int, G.out_h - bottom>{}));
#endif
}

}  // namespace ctml::kernels::arm_dsp

namespace ctml::kernels {

/// depthwise_conv2d with the DSP extension (depth multiplier 1).
template <window_geometry G, requant_constants Q>
requires(arm_dsp::depthwise_conv2d_fits<G>()) struct depthwise_conv2d_s8_kernel<G, Q, arch::arm_dsp>
    : imported_weights {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    arm_dsp::depthwise_conv2d_s8<G, Q>(in, weights, bias, mult, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP

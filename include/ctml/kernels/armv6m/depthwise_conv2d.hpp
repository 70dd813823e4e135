#pragma once
// int8 depthwise convolution for Armv6-M (Cortex-M0, M0+): 3x3 windows, depth multiplier 1, channels
// in whole words. Per output pixel, four channels at a time, the whole window in one asm block: per tap one
// word of inputs (LDR) and one of weights (LDM with write-back: the weights are re-laid out at
// compile time as [channel group][tap][4]), sign-extended byte by byte (SXTB, LSLS+ASRS, ASRS),
// MULS and ADD into four accumulators in r8-r11: 23 instructions per 4 MACs. The input offset is
// folded at compile time into a per-channel constant (input_offset * sum of the channel's weights);
// a pixel whose window crosses the padding is first gathered into the arena scratch with the input
// zero point in the padding, so (x + input_offset) is 0 there and the same code and constant apply.

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/armv6m/requantize.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/kernels/reference/depthwise_conv2d.hpp>

namespace ctml::kernels::armv6m {

/// Whether the Armv6-M depthwise kernel takes geometry G.
template <window_geometry G>
constexpr bool depthwise_conv2d_fits() {
  return G.depth_multiplier == 1 && G.out_c % 4 == 0 && G.in_c == G.out_c && G.k_h == 3 && G.k_w == 3;
}

/// Whether some output pixel of G has a window that crosses the padding (it is then gathered).
template <window_geometry G>
constexpr bool depthwise_has_border() {
  return G.pad_top > 0 || G.pad_left > 0 ||
         (G.out_h - 1) * G.stride_h + (G.k_h - 1) * G.dilation_h >= G.in_h ||
         (G.out_w - 1) * G.stride_w + (G.k_w - 1) * G.dilation_w >= G.in_w;
}

/// Arena scratch of the kernel: one gathered window (taps x channels) when G has a border.
template <window_geometry G>
constexpr std::size_t depthwise_scratch_bytes() {
  return depthwise_has_border<G>() ? static_cast<std::size_t>(G.k_h * G.k_w * G.in_c) : 0;
}

/// Depthwise weights as the kernel reads them: per channel input_offset * sum of its weights
/// (int32), then the weights as [C / 4][KH * KW][4] (imported: [KH][KW][C]), word-aligned.
template <int Taps, int C>
struct depthwise_weights {
  static constexpr std::size_t bytes_count =
      4 * static_cast<std::size_t>(C) + static_cast<std::size_t>(Taps) * C;
  alignas(4) std::array<std::int8_t, bytes_count> bytes;
  constexpr const std::int8_t* data() const noexcept { return bytes.data(); }
  static constexpr std::size_t size() noexcept { return bytes_count; }
};

/// [KH][KW][C] weights as imported -> depthwise_weights, at compile time.
/// Usage: `static constexpr auto w = armv6m::fold_depthwise_weights<9, 64>(imported, Q.input_offset);`
template <int Taps, int C, std::size_t N>
constexpr auto fold_depthwise_weights(const std::array<std::int8_t, N>& w, std::int32_t input_offset) {
  static_assert(N == static_cast<std::size_t>(Taps) * C, "fold_depthwise_weights: size mismatch");
  depthwise_weights<Taps, C> r{};
  for (int c = 0; c < C; ++c) {
    std::int32_t s = 0;
    for (int t = 0; t < Taps; ++t) s += w[static_cast<std::size_t>(t * C + c)];
    const auto v = static_cast<std::uint32_t>(s * input_offset);
    for (int b = 0; b < 4; ++b)
      r.bytes[static_cast<std::size_t>(4 * c + b)] =
          static_cast<std::int8_t>(static_cast<std::uint8_t>(v >> (8 * b)));
  }
  std::size_t at = 4 * static_cast<std::size_t>(C);
  for (int g = 0; g < C; g += 4)
    for (int t = 0; t < Taps; ++t)
      for (int j = 0; j < 4; ++j) r.bytes[at++] = w[static_cast<std::size_t>(t * C + g + j)];
  return r;
}

#if CTML_ARCH_ARMV6M

namespace detail {

// One tap for four channels: the input word at xp, the weight word at wp (then wp += 4), products
// into a0..a3, xp += xs.
#define CTML_V6M_DW_TAP          \
  "ldr %[xw], [%[xp]]\n\t"       \
  "ldm %[wp]!, {%[ww]}\n\t"      \
  "sxtb %[xk], %[xw]\n\t"        \
  "sxtb %[wk], %[ww]\n\t"        \
  "muls %[wk], %[xk], %[wk]\n\t" \
  "add %[a0], %[wk]\n\t"         \
  "lsls %[xk], %[xw], #16\n\t"   \
  "asrs %[xk], %[xk], #24\n\t"   \
  "lsls %[wk], %[ww], #16\n\t"   \
  "asrs %[wk], %[wk], #24\n\t"   \
  "muls %[wk], %[xk], %[wk]\n\t" \
  "add %[a1], %[wk]\n\t"         \
  "lsls %[xk], %[xw], #8\n\t"    \
  "asrs %[xk], %[xk], #24\n\t"   \
  "lsls %[wk], %[ww], #8\n\t"    \
  "asrs %[wk], %[wk], #24\n\t"   \
  "muls %[wk], %[xk], %[wk]\n\t" \
  "add %[a2], %[wk]\n\t"         \
  "asrs %[xk], %[xw], #24\n\t"   \
  "asrs %[wk], %[ww], #24\n\t"   \
  "muls %[wk], %[xk], %[wk]\n\t" \
  "add %[a3], %[wk]\n\t"         \
  "adds %[xp], %[xp], %[xs]\n\t"

/// a[j] += sum over a KH x KW (3 x 3) window of x * w for four channels: taps `xs` bytes apart along a row,
/// `xrow` more from the end of a row to the start of the next; `wp` advances past the group's weights.
template <int KH, int KW>
CTML_FORCE_INLINE void window4(const std::int8_t* xp, const std::int8_t*& wp, std::int32_t xs,
                               std::int32_t xrow, std::int32_t (&a)[4]) noexcept {
  // Pinned to r8-r12: plain "h" constraints fail register allocation at -Os.
  register std::int32_t a0 asm("r8") = a[0];
  register std::int32_t a1 asm("r9") = a[1];
  register std::int32_t a2 asm("r10") = a[2];
  register std::int32_t a3 asm("r11") = a[3];
  register std::int32_t row asm("r12") = xrow;
  std::int32_t xw, ww, xk, wk;
  // Written out (no .rept): GCC sizes an asm block by its lines, and places literal pools by that.
  static_assert(KH == 3 && KW == 3, "window4: 3x3 windows");
  __asm__(".syntax unified\n\t" CTML_V6M_DW_TAP CTML_V6M_DW_TAP CTML_V6M_DW_TAP
          "add %[xp], %[xrow]\n\t" CTML_V6M_DW_TAP CTML_V6M_DW_TAP CTML_V6M_DW_TAP
          "add %[xp], %[xrow]\n\t" CTML_V6M_DW_TAP CTML_V6M_DW_TAP CTML_V6M_DW_TAP
          : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [xw] "=&l"(xw), [ww] "=&l"(ww),
            [xk] "=&l"(xk), [wk] "=&l"(wk), [xp] "+l"(xp), [wp] "+l"(wp)
          : [xs] "l"(xs), [xrow] "r"(row)
          : "cc", "memory");
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
  a[3] = a3;
}

#undef CTML_V6M_DW_TAP

}  // namespace detail

/// The depthwise convolution (depthwise_conv2d_fits<G>), `prepared` from fold_depthwise_weights,
/// `scratch` depthwise_scratch_bytes<G>() word-aligned bytes.
/// Usage: `armv6m::depthwise_conv2d_s8<G, Q>(in, w.data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q>
void depthwise_conv2d_s8(const std::int8_t* in, const std::int8_t* prepared, const std::int32_t* bias,
                         const multiplier* mult, std::int8_t* out, std::int8_t* scratch) noexcept {
  constexpr int C = G.out_c;
  using word_alias [[gnu::may_alias]] = std::int32_t;
  const auto* folded = reinterpret_cast<const word_alias*>(prepared);
  for_each_window<G>([&](const window_position& p) {
    std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
    const std::int8_t* src;  // the window's first tap, channel 0
    std::int32_t xs, xrow;
    if (p.ty.begin == 0 && p.ty.end == G.k_h && p.tx.begin == 0 && p.tx.end == G.k_w) {
      src = in + (p.y0 * G.in_w + p.x0) * C;
      xs = G.dilation_w * C;
      xrow = G.dilation_h * G.in_w * C - G.k_w * G.dilation_w * C;
    } else {  // gather the window, the input zero point in the padding (the folded offset stays exact)
      using word [[gnu::may_alias]] = std::uint32_t;
      const std::uint32_t zp4 =
          0x01010101u * static_cast<std::uint8_t>(static_cast<std::int8_t>(-Q.input_offset));
      auto* d = reinterpret_cast<word*>(scratch);
      for (int fy = 0; fy < G.k_h; ++fy)
        for (int fx = 0; fx < G.k_w; ++fx) {
          if (fy >= p.ty.begin && fy < p.ty.end && fx >= p.tx.begin && fx < p.tx.end) {
            const auto* s = reinterpret_cast<const word*>(
                in + ((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * C);
            for (int c = 0; c < C / 4; ++c) d[c] = s[c];
          } else {
            for (int c = 0; c < C / 4; ++c) d[c] = zp4;
          }
          d += C / 4;
        }
      src = scratch;
      xs = C;
      xrow = 0;
    }
    const std::int8_t* wp = prepared + 4 * C;
    for (int c = 0; c < C; c += 4) {
      std::int32_t a[4];
      for (int j = 0; j < 4; ++j) a[j] = bias[c + j] + folded[c + j];
      detail::window4<G.k_h, G.k_w>(src + c, wp, xs, xrow, a);
      for (int j = 0; j < 4; ++j) o[c + j] = armv6m::requantize<Q>(a[j], mult[c + j]);
    }
  });
}

#endif  // CTML_ARCH_ARMV6M

}  // namespace ctml::kernels::armv6m

#if CTML_ARCH_ARMV6M

namespace ctml::kernels {

/// depthwise_conv2d on Armv6-M (depthwise_conv2d_fits; others take the portable kernel).
/// Usage (as every depthwise kernel): `K::run(in, K::prepare(w).data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q>
requires(armv6m::depthwise_conv2d_fits<G>() &&
         static_cast<std::size_t>(G.k_h * G.k_w) * static_cast<std::size_t>(G.out_c) <=
             max_prepared_weights) struct depthwise_conv2d_s8_kernel<G, Q, arch::armv6m> {
  static constexpr weight_layout layout = weight_layout::armv6m_interleaved;
  static constexpr std::size_t scratch_bytes = armv6m::depthwise_scratch_bytes<G>();
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& w) {
    return armv6m::fold_depthwise_weights<G.k_h * G.k_w, G.out_c>(w, Q.input_offset);
  }
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* scratch) noexcept {
    armv6m::depthwise_conv2d_s8<G, Q>(in, weights, bias, mult, out, reinterpret_cast<std::int8_t*>(scratch));
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARMV6M

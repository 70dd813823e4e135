#pragma once
// int8 depthwise convolution for Armv6-M (Cortex-M0, M0+), depth multiplier 1, channels in whole
// words. Per output pixel, four channels at a time: one word of inputs and one word of weights per
// tap, sign-extended byte by byte (SXTB, LSLS+ASRS, ASRS), MULS and ADD into four accumulators in
// r8-r11 (22 instructions per 4 MACs). The input offset is folded at compile time into a
// per-channel constant (input_offset * sum of the channel's weights); a pixel whose window crosses
// the padding takes back the terms of its missing taps (a few per border pixel).

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
  return G.depth_multiplier == 1 && G.out_c % 4 == 0 && G.in_c == G.out_c;
}

/// Depthwise weights as the kernel reads them: per channel input_offset * sum of its weights
/// (int32), then the weights as imported ([KH][KW][C]), word-aligned.
template <int Taps, int C>
struct depthwise_weights {
  static constexpr std::size_t bytes_count =
      4 * static_cast<std::size_t>(C) + static_cast<std::size_t>(Taps) * C;
  alignas(4) std::array<std::int8_t, bytes_count> bytes;
  constexpr const std::int8_t* data() const noexcept { return bytes.data(); }
  static constexpr std::size_t size() noexcept { return bytes_count; }
};

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
  for (std::size_t i = 0; i < N; ++i) r.bytes[4 * static_cast<std::size_t>(C) + i] = w[i];
  return r;
}

#if CTML_ARCH_ARMV6M

namespace detail {

/// a[j] += x[j] * w[j] for four channels: one word of inputs, one of weights (both word-aligned).
CTML_FORCE_INLINE void mac4_words(const std::int8_t* x, const std::int8_t* w, std::int32_t& a0,
                                  std::int32_t& a1, std::int32_t& a2, std::int32_t& a3) noexcept {
  std::int32_t xw, ww, xk, wk;
  __asm__(
      ".syntax unified\n\t"
      "ldr %[xw], [%[x]]\n\t"
      "ldr %[ww], [%[w]]\n\t"
      "sxtb %[xk], %[xw]\n\t"
      "sxtb %[wk], %[ww]\n\t"
      "muls %[wk], %[xk], %[wk]\n\t"
      "add %[a0], %[wk]\n\t"
      "lsls %[xk], %[xw], #16\n\t"
      "asrs %[xk], %[xk], #24\n\t"
      "lsls %[wk], %[ww], #16\n\t"
      "asrs %[wk], %[wk], #24\n\t"
      "muls %[wk], %[xk], %[wk]\n\t"
      "add %[a1], %[wk]\n\t"
      "lsls %[xk], %[xw], #8\n\t"
      "asrs %[xk], %[xk], #24\n\t"
      "lsls %[wk], %[ww], #8\n\t"
      "asrs %[wk], %[wk], #24\n\t"
      "muls %[wk], %[xk], %[wk]\n\t"
      "add %[a2], %[wk]\n\t"
      "asrs %[xk], %[xw], #24\n\t"
      "asrs %[wk], %[ww], #24\n\t"
      "muls %[wk], %[xk], %[wk]\n\t"
      "add %[a3], %[wk]"
      : [a0] "+h"(a0), [a1] "+h"(a1), [a2] "+h"(a2), [a3] "+h"(a3), [xw] "=&l"(xw), [ww] "=&l"(ww),
        [xk] "=&l"(xk), [wk] "=&l"(wk)
      : [x] "l"(x), [w] "l"(w)
      : "memory");
}

}  // namespace detail

/// The depthwise convolution (depthwise_conv2d_fits<G>), `prepared` from fold_depthwise_weights.
template <window_geometry G, requant_constants Q>
void depthwise_conv2d_s8(const std::int8_t* in, const std::int8_t* prepared, const std::int32_t* bias,
                         const multiplier* mult, std::int8_t* out) noexcept {
  constexpr int C = G.out_c;
  using word_alias [[gnu::may_alias]] = std::int32_t;
  const auto* folded = reinterpret_cast<const word_alias*>(prepared);
  const std::int8_t* weights = prepared + 4 * C;
  for_each_window<G>([&](const window_position& p) {
    std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
    const bool whole = p.ty.begin == 0 && p.ty.end == G.k_h && p.tx.begin == 0 && p.tx.end == G.k_w;
    for (int c = 0; c < C; c += 4) {
      std::int32_t a[4];
      for (int j = 0; j < 4; ++j) a[j] = bias[c + j] + folded[c + j];
      if (!whole) {  // the folded constant counted every tap; take back those in the padding
        for (int fy = 0; fy < G.k_h; ++fy)
          for (int fx = 0; fx < G.k_w; ++fx)
            if (fy < p.ty.begin || fy >= p.ty.end || fx < p.tx.begin || fx >= p.tx.end)
              for (int j = 0; j < 4; ++j) a[j] -= Q.input_offset * weights[(fy * G.k_w + fx) * C + c + j];
      }
      std::int32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy) {
        const std::int8_t* ip = in + ((p.y0 + fy * G.dilation_h) * G.in_w + p.x0) * C + c;
        const std::int8_t* wp = weights + fy * G.k_w * C + c;
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx)
          detail::mac4_words(ip + fx * G.dilation_w * C, wp + fx * C, a0, a1, a2, a3);
      }
      o[c] = armv6m::requantize<Q>(a0, mult[c]);
      o[c + 1] = armv6m::requantize<Q>(a1, mult[c + 1]);
      o[c + 2] = armv6m::requantize<Q>(a2, mult[c + 2]);
      o[c + 3] = armv6m::requantize<Q>(a3, mult[c + 3]);
    }
  });
}

#endif  // CTML_ARCH_ARMV6M

}  // namespace ctml::kernels::armv6m

#if CTML_ARCH_ARMV6M

namespace ctml::kernels {

/// depthwise_conv2d on Armv6-M (depthwise_conv2d_fits; others take the portable kernel).
template <window_geometry G, requant_constants Q>
requires(armv6m::depthwise_conv2d_fits<G>()) struct depthwise_conv2d_s8_kernel<G, Q, arch::armv6m> {
  static constexpr weight_layout layout = weight_layout::armv6m_interleaved;
  static constexpr std::size_t scratch_bytes = 0;
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& w) {
    return armv6m::fold_depthwise_weights<G.k_h * G.k_w, G.out_c>(w, Q.input_offset);
  }
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    armv6m::depthwise_conv2d_s8<G, Q>(in, weights, bias, mult, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARMV6M

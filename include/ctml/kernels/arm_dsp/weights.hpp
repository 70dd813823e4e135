#pragma once
// Compile-time weight re-layout for the arm_dsp convolution: OHWI int8 widened to int16 and put in
// the order the SMLAD dot products read (see conv2d.hpp). Portable constexpr code, used by the
// layer (kernels::conv2d_s8_layout picks it) and by tests/nn/kernels on every target.
//
// Why: a pointwise or KxK convolution re-reads every weight once per output pixel. Widening
// int8 -> int16 at compile time removes the two SXTB16 per weight word from the inner loop (12
// instead of 16 instructions per 16 MACs), for twice the weight flash; the layout is only chosen
// where weights are re-read often (conv2d_wide_weights) and never under CTML_KERNELS_SIZE_FIRST.

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/kernels/geometry.hpp>

namespace ctml::kernels::arm_dsp {

/// Position of element i of a receptive field (or weight row) of length with kq elements in whole
/// groups of 4: x0 x2 x1 x3 per group, the order SXTAB16 / SXTAB16 ROR 8 widen a word into;
/// elements past the last whole group keep their order.
constexpr int patch_pos(int i, int kq) {
  if (i >= kq) return i;
  constexpr int perm[4] = {0, 2, 1, 3};
  return (i & ~3) | perm[i & 3];
}

/// Row stride, in int16, of a patch or widened weight row of k elements (even: rows stay
/// word-aligned for LDRD).
constexpr int wide_row(int k) {
  return (k + 1) & ~1;
}

/// Whether conv geometry G gets int16 weights: each weight is re-read for at least 32 output
/// pixels, and the layer has at most 8 Ki weights. The cap keeps a model's flash (code + weights)
/// below TFLM + CMSIS-NN's: the large late layers of MobileNet/ResNet would double 100+ KB of
/// weights for few pixels each, while KWS's and the early layers' weights are small.
template <window_geometry G>
constexpr bool conv2d_wide_weights() {
#if defined(CTML_KERNELS_SIZE_FIRST)
  return false;
#else
  return layer_pixels(G) >= 32 && G.out_c * G.k_h * G.k_w * G.in_c <= 8192;
#endif
}

/// Widened weights: int16 stored as little-endian byte pairs in an int8 array (the kernels take
/// `const std::int8_t*`), word-aligned for LDRD.
template <std::size_t N>
struct wide_weights {
  alignas(4) std::array<std::int8_t, N> bytes;
  constexpr const std::int8_t* data() const noexcept { return bytes.data(); }
  static constexpr std::size_t size() noexcept { return N; }
};

/// OHWI int8 weights (oc rows of k) -> widened rows at patch_pos order, at compile time or run time.
constexpr void widen_weights_into(const std::int8_t* w, int oc, int k, std::int8_t* out) {
  const int kq = k & ~3, row = wide_row(k);
  for (int i = 0; i < 2 * oc * row; ++i) out[i] = 0;
  for (int o = 0; o < oc; ++o)
    for (int i = 0; i < k; ++i) {
      const auto v = static_cast<std::uint16_t>(static_cast<std::int16_t>(w[o * k + i]));
      const int at = 2 * (o * row + patch_pos(i, kq));
      out[at] = static_cast<std::int8_t>(static_cast<std::uint8_t>(v & 0xffu));
      out[at + 1] = static_cast<std::int8_t>(static_cast<std::uint8_t>(v >> 8));
    }
}

template <window_geometry G, std::size_t N>
constexpr auto widen_weights(const std::array<std::int8_t, N>& ohwi) {
  constexpr int k = G.k_h * G.k_w * G.in_c;
  static_assert(N == static_cast<std::size_t>(G.out_c * k),
                "widen_weights: weights do not match the geometry");
  wide_weights<static_cast<std::size_t>(2 * G.out_c * wide_row(k))> r{};
  widen_weights_into(ohwi.data(), G.out_c, k, r.bytes.data());
  return r;
}

/// int8 weight rows of length k (OHWI conv rows, or dense [units][in] rows) with each whole group of
/// 4 stored w0 w2 w1 w3 (patch_pos order), so that SXTB16 / SXTB16 ROR 8 of a weight word give the
/// natural pairs (w0, w1) and (w2, w3): the int16x8 kernels then read int16 activations as they
/// are, one word per pair, and the weights stay int8 (no extra flash). At compile or run time.
constexpr void pair_order_into(const std::int8_t* w, int rows, int k, std::int8_t* out) {
  const int kq = k & ~3;
  for (int o = 0; o < rows; ++o)
    for (int i = 0; i < k; ++i) out[o * k + patch_pos(i, kq)] = w[o * k + i];
}

/// pair_order_into at compile time. Usage: `static constexpr auto w = pair_order_weights(imported, units,
/// in);`
template <std::size_t N>
constexpr std::array<std::int8_t, N> pair_order_weights(const std::array<std::int8_t, N>& w, int rows,
                                                        int k) {
  std::array<std::int8_t, N> r{};
  pair_order_into(w.data(), rows, k, r.data());
  return r;
}

}  // namespace ctml::kernels::arm_dsp

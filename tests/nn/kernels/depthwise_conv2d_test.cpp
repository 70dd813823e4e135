// kernels::depthwise_conv2d_s8_kernel (selected) against kernels::reference::depthwise_conv2d_s8, byte for
// byte: 3x3 and other windows, strides, dilation, padding at every edge, channel counts that are
// not multiples of 4, depth multiplier 2 (portable fallback), zero points at -128 / 127.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/depthwise_conv2d.hpp>

#include "harness.hpp"

namespace {

using ctml::kernels::requant_constants;
using ctml::kernels::window_geometry;

constexpr int max_elems = 2048;
alignas(4) std::int8_t g_in[max_elems];  // word-aligned, as the arena places every tensor
std::int8_t g_w[max_elems], g_out_ref[max_elems], g_out_sel[max_elems];
std::int32_t g_bias[256];
[[maybe_unused]] std::int32_t g_bias_sel[512];  // Helium: biases and folded biases
ctml::multiplier g_mult[256];

template <window_geometry G, requant_constants Q>
int check_dw(std::uint32_t seed, bool mixed_shifts = false) {
  constexpr int in_n = G.in_h * G.in_w * G.in_c;
  constexpr int w_n = G.k_h * G.k_w * G.out_c;
  constexpr int out_n = G.out_h * G.out_w * G.out_c;
  static_assert(in_n <= max_elems && w_n <= max_elems && out_n <= max_elems && G.out_c <= 256);
  static_assert(G.out_c == G.in_c * G.depth_multiplier);
  kernels_test::rng r{seed};
  for (int i = 0; i < in_n; ++i) g_in[i] = r.s8();
  for (int i = 0; i < w_n; ++i) g_w[i] = r.s8();
  const int acc_bits = 14 + kernels_test::bits(G.k_h * G.k_w) / 2;
  for (int c = 0; c < G.out_c; ++c) {
    g_bias[c] = r.uniform(-20000, 20000);
    g_mult[c] = kernels_test::random_multiplier(r, acc_bits);
  }
  // Shifts of 0 and +1 on two channels (the general requantization, not the right-shift-only one),
  // multipliers scaled so that the outputs still span the int8 range.
  if (mixed_shifts) {
    g_mult[0] = {static_cast<std::int32_t>((1u << (31 - acc_bits + 6)) + (r.next() >> (acc_bits - 4))), 0};
    g_mult[G.out_c - 1] = {
        static_cast<std::int32_t>((1u << (30 - acc_bits + 6)) + (r.next() >> (acc_bits - 3))), 1};
  }
  std::memset(g_out_ref, 0x55, out_n);
  std::memset(g_out_sel, 0x33, out_n);
  ctml::kernels::reference::depthwise_conv2d_s8<G, Q>(g_in, g_w, g_bias, g_mult, g_out_ref);
  using sel = ctml::kernels::depthwise_conv2d_s8_kernel<G, Q>;
  const std::int8_t* w = kernels_test::prepare_for<sel, static_cast<std::size_t>(w_n)>(g_w);
  // The biases the selected kernel reads: as imported, or prepared (K::prepare_bias, at compile time in
  // a layer: Helium's folded biases).
  const std::int32_t* bias_sel = g_bias;
  if constexpr (ctml::kernels::prepares_bias<sel>) {
    std::array<std::int8_t, static_cast<std::size_t>(w_n)> iw;
    std::memcpy(iw.data(), g_w, iw.size());
    std::array<std::int32_t, static_cast<std::size_t>(G.out_c)> bias;
    std::memcpy(bias.data(), g_bias, sizeof(bias));
    const auto prepared = sel::prepare_bias(iw, bias);
    static_assert(sizeof(prepared) <= sizeof(g_bias_sel));
    std::memcpy(g_bias_sel, prepared.data(), sizeof(prepared));
    bias_sel = g_bias_sel;
  }
  sel::run(g_in, w, bias_sel, g_mult, g_out_sel, kernels_test::scratch_for<sel>());
  int diff = 0;
  for (int i = 0; i < out_n; ++i) diff += g_out_ref[i] != g_out_sel[i];
  // The layer over its own input (Helium: stride 1, equal shapes; layers/in_place.hpp): the input
  // copied into the output buffer and overwritten there.
  if constexpr (ctml::kernels::runs_in_place<sel>) {
    static_assert(in_n == out_n);
    static_assert(sel::in_place_scratch_bytes <= sizeof(kernels_test::g_scratch));
    std::memcpy(g_out_sel, g_in, static_cast<std::size_t>(in_n));
    sel::run_in_place(g_out_sel, w, bias_sel, g_mult, kernels_test::g_scratch);
    for (int i = 0; i < out_n; ++i) diff += g_out_ref[i] != g_out_sel[i];
  }
  int distinct = 0;
  for (int i = 1; i < out_n; ++i) distinct += g_out_ref[i] != g_out_ref[0];
  CHECK(distinct > 0);
  return diff;
}

template <window_geometry G, requant_constants Q>
void check_dw_seeds() {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    CHECK(check_dw<G, Q>(seed * 2246822519u, seed == 3) == 0);
  }
}

constexpr window_geometry dw3_same{6, 5, 8, 6, 5, 8, 3, 3, 1, 1, 1, 1, 1, 1};
constexpr window_geometry dw3_s2{7, 6, 12, 4, 3, 12, 3, 3, 2, 2, 1, 1, 1, 1};
constexpr window_geometry dw3_odd{5, 5, 13, 5, 5, 13, 3, 3, 1, 1, 1, 1, 1, 1};    // 13 channels
constexpr window_geometry dw3_s2_br{6, 6, 4, 3, 3, 4, 3, 3, 2, 2, 1, 1, 0, 0};    // pads bottom/right
constexpr window_geometry dw3_valid{5, 4, 6, 3, 2, 6, 3, 3};                      // no padding, 6 ch
constexpr window_geometry dw_5x3_dil{9, 7, 8, 5, 5, 8, 5, 3, 1, 1, 2, 1, 2, 1};   // 5x3, dilation 2
constexpr window_geometry dw_mult2{5, 4, 3, 5, 4, 6, 3, 3, 1, 1, 1, 1, 1, 1, 2};  // depth multiplier 2

constexpr window_geometry dw3_21{5, 6, 21, 5, 6, 21, 3, 3, 1, 1, 1, 1, 1, 1};     // 5 groups + 1
constexpr window_geometry dw3_s2_7{7, 7, 7, 4, 4, 7, 3, 3, 2, 2, 1, 1, 1, 1};     // 4 + 3 channels
constexpr window_geometry dw3_small{3, 3, 10, 3, 3, 10, 3, 3, 1, 1, 1, 1, 1, 1};  // 8 of 9 on the border

constexpr requant_constants q_a{128, -128, -128, 127};
constexpr requant_constants q_b{-127, 127, -128, 127};
constexpr requant_constants q_c{7, 2, -128, 90};

}  // namespace

TEST_CASE("depthwise_conv2d_s8: 3x3") {
  check_dw_seeds<dw3_same, q_a>();
  check_dw_seeds<dw3_s2, q_b>();
  check_dw_seeds<dw3_odd, q_c>();
  check_dw_seeds<dw3_s2_br, q_a>();
  check_dw_seeds<dw3_valid, q_b>();
  check_dw_seeds<dw3_21, q_a>();
  check_dw_seeds<dw3_s2_7, q_c>();
  check_dw_seeds<dw3_small, q_b>();
}

TEST_CASE("depthwise_conv2d_s8: general windows and depth multiplier") {
  check_dw_seeds<dw_5x3_dil, q_c>();
  check_dw_seeds<dw_mult2, q_a>();
}

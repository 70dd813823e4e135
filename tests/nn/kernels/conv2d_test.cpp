// kernels::conv2d_s8_kernel (the selected kernel, in the layout it asks for) against
// kernels::reference::conv2d_s8_ohwi, byte for byte, over geometries covering pointwise 1x1, general
// KxK, first layers with 1 or 3 input channels, strides, dilation, padding at every edge, odd
// channel and pixel counts, and zero points at -128 / 127.
#include <array>
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/conv2d.hpp>

#include "harness.hpp"

namespace {

using ctml::kernels::requant_constants;
using ctml::kernels::weight_layout;
using ctml::kernels::window_geometry;

constexpr int max_elems = 2048;

// Static buffers: the emulated cores have a small stack.
// The input word-aligned, as the arena places every tensor (the Armv6-M kernel loads words).
alignas(4) std::int8_t g_in[max_elems];
std::int8_t g_w[max_elems], g_out_ref[max_elems], g_out_sel[max_elems];
// Widened weights (ohwi_s16) take two bytes per weight and must be word-aligned.
alignas(4) std::int8_t g_w_sel[2 * max_elems];
std::int32_t g_bias[256];
[[maybe_unused]] std::int32_t g_bias_sel[256];  // Helium: the prepared biases
ctml::multiplier g_mult[256];

template <window_geometry G, requant_constants Q>
int check_conv(std::uint32_t seed, bool mixed_shifts = false) {
  constexpr int in_n = G.in_h * G.in_w * G.in_c;
  constexpr int w_n = G.out_c * G.k_h * G.k_w * G.in_c;
  constexpr int out_n = G.out_h * G.out_w * G.out_c;
  static_assert(in_n <= max_elems && w_n <= max_elems && out_n <= max_elems && G.out_c <= 256);
  // Every output's window must lie on the input, possibly over padding, as TFLite shapes it.
  static_assert((G.out_h - 1) * G.stride_h - G.pad_top < G.in_h &&
                (G.out_w - 1) * G.stride_w - G.pad_left < G.in_w);
  kernels_test::rng r{seed};
  for (int i = 0; i < in_n; ++i) g_in[i] = r.s8();
  for (int i = 0; i < w_n; ++i) g_w[i] = r.s8();
  const int acc_bits = 14 + kernels_test::bits(G.k_h * G.k_w * G.in_c) / 2;
  for (int c = 0; c < G.out_c; ++c) {
    g_bias[c] = r.uniform(-20000, 20000);
    g_mult[c] = kernels_test::random_multiplier(r, acc_bits);
  }
  // Shifts of 0 and +1 on two channels: the kernels' general requantization (left shift, no
  // rounding divide) instead of the right-shift-only variant the Helium conv takes otherwise.
  if (mixed_shifts) {  // multipliers scaled so that the outputs still span the int8 range
    g_mult[0] = {static_cast<std::int32_t>((1u << (31 - acc_bits + 6)) + (r.next() >> (acc_bits - 4))), 0};
    g_mult[G.out_c - 1] = {
        static_cast<std::int32_t>((1u << (30 - acc_bits + 6)) + (r.next() >> (acc_bits - 3))), 1};
  }
  // OHWI -> the selected kernel's layout (K::prepare does this at compile time in a layer; the
  // weights here are run-time data).
  using sel = ctml::kernels::conv2d_s8_kernel<G, Q>;
  if constexpr (sel::layout == weight_layout::hwio) {
    for (int o = 0; o < G.out_c; ++o)
      for (int t = 0; t < G.k_h * G.k_w; ++t)
        for (int c = 0; c < G.in_c; ++c)
          g_w_sel[(t * G.in_c + c) * G.out_c + o] = g_w[(o * G.k_h * G.k_w + t) * G.in_c + c];
  } else if constexpr (sel::layout == weight_layout::ohwi_s16) {
    constexpr int k = G.k_h * G.k_w * G.in_c;
    static_assert(2 * G.out_c * ctml::kernels::arm_dsp::wide_row(k) <= 2 * max_elems);
    ctml::kernels::arm_dsp::widen_weights_into(g_w, G.out_c, k, g_w_sel);
  } else if constexpr (sel::layout == weight_layout::armv6m_interleaved) {
    std::array<std::int8_t, w_n> ohwi;
    std::memcpy(ohwi.data(), g_w, w_n);
    const auto prepared = sel::prepare(ohwi);
    static_assert(sizeof(prepared) <= sizeof(g_w_sel));
    std::memcpy(g_w_sel, prepared.data(), prepared.size());
  } else {
    std::memcpy(g_w_sel, g_w, w_n);
  }
  // The biases the selected kernel reads: as imported, or prepared (K::prepare_bias, which a layer
  // evaluates at compile time: the Helium conv folds the input offset into them).
  const std::int32_t* bias_sel = g_bias;
  if constexpr (ctml::kernels::prepares_bias<sel>) {
    std::array<std::int8_t, w_n> ohwi;
    std::memcpy(ohwi.data(), g_w, w_n);
    std::array<std::int32_t, static_cast<std::size_t>(G.out_c)> bias;
    std::memcpy(bias.data(), g_bias, sizeof(bias));
    const auto prepared = sel::prepare_bias(ohwi, bias);
    static_assert(sizeof(prepared) <= sizeof(g_bias_sel));
    std::memcpy(g_bias_sel, prepared.data(), sizeof(prepared));
    bias_sel = g_bias_sel;
  }
  std::memset(g_out_ref, 0x55, out_n);
  std::memset(g_out_sel, 0x33, out_n);
  ctml::kernels::reference::conv2d_s8_ohwi<G, Q>(g_in, g_w, g_bias, g_mult, g_out_ref);
  sel::run(g_in, g_w_sel, bias_sel, g_mult, g_out_sel, kernels_test::scratch_for<sel>());
  int diff = 0;
  for (int i = 0; i < out_n; ++i) diff += g_out_ref[i] != g_out_sel[i];
  // A test whose outputs all clamp would prove little.
  int distinct = 0;
  for (int i = 1; i < out_n; ++i) distinct += g_out_ref[i] != g_out_ref[0];
  CHECK(distinct > 0);
  return diff;
}

template <window_geometry G, requant_constants Q>
void check_conv_seeds() {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    CHECK(check_conv<G, Q>(seed * 2654435761u, seed == 3) == 0);
  }
}

// Geometries. Fields: in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w, stride_h, stride_w,
// dilation_h, dilation_w, pad_top, pad_left.
constexpr window_geometry pw_a{5, 3, 16, 5, 3, 6, 1, 1};                    // pointwise, odd pixel count
constexpr window_geometry pw_b{4, 4, 12, 4, 4, 7, 1, 1};                    // odd out_c
constexpr window_geometry pw_c{3, 3, 20, 3, 3, 5, 1, 1};                    // in_c % 8 != 0
constexpr window_geometry pw_d{2, 3, 7, 2, 3, 9, 1, 1};                     // in_c odd (element-wise patch)
constexpr window_geometry pw_s2{5, 6, 8, 3, 3, 4, 1, 1, 2, 2};              // 1x1 stride 2
constexpr window_geometry same3{6, 5, 4, 6, 5, 5, 3, 3, 1, 1, 1, 1, 1, 1};  // 3x3 same, pad on all edges
constexpr window_geometry same3_16{5, 4, 16, 5, 4, 6, 3, 3, 1, 1, 1, 1, 1, 1};
constexpr window_geometry first3{7, 7, 3, 4, 4, 8, 3, 3, 2, 2, 1, 1, 1, 1};       // VWW-like first layer
constexpr window_geometry bottom_pad{5, 5, 4, 3, 3, 3, 3, 3, 2, 2, 1, 1, 0, 0};   // pads bottom/right only
constexpr window_geometry kws_first{13, 7, 1, 7, 4, 6, 10, 4, 2, 2, 1, 1, 4, 1};  // 10x4, 1 channel
constexpr window_geometry dilated{7, 8, 6, 5, 4, 5, 2, 3, 1, 2, 2, 2, 0, 1};      // dilation 2, in_c 6
constexpr window_geometry valid5{7, 6, 8, 3, 2, 3, 5, 5};                         // 5x5 valid
constexpr window_geometry one_px{3, 3, 5, 1, 1, 3, 3, 3};                         // a single output pixel

// At least 32 output pixels: the Arm DSP kernel gets int16 weights (layout ohwi_s16) for these.
constexpr window_geometry pw_wide{8, 5, 16, 8, 5, 7, 1, 1};                            // odd out_c
constexpr window_geometry same3_wide{7, 6, 5, 7, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1};        // k = 45, odd
constexpr window_geometry first_wide{13, 9, 3, 7, 5, 6, 3, 3, 2, 2, 1, 1, 1, 1};       // 35 pixels
constexpr window_geometry kws_first_wide{17, 9, 1, 9, 5, 3, 10, 4, 2, 2, 1, 1, 4, 1};  // 45 pixels

// Helium: dot-product lengths past several 16-element vectors with a tail, and over 256.
constexpr window_geometry pw_37{4, 3, 37, 4, 3, 5, 1, 1};                       // k = 37
constexpr window_geometry pw_48_s2{5, 5, 48, 3, 3, 9, 1, 1, 2, 2};              // 9 pixels, stride 2
constexpr window_geometry same3_19{5, 5, 19, 5, 5, 3, 3, 3, 1, 1, 1, 1, 1, 1};  // k = 171
constexpr window_geometry valid3_32{4, 4, 32, 2, 2, 7, 3, 3};                   // k = 288
constexpr window_geometry dil_pad_7{6, 7, 7, 5, 4, 3, 3, 2, 1, 2, 2, 3, 2, 1};  // dilated rows, k = 42

constexpr requant_constants q_a{128, -128, -128, 127};  // input zero point -128, output zp -128
constexpr requant_constants q_b{-127, 127, -128, 127};  // input zero point 127, output zp 127
constexpr requant_constants q_c{5, -3, -128, 100};      // clamp below 127
constexpr requant_constants q_d{0, 0, -20, 127};        // relu-like clamp

}  // namespace

TEST_CASE("conv2d_s8: pointwise 1x1") {
  check_conv_seeds<pw_a, q_a>();
  check_conv_seeds<pw_b, q_b>();
  check_conv_seeds<pw_c, q_c>();
  check_conv_seeds<pw_d, q_d>();
  check_conv_seeds<pw_s2, q_a>();
  check_conv_seeds<pw_s2, q_d>();  // Armv6-M: input zero point 0 (no folded offset)
}

TEST_CASE("conv2d_s8: general KxK, padding at every edge, strides, dilation") {
  check_conv_seeds<same3, q_b>();
  check_conv_seeds<same3_16, q_a>();
  check_conv_seeds<bottom_pad, q_c>();
  check_conv_seeds<dilated, q_d>();
  check_conv_seeds<valid5, q_b>();
  check_conv_seeds<one_px, q_a>();
}

TEST_CASE("conv2d_s8: layers with many output pixels (widened weights on Arm DSP)") {
  check_conv_seeds<pw_wide, q_b>();
  check_conv_seeds<same3_wide, q_a>();
  check_conv_seeds<first_wide, q_c>();
  check_conv_seeds<kws_first_wide, q_d>();
}

TEST_CASE("conv2d_s8: long dot products with tails (Helium)") {
  check_conv_seeds<pw_37, q_a>();
  check_conv_seeds<pw_48_s2, q_b>();
  check_conv_seeds<same3_19, q_c>();
  check_conv_seeds<valid3_32, q_d>();
  check_conv_seeds<dil_pad_7, q_a>();
}

TEST_CASE("conv2d_s8: first layers with few input channels") {
  check_conv_seeds<first3, q_a>();
  check_conv_seeds<kws_first, q_b>();
}

// kernels::conv2d_s16_kernel and kernels::dense_s16_kernel (the selected int16x8 kernels, weights
// in the layout they ask for) against kernels::reference::conv2d_s16 / dense_s16 (TFLite's 16x8
// arithmetic: int64 accumulator and bias, 64-bit requantization), byte for byte: pointwise and
// KxK, padding at every edge, strides, dilation, odd channel, pixel and input counts, dot products
// longer than 508 (the Arm kernels' int32 runs) and sums past 2^31 (extreme inputs and weights).
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/conv2d.hpp>
#include <ctml/kernels/dense.hpp>

#include "harness.hpp"

namespace {

using ctml::kernels::requant_constants;
using ctml::kernels::weight_layout;
using ctml::kernels::window_geometry;

constexpr int max_elems = 6144;

// Static buffers: the emulated cores have a small stack.
std::int16_t g_in[max_elems], g_out_ref[max_elems], g_out_sel[max_elems];
std::int8_t g_w[max_elems], g_w_sel[max_elems];
std::int64_t g_bias[256];
ctml::multiplier g_mult[256];

/// An int16 activation, a quarter of them at the extremes.
std::int16_t s16(kernels_test::rng& r) {
  const std::uint32_t v = r.next() % 8;
  if (v == 0) return -32768;
  if (v == 1) return 32767;
  return static_cast<std::int16_t>(r.uniform(-32768, 32767));
}

/// Random data; `extreme`: every input -32768 and the weights of output channel 0 all -128, so that
/// its sum (k * 2^22) passes 2^31 when k > 511. Multipliers map 2^acc_bits to about 2^15.
void fill(kernels_test::rng& r, int in_n, int w_n, int rows, int k, bool extreme) {
  for (int i = 0; i < in_n; ++i) g_in[i] = extreme ? std::int16_t{-32768} : s16(r);
  for (int i = 0; i < w_n; ++i) g_w[i] = r.s8();
  if (extreme)
    for (int i = 0; i < k; ++i) g_w[i] = -128;
  const int acc_bits = extreme ? 22 + kernels_test::bits(k) : 22 + kernels_test::bits(k) / 2;
  for (int o = 0; o < rows; ++o) {
    g_bias[o] = r.uniform(-2000000, 2000000);
    ctml::multiplier m;
    m.value = static_cast<std::int32_t>((1u << 30) + (r.next() >> 2));
    m.shift = 15 - acc_bits + (extreme ? 0 : r.uniform(-2, 1));
    g_mult[o] = m;
  }
}

/// The imported weights in the selected kernel's layout (its `prepare`, at run time).
template <class Sel>
void prepare_weights(int rows, int k) {
  if constexpr (Sel::layout == weight_layout::pair_order)
    ctml::kernels::arm_dsp::pair_order_into(g_w, rows, k, g_w_sel);
  else
    std::memcpy(g_w_sel, g_w, static_cast<std::size_t>(rows * k));
}

/// Mismatching outputs; also checks that the outputs (if several) are not all equal (clamped).
int compare(int out_n) {
  int diff = 0, distinct = 0;
  for (int i = 0; i < out_n; ++i) diff += g_out_ref[i] != g_out_sel[i];
  for (int i = 1; i < out_n; ++i) distinct += g_out_ref[i] != g_out_ref[0];
  if (out_n > 1) CHECK(distinct > 0);
  return diff;
}

template <window_geometry G, requant_constants Q>
int check_conv(std::uint32_t seed, bool extreme) {
  constexpr int in_n = G.in_h * G.in_w * G.in_c;
  constexpr int k = G.k_h * G.k_w * G.in_c;
  constexpr int w_n = G.out_c * k;
  constexpr int out_n = G.out_h * G.out_w * G.out_c;
  static_assert(in_n <= max_elems && w_n <= max_elems && out_n <= max_elems && G.out_c <= 256);
  static_assert((G.out_h - 1) * G.stride_h - G.pad_top < G.in_h &&
                (G.out_w - 1) * G.stride_w - G.pad_left < G.in_w);
  kernels_test::rng r{seed};
  fill(r, in_n, w_n, G.out_c, k, extreme);
  using sel = ctml::kernels::conv2d_s16_kernel<G, Q>;
  prepare_weights<sel>(G.out_c, k);
  for (int i = 0; i < out_n; ++i) g_out_ref[i] = 0x5555, g_out_sel[i] = 0x3333;
  ctml::kernels::reference::conv2d_s16<G, Q>(g_in, g_w, g_bias, g_mult, g_out_ref);
  sel::run(g_in, g_w_sel, g_bias, g_mult, g_out_sel, kernels_test::scratch_for<sel>());
  if (extreme) {  // channel 0 of a pixel without padding: not clamped, so the sum past 2^31 counts
    const int v = g_out_ref[(G.out_h / 2 * G.out_w + G.out_w / 2) * G.out_c];
    CHECK((v > Q.act_min && v < Q.act_max));
  }
  return compare(out_n);
}

template <window_geometry G, requant_constants Q>
void check_conv_seeds() {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    CHECK(check_conv<G, Q>(seed * 2654435761u, false) == 0);
  }
}

template <int Units, int In, bool PerChannel, requant_constants Q>
int check_dense(std::uint32_t seed, bool extreme) {
  static_assert(In <= max_elems && Units * In <= max_elems && Units <= 256);
  kernels_test::rng r{seed};
  fill(r, In, Units * In, Units, In, extreme);
  using sel = ctml::kernels::dense_s16_kernel<Units, In, PerChannel, Q>;
  prepare_weights<sel>(Units, In);
  for (int i = 0; i < Units; ++i) g_out_ref[i] = 0x5555, g_out_sel[i] = 0x3333;
  ctml::kernels::reference::dense_s16<Units, In, PerChannel, Q>(g_in, g_w, g_bias, g_mult, g_out_ref);
  sel::run(g_in, g_w_sel, g_bias, g_mult, g_out_sel, kernels_test::scratch_for<sel>());
  if (extreme) {
    const int v = g_out_ref[0];
    CHECK((v > Q.act_min && v < Q.act_max));
  }
  return compare(Units);
}

template <int Units, int In, bool PerChannel, requant_constants Q>
void check_dense_seeds() {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    CHECK(check_dense<Units, In, PerChannel, Q>(seed * 3266489917u, false) == 0);
  }
}

// Fields: in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w, stride_h, stride_w, dilation_h,
// dilation_w, pad_top, pad_left.
constexpr window_geometry pw_a{5, 3, 16, 5, 3, 6, 1, 1};                    // pointwise (direct), odd pixels
constexpr window_geometry pw_odd{3, 5, 17, 2, 3, 7, 1, 1, 2, 2};            // 1x1 stride 2, in_c 17, out_c 7
constexpr window_geometry same3{6, 5, 4, 6, 5, 5, 3, 3, 1, 1, 1, 1, 1, 1};  // 3x3 same, pad on all edges
constexpr window_geometry same3_s2{7, 9, 3, 4, 9, 5, 3, 3, 2, 1, 1, 1, 1, 1};     // k = 27, stride 2x1
constexpr window_geometry dilated{9, 8, 5, 7, 2, 3, 2, 3, 1, 2, 2, 2, 0, 0};      // dilation 2, valid
constexpr window_geometry dil_pad{6, 7, 7, 5, 4, 3, 3, 2, 1, 2, 2, 3, 2, 1};      // dilated, padded
constexpr window_geometry seanet_like{8, 30, 2, 2, 24, 8, 7, 7};                  // k = 98, in_c 2
constexpr window_geometry one_px{3, 3, 5, 1, 1, 3, 3, 3};                         // a single output pixel
constexpr window_geometry long_k{5, 5, 64, 3, 3, 5, 3, 3};                        // k = 576: two int32 runs
constexpr window_geometry long_k_pad{3, 3, 61, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1};  // k = 549, padded, odd

constexpr requant_constants q_full{0, 0, -32768, 32767};
constexpr requant_constants q_relu{0, 0, 0, 32767};
constexpr requant_constants q_clamp{0, 0, -20000, 12000};

}  // namespace

TEST_CASE("conv2d_s16: pointwise, KxK, padding, strides, dilation") {
  check_conv_seeds<pw_a, q_full>();
  check_conv_seeds<pw_odd, q_clamp>();
  check_conv_seeds<same3, q_full>();
  check_conv_seeds<same3_s2, q_clamp>();
  check_conv_seeds<dilated, q_relu>();
  check_conv_seeds<dil_pad, q_full>();
  check_conv_seeds<seanet_like, q_full>();
  check_conv_seeds<one_px, q_clamp>();
}

TEST_CASE("conv2d_s16: dot products over 508 elements, sums past 2^31") {
  check_conv_seeds<long_k, q_full>();
  check_conv_seeds<long_k_pad, q_clamp>();
  CHECK(check_conv<long_k, q_full>(7u, true) == 0);
}

TEST_CASE("dense_s16") {
  check_dense_seeds<9, 300, false, q_full>();
  check_dense_seeds<7, 37, true, q_clamp>();
  check_dense_seeds<4, 8, true, q_relu>();
  check_dense_seeds<1, 3, false, q_full>();
  check_dense_seeds<6, 2, true, q_full>();
  check_dense_seeds<5, 1021, true, q_clamp>();  // three int32 runs and a tail of 1
  CHECK(check_dense<3, 600, true, q_full>(11u, true) == 0);
}

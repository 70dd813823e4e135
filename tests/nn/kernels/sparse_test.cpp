// kernels::sparse_conv2d_s8_kernel, kernels::sparse_depthwise_conv2d_s8_kernel and
// kernels::sparse_dense_s8_kernel (the selected one and the portable one) against the dense reference
// kernels, byte for byte: weights made at compile time (the sparse format is built from constexpr weights, as
// in a layer) at 0, 10, 50, 90 and 100 % zeros, over odd shapes (odd channel counts, padding on every edge,
// strides, dilation, a single pixel, pixel counts and row lengths not multiples of 4) and TFLite's zero
// points at -128 / 127.
#include <array>
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/conv2d.hpp>
#include <ctml/kernels/dense.hpp>
#include <ctml/kernels/depthwise_conv2d.hpp>
#include <ctml/kernels/sparse.hpp>

#include "harness.hpp"

namespace {

using ctml::arch;
using ctml::kernels::requant_constants;
using ctml::kernels::window_geometry;

constexpr int max_elems = 2048;
alignas(4) std::int8_t g_in[max_elems];
std::int8_t g_out_ref[max_elems], g_out_sel[max_elems], g_out_gen[max_elems];
std::int32_t g_bias[256];
ctml::multiplier g_mult[256];

/// N weights, each zero with probability Zeros %, else an int8 other than 0 (a quarter at -128 / 127).
template <std::size_t N>
constexpr std::array<std::int8_t, N> sparse_weights(int zeros, std::uint32_t seed) {
  std::array<std::int8_t, N> w{};
  kernels_test::rng r{seed};
  for (auto& v : w) {
    const bool zero = static_cast<int>(r.next() % 100) < zeros;
    const std::int8_t x = r.s8();
    v = zero ? std::int8_t{0} : (x == 0 ? std::int8_t{1} : x);
  }
  return w;
}

template <window_geometry G, requant_constants Q, int Zeros, std::uint32_t Seed>
struct conv_case {
  static constexpr int k = G.k_h * G.k_w * G.in_c;
  static constexpr auto w = sparse_weights<static_cast<std::size_t>(G.out_c* k)>(Zeros, Seed);
  static constexpr auto counts = ctml::kernels::count_sparse(w, static_cast<std::size_t>(k));
  using sel = ctml::kernels::sparse_conv2d_s8_kernel<G, Q, counts.groups>;
  using gen = ctml::kernels::sparse_conv2d_s8_kernel<G, Q, counts.groups, arch::generic>;
  static constexpr auto prepared = sel::prepare(w);
};

template <window_geometry G, requant_constants Q, int Zeros, std::uint32_t Seed>
int check_sparse_conv() {
  using C = conv_case<G, Q, Zeros, Seed>;
  constexpr int in_n = G.in_h * G.in_w * G.in_c, out_n = G.out_h * G.out_w * G.out_c;
  static_assert(in_n <= max_elems && out_n <= max_elems && G.out_c <= 256);
  kernels_test::rng r{Seed ^ 0x9e3779b9u};
  for (int i = 0; i < in_n; ++i) g_in[i] = r.s8();
  const int acc_bits = 14 + kernels_test::bits(C::k) / 2;
  for (int c = 0; c < G.out_c; ++c) {
    g_bias[c] = r.uniform(-20000, 20000);
    g_mult[c] = kernels_test::random_multiplier(r, acc_bits);
  }
  std::memset(g_out_ref, 0x55, out_n);
  std::memset(g_out_sel, 0x33, out_n);
  std::memset(g_out_gen, 0x11, out_n);
  ctml::kernels::reference::conv2d_s8_ohwi<G, Q>(g_in, C::w.data(), g_bias, g_mult, g_out_ref);
  C::sel::run(g_in, C::prepared.data(), g_bias, g_mult, g_out_sel,
              kernels_test::scratch_for<typename C::sel>());
  C::gen::run(g_in, C::prepared.data(), g_bias, g_mult, g_out_gen,
              kernels_test::scratch_for<typename C::gen>());
  int diff = 0;
  for (int i = 0; i < out_n; ++i) diff += (g_out_ref[i] != g_out_sel[i]) + (g_out_ref[i] != g_out_gen[i]);
  return diff;
}

template <window_geometry G, requant_constants Q>
void check_conv_sparsities() {
  CHECK(check_sparse_conv<G, Q, 0, 0x1234567u>() == 0);
  CHECK(check_sparse_conv<G, Q, 10, 0x2345671u>() == 0);
  CHECK(check_sparse_conv<G, Q, 50, 0x3456712u>() == 0);
  CHECK(check_sparse_conv<G, Q, 90, 0x4567123u>() == 0);
  CHECK(check_sparse_conv<G, Q, 100, 0x5671234u>() == 0);
}

template <int Units, int In, bool PerChannel, requant_constants Q, int Zeros, std::uint32_t Seed>
struct dense_case {
  static constexpr auto w = sparse_weights<static_cast<std::size_t>(Units* In)>(Zeros, Seed);
  static constexpr auto counts = ctml::kernels::count_sparse(w, static_cast<std::size_t>(In));
  using sel = ctml::kernels::sparse_dense_s8_kernel<Units, In, PerChannel, Q, counts.groups>;
  using gen = ctml::kernels::sparse_dense_s8_kernel<Units, In, PerChannel, Q, counts.groups, arch::generic>;
  static constexpr auto prepared = sel::prepare(w);
};

template <int Units, int In, bool PerChannel, requant_constants Q, int Zeros, std::uint32_t Seed>
int check_sparse_dense() {
  using C = dense_case<Units, In, PerChannel, Q, Zeros, Seed>;
  static_assert(In <= max_elems && Units <= 256);
  kernels_test::rng r{Seed ^ 0x85ebca6bu};
  for (int i = 0; i < In; ++i) g_in[i] = r.s8();
  const int acc_bits = 14 + kernels_test::bits(In) / 2;
  std::array<std::int32_t, static_cast<std::size_t>(Units)> bias{};
  for (int u = 0; u < Units; ++u) {
    bias[static_cast<std::size_t>(u)] = r.uniform(-20000, 20000);
    g_mult[u] = kernels_test::random_multiplier(r, acc_bits);
  }
  const auto folded = C::sel::prepare_bias(C::w, bias);  // a layer does this at compile time
  std::memset(g_out_ref, 0x55, Units);
  std::memset(g_out_sel, 0x33, Units);
  std::memset(g_out_gen, 0x11, Units);
  ctml::kernels::reference::dense_s8<Units, In, PerChannel, Q>(g_in, C::w.data(), bias.data(), g_mult,
                                                               g_out_ref);
  C::sel::run(g_in, C::prepared.data(), folded.data(), g_mult, g_out_sel, nullptr);
  C::gen::run(g_in, C::prepared.data(), folded.data(), g_mult, g_out_gen, nullptr);
  int diff = 0;
  for (int i = 0; i < Units; ++i) diff += (g_out_ref[i] != g_out_sel[i]) + (g_out_ref[i] != g_out_gen[i]);
  return diff;
}

template <int Units, int In, bool PerChannel, requant_constants Q>
void check_dense_sparsities() {
  CHECK(check_sparse_dense<Units, In, PerChannel, Q, 0, 0x1357911u>() == 0);
  CHECK(check_sparse_dense<Units, In, PerChannel, Q, 10, 0x2468024u>() == 0);
  CHECK(check_sparse_dense<Units, In, PerChannel, Q, 50, 0x3691215u>() == 0);
  CHECK(check_sparse_dense<Units, In, PerChannel, Q, 90, 0x4812162u>() == 0);
  CHECK(check_sparse_dense<Units, In, PerChannel, Q, 100, 0x5101520u>() == 0);
}

template <window_geometry G, requant_constants Q, int Zeros, std::uint32_t Seed>
struct dw_case {
  static constexpr auto w = sparse_weights<static_cast<std::size_t>(G.k_h* G.k_w* G.out_c)>(Zeros, Seed);
  static constexpr std::size_t nonzero = ctml::kernels::count_sparse(w, w.size()).nonzero;
  using sel = ctml::kernels::sparse_depthwise_conv2d_s8_kernel<G, Q, nonzero>;
  using gen = ctml::kernels::sparse_depthwise_conv2d_s8_kernel<G, Q, nonzero, arch::generic>;
  static constexpr auto prepared = sel::prepare(w);
};

template <window_geometry G, requant_constants Q, int Zeros, std::uint32_t Seed>
int check_sparse_dw() {
  using C = dw_case<G, Q, Zeros, Seed>;
  constexpr int in_n = G.in_h * G.in_w * G.in_c, out_n = G.out_h * G.out_w * G.out_c;
  static_assert(in_n <= max_elems && out_n <= max_elems && G.out_c <= 256);
  kernels_test::rng r{Seed ^ 0x27d4eb2fu};
  for (int i = 0; i < in_n; ++i) g_in[i] = r.s8();
  const int acc_bits = 14 + kernels_test::bits(G.k_h * G.k_w) / 2;
  std::array<std::int32_t, static_cast<std::size_t>(G.out_c)> bias{};
  for (int c = 0; c < G.out_c; ++c) {
    bias[static_cast<std::size_t>(c)] = r.uniform(-20000, 20000);
    g_mult[c] = kernels_test::random_multiplier(r, acc_bits);
  }
  const auto prepared_bias = C::sel::prepare_bias(C::w, bias);  // a layer does this at compile time
  std::memset(g_out_ref, 0x55, out_n);
  std::memset(g_out_sel, 0x33, out_n);
  std::memset(g_out_gen, 0x11, out_n);
  ctml::kernels::reference::depthwise_conv2d_s8<G, Q>(g_in, C::w.data(), bias.data(), g_mult, g_out_ref);
  C::sel::run(g_in, C::prepared.data(), prepared_bias.data(), g_mult, g_out_sel, nullptr);
  C::gen::run(g_in, C::prepared.data(), prepared_bias.data(), g_mult, g_out_gen, nullptr);
  int diff = 0;
  for (int i = 0; i < out_n; ++i) diff += (g_out_ref[i] != g_out_sel[i]) + (g_out_ref[i] != g_out_gen[i]);
  return diff;
}

template <window_geometry G, requant_constants Q>
void check_dw_sparsities() {
  CHECK(check_sparse_dw<G, Q, 0, 0x1122334u>() == 0);
  CHECK(check_sparse_dw<G, Q, 10, 0x2233445u>() == 0);
  CHECK(check_sparse_dw<G, Q, 50, 0x3344556u>() == 0);
  CHECK(check_sparse_dw<G, Q, 90, 0x4455667u>() == 0);
  CHECK(check_sparse_dw<G, Q, 100, 0x5566778u>() == 0);
}

// Fields: in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w, stride_h, stride_w, dilation_h,
// dilation_w, pad_top, pad_left.
constexpr window_geometry pw_odd{5, 3, 16, 5, 3, 7, 1, 1};                  // 15 pixels, odd out_c
constexpr window_geometry pw_c7{3, 3, 7, 3, 3, 9, 1, 1};                    // in_c 7: element-wise patch
constexpr window_geometry pw_s2{5, 6, 8, 3, 3, 5, 1, 1, 2, 2};              // stride 2
constexpr window_geometry pw_64{5, 5, 64, 5, 5, 12, 1, 1};                  // KWS-like channels
constexpr window_geometry same3{6, 5, 4, 6, 5, 5, 3, 3, 1, 1, 1, 1, 1, 1};  // pad on every edge
constexpr window_geometry same3_16{5, 4, 16, 5, 4, 6, 3, 3, 1, 1, 1, 1, 1, 1};
constexpr window_geometry bottom_pad{5, 5, 4, 3, 3, 3, 3, 3, 2, 2, 1, 1, 0, 0};   // bottom/right only
constexpr window_geometry kws_first{13, 7, 1, 7, 4, 6, 10, 4, 2, 2, 1, 1, 4, 1};  // 10x4, 1 channel
constexpr window_geometry first3{7, 7, 3, 4, 4, 8, 3, 3, 2, 2, 1, 1, 1, 1};       // 3 channels, stride 2
constexpr window_geometry dilated{7, 8, 6, 5, 4, 5, 2, 3, 1, 2, 2, 2, 0, 1};      // dilation 2
constexpr window_geometry one_px{3, 3, 5, 1, 1, 3, 3, 3};                         // a single pixel
constexpr window_geometry valid3_32{4, 4, 32, 2, 2, 7, 3, 3};                     // k = 288 (> 256)

// Depthwise.
constexpr window_geometry dw3_odd{5, 5, 13, 5, 5, 13, 3, 3, 1, 1, 1, 1, 1, 1};   // 13 channels, pad all edges
constexpr window_geometry dw3_s2_br{6, 6, 4, 3, 3, 4, 3, 3, 2, 2, 1, 1, 0, 0};   // pads bottom/right only
constexpr window_geometry dw3_valid{5, 4, 6, 3, 2, 6, 3, 3};                     // no padding
constexpr window_geometry dw_5x3_dil{9, 7, 8, 5, 5, 8, 5, 3, 1, 1, 2, 1, 2, 1};  // 5x3, dilation 2
constexpr window_geometry dw_mult2{5, 4, 3, 5, 4, 6, 3, 3, 1, 1, 1, 1, 1, 1, 2};  // depth multiplier 2
constexpr window_geometry dw3_small{3, 3, 10, 3, 3, 10, 3, 3, 1, 1, 1, 1, 1, 1};  // 8 of 9 on the border
constexpr window_geometry dw3_s2_7{7, 7, 7, 4, 4, 7, 3, 3, 2, 2, 1, 1, 1, 1};     // stride 2, 7 channels
constexpr window_geometry dw_one{3, 3, 5, 1, 1, 5, 3, 3};                         // a single pixel

constexpr requant_constants q_a{128, -128, -128, 127};  // input zero point -128, output zp -128
constexpr requant_constants q_b{-127, 127, -128, 127};  // input zero point 127, output zp 127
constexpr requant_constants q_c{5, -3, -128, 100};      // clamp below 127
constexpr requant_constants q_d{0, 0, -20, 127};        // relu-like clamp

}  // namespace

TEST_CASE("sparse conv2d_s8: pointwise 1x1 at 0-100 % zeros") {
  check_conv_sparsities<pw_odd, q_a>();
  check_conv_sparsities<pw_c7, q_b>();
  check_conv_sparsities<pw_s2, q_c>();
  check_conv_sparsities<pw_64, q_d>();
}

TEST_CASE("sparse conv2d_s8: KxK, padding, strides, dilation at 0-100 % zeros") {
  check_conv_sparsities<same3, q_b>();
  check_conv_sparsities<same3_16, q_a>();
  check_conv_sparsities<bottom_pad, q_c>();
  check_conv_sparsities<kws_first, q_a>();
  check_conv_sparsities<first3, q_d>();
  check_conv_sparsities<dilated, q_b>();
  check_conv_sparsities<one_px, q_a>();
  check_conv_sparsities<valid3_32, q_c>();
}

TEST_CASE("sparse dense_s8 at 0-100 % zeros") {
  check_dense_sparsities<12, 64, false, q_a>();
  check_dense_sparsities<7, 37, true, q_b>();    // row length not a multiple of 4
  check_dense_sparsities<1, 3, false, q_c>();    // one unit, 3 inputs
  check_dense_sparsities<10, 300, true, q_d>();  // offsets past 255
  check_dense_sparsities<5, 17, true, q_a>();
}

TEST_CASE("sparse depthwise_conv2d_s8 at 0-100 % zeros") {
  check_dw_sparsities<dw3_odd, q_a>();
  check_dw_sparsities<dw3_s2_br, q_b>();
  check_dw_sparsities<dw3_valid, q_c>();
  check_dw_sparsities<dw_5x3_dil, q_d>();
  check_dw_sparsities<dw_mult2, q_a>();
  check_dw_sparsities<dw3_small, q_b>();
  check_dw_sparsities<dw3_s2_7, q_c>();
  check_dw_sparsities<dw_one, q_a>();
}

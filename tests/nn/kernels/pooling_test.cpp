// kernels::average_pool2d_kernel and max_pool2d_kernel (selected, int8) against kernels::reference, byte for
// byte: global pools (KWS 25x5), windows with padding at every edge (the count changes at the
// borders), strides, channel counts that are not multiples of 8 or 16, clamps tighter than int8.
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/pooling.hpp>

#include "harness.hpp"

namespace {

using ctml::kernels::window_geometry;

constexpr int max_elems = 8192;
std::int8_t g_in[max_elems], g_out_ref[max_elems], g_out_sel[max_elems];

template <window_geometry G>
int check_avg(std::uint32_t seed, std::int32_t act_min, std::int32_t act_max) {
  constexpr int in_n = G.in_h * G.in_w * G.in_c;
  constexpr int out_n = G.out_h * G.out_w * G.out_c;
  static_assert(in_n <= max_elems && out_n <= max_elems && G.in_c == G.out_c);
  kernels_test::rng r{seed};
  for (int i = 0; i < in_n; ++i) g_in[i] = r.s8();
  std::memset(g_out_ref, 0x55, out_n);
  std::memset(g_out_sel, 0x33, out_n);
  ctml::kernels::reference::average_pool2d<G, std::int8_t, std::int32_t, std::int32_t>(g_in, act_min, act_max,
                                                                                       g_out_ref);
  using sel = ctml::kernels::average_pool2d_kernel<G, std::int8_t>;
  sel::run(g_in, act_min, act_max, g_out_sel, kernels_test::scratch_for<sel>());
  int diff = 0;
  for (int i = 0; i < out_n; ++i) diff += g_out_ref[i] != g_out_sel[i];
  return diff;
}

template <window_geometry G>
int check_max(std::uint32_t seed, std::int32_t act_min, std::int32_t act_max) {
  constexpr int in_n = G.in_h * G.in_w * G.in_c;
  constexpr int out_n = G.out_h * G.out_w * G.out_c;
  static_assert(in_n <= max_elems && out_n <= max_elems && G.in_c == G.out_c);
  kernels_test::rng r{seed};
  for (int i = 0; i < in_n; ++i) g_in[i] = r.s8();
  std::memset(g_out_ref, 0x55, out_n);
  std::memset(g_out_sel, 0x33, out_n);
  ctml::kernels::reference::max_pool2d<G, std::int8_t, std::int32_t>(g_in, act_min, act_max, g_out_ref);
  using sel = ctml::kernels::max_pool2d_kernel<G, std::int8_t>;
  sel::run(g_in, act_min, act_max, g_out_sel, kernels_test::scratch_for<sel>());
  int diff = 0;
  for (int i = 0; i < out_n; ++i) diff += g_out_ref[i] != g_out_sel[i];
  return diff;
}

template <window_geometry G>
void check_max_seeds() {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    CHECK(check_max<G>(seed * 2654435761u, -128, 127) == 0);
    CHECK(check_max<G>(seed * 2246822519u, -20, 90) == 0);
    CHECK(check_max<G>(seed * 3266489917u, -128, 0) == 0);  // only the upper clamp
  }
}

template <window_geometry G>
void check_avg_seeds() {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    CHECK(check_avg<G>(seed * 2654435761u, -128, 127) == 0);
    CHECK(check_avg<G>(seed * 2246822519u, -20, 90) == 0);
  }
}

// Fields: in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w, stride_h, stride_w, dilation_h,
// dilation_w, pad_top, pad_left.
constexpr window_geometry kws_global{25, 5, 64, 1, 1, 64, 25, 5, 25, 5};
constexpr window_geometry global_13{6, 7, 13, 1, 1, 13, 6, 7, 6, 7};              // 8 + 5 channels
constexpr window_geometry same3_20{5, 6, 20, 5, 6, 20, 3, 3, 1, 1, 1, 1, 1, 1};   // padding on every edge
constexpr window_geometry s2_2x2_9{8, 6, 9, 4, 3, 9, 2, 2, 2, 2};                 // stride 2, 9 channels
constexpr window_geometry s2_3x3_br{7, 7, 3, 4, 4, 3, 3, 3, 2, 2, 1, 1, 1, 1};    // 3 channels
constexpr window_geometry global_16x16{16, 16, 16, 1, 1, 16, 16, 16, 16, 16};     // 256 taps
constexpr window_geometry same3_35{5, 6, 35, 5, 6, 35, 3, 3, 1, 1, 1, 1, 1, 1};   // 16 + 16 + 3 channels
constexpr window_geometry s2_3x3_17{9, 7, 17, 5, 4, 17, 3, 3, 2, 2, 1, 1, 1, 1};  // 16 + 1 channels
constexpr window_geometry s2_2x2_48{8, 8, 48, 4, 4, 48, 2, 2, 2, 2};              // 3 full vectors
constexpr window_geometry kws_global_52{25, 5, 52, 1, 1, 52, 25, 5, 25, 5};       // 6 x 8 + 4 (KWS pruned)
constexpr window_geometry s3_3x2_5{10, 9, 5, 3, 4, 5, 3, 2, 3, 2, 1, 1, 0, 0};    // unequal strides

}  // namespace

TEST_CASE("average_pool2d int8") {
  check_avg_seeds<kws_global>();
  check_avg_seeds<global_13>();
  check_avg_seeds<same3_20>();
  check_avg_seeds<s2_2x2_9>();
  check_avg_seeds<s2_3x3_br>();
  check_avg_seeds<global_16x16>();
  check_avg_seeds<kws_global_52>();
}

TEST_CASE("max_pool2d int8") {
  check_max_seeds<kws_global>();
  check_max_seeds<global_13>();
  check_max_seeds<same3_20>();
  check_max_seeds<s2_2x2_9>();
  check_max_seeds<s2_3x3_br>();
  check_max_seeds<global_16x16>();
  check_max_seeds<same3_35>();
  check_max_seeds<s2_3x3_17>();
  check_max_seeds<s2_2x2_48>();
  check_max_seeds<s3_3x2_5>();
}

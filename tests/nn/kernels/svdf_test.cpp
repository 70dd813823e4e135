// kernels::svdf_s8_kernel (selected: the Arm DSP kernel on the M4, the Helium one on the M55) against
// kernels::reference::svdf_step_s8, byte for byte, over several frames (the memory moving): feature
// counts and memory sizes that are and are not multiples of 4 and 2, ranks 1 to 3, int16 memory (zero
// point 0) and int8 memory with zero points at both ends, multipliers with left and right shifts.
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/svdf.hpp>

#include "harness.hpp"

namespace {

using ctml::kernels::svdf_s8_params;

constexpr svdf_s8_params p16{ctml::quantize_multiplier(0.0071), ctml::quantize_multiplier(0.00093), -3, 0, 5};
constexpr svdf_s8_params p16_left{ctml::quantize_multiplier(2.5), ctml::quantize_multiplier(0.0000217), 127,
                                  0, -128};
constexpr svdf_s8_params p8{ctml::quantize_multiplier(0.00041), ctml::quantize_multiplier(0.0011), 10, -50,
                            0};
constexpr svdf_s8_params p8_edge{ctml::quantize_multiplier(0.0009), ctml::quantize_multiplier(0.0042), -128,
                                 127, 127};

std::int8_t g_x[128], g_w[4096], g_y_ref[64], g_y_sel[64];
std::int16_t g_t16[2048], g_s16_ref[2048], g_s16_sel[2048];
std::int8_t g_t8[2048], g_s8_ref[2048], g_s8_sel[2048];
std::int32_t g_bias[64];

template <int Units, int Rank, int Features, int Memory, class S, svdf_s8_params P>
int check_svdf(std::uint32_t seed) {
  constexpr int filters = Units * Rank;
  static_assert(Features <= 128 && filters * Features <= 4096 && filters * Memory <= 2048 && Units <= 64);
  kernels_test::rng r{seed};
  S* time = nullptr;
  S* s_ref = nullptr;
  S* s_sel = nullptr;
  if constexpr (sizeof(S) == 2) {
    time = g_t16, s_ref = g_s16_ref, s_sel = g_s16_sel;
  } else {
    time = g_t8, s_ref = g_s8_ref, s_sel = g_s8_sel;
  }
  for (int i = 0; i < filters * Features; ++i) g_w[i] = r.s8();
  for (int i = 0; i < filters * Memory; ++i)
    time[i] = static_cast<S>(sizeof(S) == 2 ? r.uniform(-32768, 32767) : r.s8());
  for (int u = 0; u < Units; ++u) g_bias[u] = r.uniform(-200000, 200000);
  for (int i = 0; i < filters * Memory; ++i) s_ref[i] = s_sel[i] = static_cast<S>(P.state_zero_point);
  int diff = 0;
  using sel = ctml::kernels::svdf_s8_kernel<Units, Rank, Features, Memory, S, P>;
  for (int frame = 0; frame < Memory + 3; ++frame) {
    for (int i = 0; i < Features; ++i) g_x[i] = r.s8();
    ctml::kernels::reference::svdf_step_s8<Units, Rank, Features, Memory, S, P>(g_x, s_ref, g_w, time, g_bias,
                                                                                g_y_ref);
    sel::run(g_x, s_sel, g_w, time, g_bias, g_y_sel, kernels_test::scratch_for<sel>());
    for (int u = 0; u < Units; ++u) diff += g_y_ref[u] != g_y_sel[u];
    diff += std::memcmp(s_ref, s_sel, sizeof(S) * filters * Memory) != 0;
  }
  return diff;
}

template <int Units, int Rank, int Features, int Memory, class S, svdf_s8_params P>
void check_svdf_seeds() {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    CHECK(check_svdf<Units, Rank, Features, Memory, S, P>(seed * 2654435761u) == 0);
  }
}

}  // namespace

TEST_CASE("svdf_s8: int16 memory") {
  check_svdf_seeds<7, 1, 13, 5, std::int16_t, p16>();
  check_svdf_seeds<3, 2, 1, 1, std::int16_t, p16>();
  check_svdf_seeds<16, 1, 64, 8, std::int16_t, p16>();
  check_svdf_seeds<5, 3, 40, 9, std::int16_t, p16_left>();
  check_svdf_seeds<4, 1, 4, 2, std::int16_t, p16_left>();
}

TEST_CASE("svdf_s8: int8 memory with zero points") {
  check_svdf_seeds<7, 1, 13, 5, std::int8_t, p8>();
  check_svdf_seeds<3, 2, 1, 1, std::int8_t, p8>();
  check_svdf_seeds<32, 1, 16, 32, std::int8_t, p8>();
  check_svdf_seeds<5, 3, 40, 9, std::int8_t, p8_edge>();
  check_svdf_seeds<6, 1, 7, 3, std::int8_t, p8_edge>();
}

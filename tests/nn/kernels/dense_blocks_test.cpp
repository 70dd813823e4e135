// kernels::dense_s8_kernel (selected) against kernels::reference::dense_s8 on the shapes that pick the
// Arm DSP kernel's loop variants: six-unit asm loop with 16 inputs per iteration (In % 16 == 0) and
// with 8 (In % 8 == 0), rows out of reach of LDR's immediate offset (C loop), unit counts with 1-5
// left over after the blocks of six; per-tensor and per-channel multipliers (both shift signs).
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/dense.hpp>

#include "harness.hpp"

namespace {

using ctml::kernels::requant_constants;

alignas(4) std::int8_t g_in[1024];  // word-aligned, as the arena places every tensor
std::int8_t g_w[8192], g_ref[64], g_sel[64];
std::int32_t g_bias[64];
ctml::multiplier g_mult[64];

template <int Units, int In, bool PerChannel, requant_constants Q>
int check_dense_block(std::uint32_t seed) {
  static_assert(In <= 1024 && Units * In <= 8192 && Units <= 64);
  kernels_test::rng r{seed};
  for (int i = 0; i < In; ++i) g_in[i] = r.s8();
  for (int i = 0; i < Units * In; ++i) g_w[i] = r.s8();
  const int acc_bits = 14 + kernels_test::bits(In) / 2;
  for (int u = 0; u < Units; ++u) {
    g_bias[u] = r.uniform(-30000, 30000);
    g_mult[u] = kernels_test::random_multiplier(r, acc_bits);
  }
  std::memset(g_ref, 0x55, Units);
  std::memset(g_sel, 0x33, Units);
  ctml::kernels::reference::dense_s8<Units, In, PerChannel, Q>(g_in, g_w, g_bias, g_mult, g_ref);
  using sel = ctml::kernels::dense_s8_kernel<Units, In, PerChannel, Q>;
  const std::int8_t* w = kernels_test::prepare_for<sel, static_cast<std::size_t>(Units * In)>(g_w);
  sel::run(g_in, w, g_bias, g_mult, g_sel, kernels_test::scratch_for<sel>());
  int diff = 0, distinct = 0;
  for (int i = 0; i < Units; ++i) diff += g_ref[i] != g_sel[i];
  for (int i = 1; i < Units; ++i) distinct += g_ref[i] != g_ref[0];
  CHECK(distinct > 0);
  return diff;
}

template <int Units, int In, bool PerChannel, requant_constants Q>
void check_seeds() {
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    CAPTURE(seed);
    CHECK(check_dense_block<Units, In, PerChannel, Q>(seed * 2654435761u) == 0);
  }
}

constexpr requant_constants q_a{128, -128, -128, 127};
constexpr requant_constants q_b{-89, 96, -128, 127};  // AD's first layer input offset
constexpr requant_constants q_c{-127, 3, -50, 60};

}  // namespace

TEST_CASE("dense_s8: blocks of six units, asm loop variants") {
  check_seeds<12, 128, false, q_a>();  // 16 inputs per iteration, two blocks
  check_seeds<13, 80, true, q_b>();    // 16 per iteration, one unit left over
  check_seeds<11, 72, true, q_c>();    // 8 per iteration, five left over
  check_seeds<9, 640, false, q_b>();   // AD's input length (rows at 640..3200 bytes)
  check_seeds<7, 1000, true, q_a>();   // rows out of LDR reach: C loop
  check_seeds<6, 8, true, q_c>();      // one iteration of 8
}

// kernels::dense_s8_kernel (selected) against kernels::reference::dense_s8, byte for byte: input lengths
// and unit counts that are and are not multiples of 4, per-tensor and per-channel multipliers,
// zero points at -128 / 127.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/dense.hpp>

#include "harness.hpp"

namespace {

using ctml::kernels::requant_constants;

alignas(4) std::int8_t g_in[1024];  // word-aligned, as the arena places every tensor
std::int8_t g_w[8192], g_out_ref[256], g_out_sel[256];
std::int32_t g_bias[256];
ctml::multiplier g_mult[256];

template <int Units, int In, bool PerChannel, requant_constants Q>
int check_dense(std::uint32_t seed) {
  static_assert(In <= 1024 && Units * In <= 8192 && Units <= 256);
  kernels_test::rng r{seed};
  for (int i = 0; i < In; ++i) g_in[i] = r.s8();
  for (int i = 0; i < Units * In; ++i) g_w[i] = r.s8();
  const int acc_bits = 14 + kernels_test::bits(In) / 2;
  for (int u = 0; u < Units; ++u) {
    g_bias[u] = r.uniform(-20000, 20000);
    g_mult[u] = kernels_test::random_multiplier(r, acc_bits);
  }
  std::memset(g_out_ref, 0x55, Units);
  std::memset(g_out_sel, 0x33, Units);
  ctml::kernels::reference::dense_s8<Units, In, PerChannel, Q>(g_in, g_w, g_bias, g_mult, g_out_ref);
  using sel = ctml::kernels::dense_s8_kernel<Units, In, PerChannel, Q>;
  const std::int8_t* w = kernels_test::prepare_for<sel, static_cast<std::size_t>(Units * In)>(g_w);
  sel::run(g_in, w, g_bias, g_mult, g_out_sel, kernels_test::scratch_for<sel>());
  int diff = 0;
  for (int i = 0; i < Units; ++i) diff += g_out_ref[i] != g_out_sel[i];
  return diff;
}

template <int Units, int In, bool PerChannel, requant_constants Q>
void check_dense_seeds() {
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    CAPTURE(seed);
    CHECK(check_dense<Units, In, PerChannel, Q>(seed * 3266489917u) == 0);
  }
}

constexpr requant_constants q_a{128, -128, -128, 127};
constexpr requant_constants q_b{-127, 127, -128, 127};
constexpr requant_constants q_c{3, -9, -128, 0};
constexpr requant_constants q_d_zero{0, 4, -100, 127};  // input zero point 0 (no offset term)

}  // namespace

TEST_CASE("dense_s8") {
  check_dense_seeds<8, 64, true, q_a>();
  check_dense_seeds<5, 30, false, q_b>();
  check_dense_seeds<13, 7, true, q_c>();
  check_dense_seeds<1, 3, false, q_a>();
  check_dense_seeds<20, 33, true, q_b>();
  check_dense_seeds<128, 40, false, q_c>();
  // Helium: lengths past several 16-element vectors with a tail, unit counts with 1-3 left over.
  check_dense_seeds<7, 101, true, q_a>();
  check_dense_seeds<6, 160, false, q_b>();
  check_dense_seeds<3, 47, false, q_d_zero>();
  // Armv6-M: inputs in blocks of 8, groups of 4 units with 0-3 left over, zero point 0.
  check_dense_seeds<12, 64, true, q_b>();
  check_dense_seeds<9, 16, false, q_d_zero>();
  check_dense_seeds<4, 8, true, q_c>();
}

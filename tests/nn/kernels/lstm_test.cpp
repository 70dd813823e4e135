// kernels::lstm_s8_kernel (selected: the Arm DSP kernel on the M4, the Helium one on the M55) against
// kernels::reference::lstm_step_s8, byte for byte (h and c), over several steps (h and c feeding back):
// feature and unit counts that are and are not multiples of 4 (micro_speech_lstm's 257 features
// included), input and hidden zero points at both ends, gate sums that saturate int16, with and
// without cell clipping. A kernel with run2 (two steps of a sequence in one pass over W: the DSP
// kernel) is also checked pair by pair, h after the first step of each pair included.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/lstm.hpp>

#include "harness.hpp"

namespace {

using ctml::kernels::lstm_s8_params;

std::int8_t g_w[4 * 32 * 257], g_r[4 * 64 * 64], g_x[257];
std::int32_t g_b[4 * 64];
std::int8_t g_h_ref[64], g_h_sel[64];
std::int16_t g_c_ref[64], g_c_sel[64], g_gates[4 * 64];
// Used only where the selected kernel has run2 (not on the host).
[[maybe_unused]] std::int8_t g_x1[257], g_h_first[64];
[[maybe_unused]] alignas(8) std::byte g_pair_scratch[4096];
ctml::multiplier g_to_gate[2][4];

/// Steps of a Units x Features LSTM with cell state at 2^CellPower; `gain` scales the gate
/// multipliers (large: the Q3.12 gates saturate), `clip` < 0: no cell clipping.
template <int Units, int Features, int CellPower>
int check_lstm(std::uint32_t seed, double gain, std::int32_t x_zp, std::int32_t h_zp, std::int32_t clip) {
  static_assert(Units <= 64 && Features <= 257 && 4 * Units * Features <= 4 * 32 * 257);
  kernels_test::rng r{seed};
  constexpr int U = Units, F = Features;
  for (int i = 0; i < 4 * U * F; ++i) g_w[i] = r.s8();
  for (int i = 0; i < 4 * U * U; ++i) g_r[i] = r.s8();
  for (int i = 0; i < 4 * U; ++i) g_b[i] = r.uniform(-300000, 300000);
  // About +-2^12 (one in Q3.12) for a typical sum, times gain.
  for (int k = 0; k < 4; ++k) {
    g_to_gate[0][k] = ctml::quantize_multiplier(gain * (0.5 + 0.25 * k) * 4096.0 / (9000.0 * std::sqrt(F)));
    g_to_gate[1][k] = ctml::quantize_multiplier(gain * (1.0 - 0.2 * k) * 4096.0 / (9000.0 * std::sqrt(U)));
  }
  const double cell_scale = std::ldexp(1.0, CellPower), h_scale = 0.0078;
  const lstm_s8_params p{g_w,
                         g_r,
                         g_b,
                         -x_zp,
                         -h_zp,
                         g_to_gate[0],
                         g_to_gate[1],
                         ctml::quantize_multiplier(1.0 / 32768.0),
                         ctml::quantize_multiplier(1.0 / 32768.0 / 32768.0 / cell_scale),
                         ctml::quantize_multiplier(1.0 / 32768.0 / 32768.0 / h_scale),
                         h_zp,
                         clip};
  for (int u = 0; u < U; ++u) {
    g_h_ref[u] = g_h_sel[u] = static_cast<std::int8_t>(h_zp);
    g_c_ref[u] = g_c_sel[u] = 0;
  }
  using sel = ctml::kernels::lstm_s8_kernel<Units, Features, CellPower>;
  int diff = 0;
  for (int step = 0; step < 6; ++step) {
    for (int i = 0; i < F; ++i) g_x[i] = r.s8();
    ctml::kernels::reference::lstm_step_s8<Units, Features, CellPower>(g_x, g_h_ref, g_c_ref, p, g_gates);
    sel::run(g_x, g_h_sel, g_c_sel, p, kernels_test::scratch_for<sel>());
    diff += std::memcmp(g_h_ref, g_h_sel, sizeof(std::int8_t) * U) != 0;
    diff += std::memcmp(g_c_ref, g_c_sel, sizeof(std::int16_t) * U) != 0;
  }
  if constexpr (requires { sel::pair_scratch_bytes; }) {
    static_assert(sel::pair_scratch_bytes <= sizeof g_pair_scratch);
    for (int pair = 0; pair < 3; ++pair) {
      for (int i = 0; i < F; ++i) g_x[i] = r.s8();
      for (int i = 0; i < F; ++i) g_x1[i] = r.s8();
      sel::run2(g_x, g_x1, g_h_sel, g_c_sel, p, g_pair_scratch, g_h_first);
      ctml::kernels::reference::lstm_step_s8<Units, Features, CellPower>(g_x, g_h_ref, g_c_ref, p, g_gates);
      diff += std::memcmp(g_h_ref, g_h_first, sizeof(std::int8_t) * U) != 0;
      ctml::kernels::reference::lstm_step_s8<Units, Features, CellPower>(g_x1, g_h_ref, g_c_ref, p, g_gates);
      diff += std::memcmp(g_h_ref, g_h_sel, sizeof(std::int8_t) * U) != 0;
      diff += std::memcmp(g_c_ref, g_c_sel, sizeof(std::int16_t) * U) != 0;
    }
  }
  return diff;
}

template <int Units, int Features, int CellPower>
void check_lstm_seeds(double gain, std::int32_t x_zp, std::int32_t h_zp, std::int32_t clip) {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    CHECK(check_lstm<Units, Features, CellPower>(seed * 2654435761u, gain, x_zp, h_zp, clip) == 0);
  }
}

}  // namespace

TEST_CASE("lstm_s8: step") {
  check_lstm_seeds<1, 1, -11>(1.0, 0, 0, -1);
  check_lstm_seeds<3, 40, -12>(1.0, -128, 127, 2000);
  check_lstm_seeds<17, 7, -10>(4.0, 127, -128, -1);
  check_lstm_seeds<64, 33, -8>(0.5, 5, -3, 300);
  check_lstm_seeds<5, 4, -15>(8.0, -1, 10, -1);
  check_lstm_seeds<12, 13, -9>(2.0, 100, -100, 1000);  // odd group counts after whole pairs
  check_lstm_seeds<32, 257, -11>(1.0, -128, 3, -1);
}

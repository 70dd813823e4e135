// The Helium requantization helpers (arm_mve/requantize.hpp) against TFLite's reference double
// rounding, lane by lane, on random and edge accumulators and multipliers with every shift from
// -31 to 8 (and the right-shift-only variant on negative shifts). Runs where integer MVE exists.
#include <cstdint>
#include <limits>

#include <doctest/doctest.h>

#include <ctml/kernels/arm_mve/requantize.hpp>

#include "harness.hpp"

#if CTML_ARCH_ARM_MVE

TEST_CASE("arm_mve requantize_n / requantize_n_right / requantize_v equal multiply_by_quantized_multiplier") {
  kernels_test::rng r{0x9e3779b9u};
  constexpr std::int32_t edges[] = {0,
                                    1,
                                    -1,
                                    (1 << 30),
                                    -(1 << 30),
                                    (1 << 30) - 1,
                                    -(1 << 30) - 1,
                                    1 << 20,
                                    -(1 << 20),
                                    std::numeric_limits<std::int32_t>::max(),
                                    std::numeric_limits<std::int32_t>::min()};
  int mismatches = 0;
  for (int i = 0; i < 5000; ++i) {
    ctml::multiplier m[4];
    std::int32_t x[4];
    for (int j = 0; j < 4; ++j) {
      m[j].value = static_cast<std::int32_t>(r.next() >> 1);
      if ((i + j) % 5 == 0) m[j].value = static_cast<std::int32_t>((1u << 30) + (r.next() >> 2));
      m[j].shift = r.uniform(-31, 8);
      x[j] = static_cast<std::int32_t>(r.next());
      if ((i + j) % 3 == 0) x[j] >>= r.uniform(0, 30);
      if ((i + j) % 7 == 0) x[j] = edges[static_cast<unsigned>(i + j) % (sizeof(edges) / sizeof(edges[0]))];
      // Exact ties of the rounding divide (the case the fixup exists for): x * m / 2^31 = k + 1/2.
      if ((i + j) % 13 == 0) {
        m[j].value = 1 << 30;  // x * 2^30 / 2^31 = x / 2
        x[j] = (r.uniform(-1000, 1000) * 2 + 1) << (m[j].shift < 0 ? -m[j].shift : 0);
      }
      if (m[j].shift > 0) x[j] >>= m[j].shift;  // TFLite's contract: x << shift does not overflow
    }
    const int32x4_t xv = vld1q_s32(x);
    // Shared multiplier (lane 0's) on all lanes.
    std::int32_t out[4];
    vst1q_s32(out, ctml::kernels::arm_mve::requantize_n(xv, m[0]));
    for (int j = 0; j < 4; ++j) mismatches += out[j] != ctml::multiply_by_quantized_multiplier(x[j], m[0]);
    if (m[0].shift < 0) {
      vst1q_s32(out, ctml::kernels::arm_mve::requantize_n_right(xv, m[0]));
      for (int j = 0; j < 4; ++j) mismatches += out[j] != ctml::multiply_by_quantized_multiplier(x[j], m[0]);
    }
    // Per-lane multipliers.
    const ctml::kernels::arm_mve::multiplier_lanes ml = ctml::kernels::arm_mve::load_multipliers(m);
    vst1q_s32(out, ctml::kernels::arm_mve::requantize_v(xv, ml.value, ml.left, ml.neg_right));
    for (int j = 0; j < 4; ++j) mismatches += out[j] != ctml::multiply_by_quantized_multiplier(x[j], m[j]);
  }
  CHECK(mismatches == 0);
}

#endif

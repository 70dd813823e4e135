// The specialised kernels' requantization must equal TFLite's reference double rounding for every
// accumulator and multiplier (checked here on random and edge values, on every target).
#include <cstdint>
#include <limits>

#include <doctest/doctest.h>

#include <ctml/kernels/arm_dsp/requantize.hpp>

#include "harness.hpp"

TEST_CASE("arm_dsp::requantize equals multiply_by_quantized_multiplier") {
  kernels_test::rng r{0x1234567u};
  constexpr std::int32_t edges[] = {0,
                                    1,
                                    -1,
                                    (1 << 30),
                                    -(1 << 30),
                                    (1 << 30) - 1,
                                    -(1 << 30) - 1,
                                    std::numeric_limits<std::int32_t>::max(),
                                    std::numeric_limits<std::int32_t>::min(),
                                    12345,
                                    -12345};
  int mismatches = 0;
  for (int i = 0; i < 20000; ++i) {
    ctml::multiplier m;
    m.value = static_cast<std::int32_t>(r.next() >> 1);  // any value in [0, 2^31)
    if (i % 7 == 0) m.value = static_cast<std::int32_t>((1u << 30) + (r.next() >> 2));
    m.shift = r.uniform(-31, 8);
    std::int32_t x = static_cast<std::int32_t>(r.next());
    if (i % 3 == 0) x >>= r.uniform(0, 30);
    if (i % 11 == 0) x = edges[static_cast<unsigned>(i / 11) % (sizeof(edges) / sizeof(edges[0]))];
    // Left shifts that overflow are outside TFLite's contract; keep x << shift in range.
    if (m.shift > 0) x >>= m.shift;
    if (ctml::kernels::arm_dsp::requantize(x, m) != ctml::multiply_by_quantized_multiplier(x, m))
      ++mismatches;
  }
  CHECK(mismatches == 0);
}

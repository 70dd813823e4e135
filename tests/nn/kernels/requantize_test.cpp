// The specialised kernels' requantization must equal TFLite's reference double rounding for every
// accumulator and multiplier (checked here on random and edge values, on every target).
#include <cstdint>
#include <limits>

#include <doctest/doctest.h>

#include <ctml/kernels/arm_dsp/requantize.hpp>
#include <ctml/kernels/armv6m/requantize.hpp>

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

TEST_CASE("armv6m::rounding_high_mul and requantize equal the reference without the 64-bit multiply") {
  kernels_test::rng r{0x7654321u};
  constexpr std::int32_t edges[] = {0,
                                    1,
                                    -1,
                                    65535,
                                    -65535,
                                    65536,
                                    -65536,
                                    (1 << 30),
                                    -(1 << 30),
                                    std::numeric_limits<std::int32_t>::max(),
                                    std::numeric_limits<std::int32_t>::min()};
  constexpr std::int32_t m_edges[] = {0,       1,       0xFFFF,
                                      0x10000, 1 << 30, std::numeric_limits<std::int32_t>::max()};
  int mismatches = 0;
  for (const std::int32_t x : edges)
    for (const std::int32_t b : m_edges)
      mismatches +=
          ctml::kernels::armv6m::rounding_high_mul(x, b) != ctml::saturating_rounding_doubling_high_mul(x, b);
  constexpr ctml::kernels::requant_constants q{0, -7, -128, 100};
  for (int i = 0; i < 20000; ++i) {
    ctml::multiplier m;
    m.value = static_cast<std::int32_t>(r.next() >> 1);
    if (i % 7 == 0) m.value = static_cast<std::int32_t>((1u << 30) + (r.next() >> 2));
    m.shift = r.uniform(-31, 8);
    std::int32_t x = static_cast<std::int32_t>(r.next());
    if (i % 3 == 0) x >>= r.uniform(0, 30);
    if (m.shift > 0) x >>= m.shift;
    mismatches += ctml::kernels::armv6m::rounding_high_mul(x, m.value) !=
                  ctml::saturating_rounding_doubling_high_mul(x, m.value);
    mismatches += ctml::kernels::armv6m::requantize<q>(x, m) != ctml::kernels::requantize<q>(x, m);
  }
  CHECK(mismatches == 0);
}

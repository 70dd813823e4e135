// kernels::add_s8_kernel (selected) against kernels::reference::add_s8 on random data of lengths that
// are not multiples of 4 or 16 (tail-predicated vectors on Helium), with TFLite's constants.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/elementwise.hpp>

#include "harness.hpp"
#include "tflite_add.hpp"

namespace {

using ctml::kernels::add_constants;

using kernels_test::tflite_add;

std::int8_t g_a[1024], g_b[1024], g_ref[1024], g_sel[1024];

template <std::size_t N, add_constants K>
int check_add(std::uint32_t seed) {
  static_assert(N <= sizeof(g_a));
  kernels_test::rng r{seed};
  for (std::size_t i = 0; i < N; ++i) {
    g_a[i] = r.s8();
    g_b[i] = r.s8();
  }
  std::memset(g_ref, 0x55, N);
  std::memset(g_sel, 0x33, N + 8 <= sizeof(g_sel) ? N + 8 : N);
  ctml::kernels::reference::add_s8<N, K>(g_a, g_b, g_ref);
  using sel = ctml::kernels::add_s8_kernel<N, K>;
  sel::run(g_a, g_b, g_sel, kernels_test::scratch_for<sel>());
  int diff = 0;
  for (std::size_t i = 0; i < N; ++i) diff += g_ref[i] != g_sel[i];
  // Nothing written past the end.
  for (std::size_t i = N; i < N + 8 && i < sizeof(g_sel); ++i) diff += g_sel[i] != 0x33;
  return diff;
}

constexpr add_constants k_a = tflite_add(0.05, -3, 0.02, 10, 0.06, -7, -128, 127);
constexpr add_constants k_b = tflite_add(0.0123, -128, 0.0456, 127, 0.011, 127, -128, 127);
constexpr add_constants k_c = tflite_add(0.031, 5, 0.0299, -5, 0.9, 3, -128, 60);

}  // namespace

TEST_CASE("add_s8: lengths with tails") {
  for (std::uint32_t seed = 1; seed <= 2; ++seed) {
    CAPTURE(seed);
    CHECK(check_add<1, k_a>(seed) == 0);
    CHECK(check_add<3, k_b>(seed) == 0);
    CHECK(check_add<7, k_c>(seed) == 0);
    CHECK(check_add<37, k_a>(seed) == 0);
    CHECK(check_add<1001, k_b>(seed) == 0);
  }
}

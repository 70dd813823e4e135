// kernels::add_s8_kernel (selected) against kernels::reference::add_s8, byte for byte, on every int8 pair
// of values, for input scales above, equal to and below each other, output scales that clamp and
// that do not, zero points at -128 / 127 and a clamped activation.
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/kernels/elementwise.hpp>

#include "harness.hpp"
#include "tflite_add.hpp"

namespace {

using ctml::kernels::add_constants;

using kernels_test::tflite_add;

constexpr std::size_t n = 16 * 256;  // 16 values of b times every value of a, per call
std::int8_t g_a[n], g_b[n], g_ref[n], g_sel[n];

template <add_constants K>
int check_add() {
  int diff = 0;
  for (std::size_t block = 0; block < 16; ++block) {  // every pair of int8 values
    for (std::size_t i = 0; i < n; ++i) {
      g_a[i] = static_cast<std::int8_t>(static_cast<std::uint8_t>(i & 0xffu));
      g_b[i] = static_cast<std::int8_t>(static_cast<std::uint8_t>(block * 16 + (i >> 8)));
    }
    std::memset(g_ref, 0x55, n);
    std::memset(g_sel, 0x33, n);
    ctml::kernels::reference::add_s8<n, K>(g_a, g_b, g_ref);
    using sel = ctml::kernels::add_s8_kernel<n, K>;
    sel::run(g_a, g_b, g_sel, kernels_test::scratch_for<sel>());
    for (std::size_t i = 0; i < n; ++i) diff += g_ref[i] != g_sel[i];
  }
  return diff;
}

}  // namespace

TEST_CASE("add_s8") {
  CHECK(check_add<tflite_add(0.05, -3, 0.02, 10, 0.06, -7)>() == 0);
  CHECK(check_add<tflite_add(0.0123, -128, 0.0456, 127, 0.011, 127)>() == 0);
  CHECK(check_add<tflite_add(0.1, 0, 0.1, 0, 0.4, -128, -128, 0)>() == 0);
  CHECK(check_add<tflite_add(0.031, 5, 0.0299, -5, 0.9, 3)>() == 0);
  CHECK(check_add<tflite_add(0.5, 12, 0.001, -100, 0.004, -128, -20, 127)>() == 0);
}

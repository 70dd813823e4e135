// kernels::softmax_s8_kernel (selected) against kernels::reference::softmax_s8, byte for byte: row lengths
// 1 to 300 (KWS's 12, 10, lengths around the 4- and 16-lane vectors), several rows, input scales
// and betas from 1/256 to 16 (TFLite's constants, computed as ctml::softmax does), rows holding all
// 256 int8 values (every difference to the max, 0 .. -255), rows mostly below the input radius.
#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <ctml/core/math.hpp>
#include <ctml/kernels/softmax.hpp>
#include <ctml/quant/fixed_point.hpp>

#include "harness.hpp"

namespace {

using ctml::kernels::softmax_constants;

// TFLite's PreprocessSoftmaxScaling with 5 integer bits (as in layers/softmax.hpp).
constexpr softmax_constants constants_for(double beta_times_scale) {
  double real = beta_times_scale * static_cast<double>(std::int64_t{1} << 26);
  if (real > 2147483647.0) real = 2147483647.0;
  const ctml::multiplier m = ctml::quantize_multiplier(real);
  const double radius =
      31.0 * static_cast<double>(std::int64_t{1} << 26) / static_cast<double>(std::int64_t{1} << m.shift);
  return {m.value, m.shift, -static_cast<std::int32_t>(ctml::math::floor(radius))};
}

constexpr softmax_constants k_kws = constants_for(1.0 / 16.0);
constexpr softmax_constants k_small = constants_for(1.0 / 256.0);
constexpr softmax_constants k_odd = constants_for(0.0371);
constexpr softmax_constants k_mid = constants_for(0.2);
constexpr softmax_constants k_one = constants_for(1.0);
constexpr softmax_constants k_big = constants_for(16.0);

constexpr int max_elems = 1024;
std::int8_t g_in[max_elems], g_out_ref[max_elems], g_out_sel[max_elems];

enum class fill { random, narrow, all_values };

template <int Rows, int Depth, softmax_constants K>
int check(std::uint32_t seed, fill f) {
  constexpr int n = Rows * Depth;
  static_assert(n <= max_elems);
  kernels_test::rng r{seed};
  for (int i = 0; i < n; ++i) {
    if (f == fill::random) g_in[i] = r.s8();
    if (f == fill::narrow) g_in[i] = static_cast<std::int8_t>(r.uniform(-40, -20));  // max below 0
  }
  if (f == fill::all_values) {
    // Each row a rotation of -128 .. 127 (Depth == 256): every difference to the max once.
    for (int row = 0; row < Rows; ++row)
      for (int c = 0; c < Depth; ++c)
        g_in[row * Depth + c] = static_cast<std::int8_t>((c + 37 * row) % 256 - 128);
  }
  std::memset(g_out_ref, 0x55, n);
  std::memset(g_out_sel, 0x33, n);
  ctml::kernels::reference::softmax_s8<Rows, Depth, K>(g_in, g_out_ref);
  using sel = ctml::kernels::softmax_s8_kernel<Rows, Depth, K>;
  sel::run(g_in, g_out_sel, kernels_test::scratch_for<sel>());
  int diff = 0;
  for (int i = 0; i < n; ++i) diff += g_out_ref[i] != g_out_sel[i];
  return diff;
}

template <int Rows, int Depth>
void check_all_constants(std::uint32_t seed) {
  CAPTURE(Rows);
  CAPTURE(Depth);
  CHECK(check<Rows, Depth, k_kws>(seed, fill::random) == 0);
  CHECK(check<Rows, Depth, k_small>(seed + 1, fill::random) == 0);
  CHECK(check<Rows, Depth, k_odd>(seed + 2, fill::random) == 0);
  CHECK(check<Rows, Depth, k_mid>(seed + 3, fill::random) == 0);
  CHECK(check<Rows, Depth, k_one>(seed + 4, fill::narrow) == 0);
  CHECK(check<Rows, Depth, k_big>(seed + 5, fill::random) == 0);
  CHECK(check<Rows, Depth, k_odd>(seed + 6, fill::narrow) == 0);
}

}  // namespace

TEST_CASE("softmax_s8") {
  static_assert(k_kws.input_left_shift >= 0 && k_small.input_left_shift >= 0 && k_big.input_left_shift < 32);
  check_all_constants<1, 1>(11u);
  check_all_constants<3, 2>(12u);
  check_all_constants<1, 3>(13u);
  check_all_constants<2, 4>(14u);
  check_all_constants<1, 5>(15u);
  check_all_constants<1, 10>(16u);
  check_all_constants<1, 12>(17u);
  check_all_constants<4, 12>(18u);
  check_all_constants<2, 15>(19u);
  check_all_constants<1, 16>(20u);
  check_all_constants<3, 17>(21u);
  check_all_constants<1, 33>(22u);
  check_all_constants<2, 64>(23u);
  check_all_constants<1, 101>(24u);
  check_all_constants<1, 255>(25u);
  check_all_constants<1, 300>(26u);
}

TEST_CASE("softmax_s8 every input value") {
  CHECK(check<3, 256, k_kws>(1u, fill::all_values) == 0);
  CHECK(check<3, 256, k_small>(1u, fill::all_values) == 0);
  CHECK(check<3, 256, k_odd>(1u, fill::all_values) == 0);
  CHECK(check<3, 256, k_mid>(1u, fill::all_values) == 0);
  CHECK(check<3, 256, k_one>(1u, fill::all_values) == 0);
  CHECK(check<3, 256, k_big>(1u, fill::all_values) == 0);
}

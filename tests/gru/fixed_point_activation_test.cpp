// ctml::fixed::logistic / tanh against the C library's double-precision functions, over the whole
// Q5.26 gate range the int8 GRU uses and beyond.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <limits>

#include <doctest/doctest.h>

#include <ctml/quant/fixed_point_activation.hpp>

namespace {
constexpr double q31 = 2147483648.0;
}

TEST_CASE("fixed::logistic and fixed::tanh: error below 1e-7 / 2e-7 ( inputs, vs <cmath> double)") {
  for (int bits : {3, 5, 7}) {
    double worst_sig = 0, worst_tanh = 0;
    const double one = std::ldexp(1.0, 31 - bits);
    // Every 4099th raw value across the int32 range, plus both ends and zero.
    for (std::int64_t raw = INT32_MIN; raw <= INT32_MAX; raw += 4099 * 257) {
      const auto a = static_cast<std::int32_t>(raw);
      const double x = a / one;
      worst_sig =
          std::fmax(worst_sig, std::fabs(ctml::fixed::logistic(a, bits) / q31 - 1.0 / (1.0 + std::exp(-x))));
      if (bits < 30)
        worst_tanh = std::fmax(worst_tanh, std::fabs(ctml::fixed::tanh(a, bits) / q31 - std::tanh(x)));
    }
    for (std::int32_t a :
         std::initializer_list<std::int32_t>{INT32_MIN, INT32_MIN + 1, -1, 0, 1, INT32_MAX}) {
      const double x = a / one;
      worst_sig =
          std::fmax(worst_sig, std::fabs(ctml::fixed::logistic(a, bits) / q31 - 1.0 / (1.0 + std::exp(-x))));
      worst_tanh = std::fmax(worst_tanh, std::fabs(ctml::fixed::tanh(a, bits) / q31 - std::tanh(x)));
    }
    CAPTURE(bits);
    MESSAGE("integer bits " << bits << ": max |sigmoid error| " << worst_sig << ", max |tanh error| "
                            << worst_tanh);
    CHECK(worst_sig < 1e-7);
    CHECK(worst_tanh < 2e-7);
  }
}

TEST_CASE("fixed::logistic and fixed::tanh: exact at 0, odd symmetry, usable at compile time") {
  static_assert(ctml::fixed::logistic(0, 5) == (1 << 30));
  static_assert(ctml::fixed::tanh(0, 5) == 0);
  for (std::int32_t a : std::initializer_list<std::int32_t>{1, 12345, 1 << 20, 1 << 26, 1 << 29, INT32_MAX}) {
    // sigmoid(-x) = 1 - sigmoid(x) exactly, tanh(-x) = -tanh(x) up to one LSB of the mirroring.
    CHECK(std::int64_t{ctml::fixed::logistic(-a, 5)} + ctml::fixed::logistic(a, 5) ==
          (std::int64_t{1} << 31));
    CHECK(std::abs(std::int64_t{ctml::fixed::tanh(-a, 5)} + ctml::fixed::tanh(a, 5)) <= 2);
  }
}

TEST_CASE("fixed::logistic_table and fixed::tanh_table: error below 1.3e-5 / 2.6e-5 (vs <cmath> double)") {
  for (int bits : {3, 5, 7}) {
    double worst_sig = 0, worst_tanh = 0;
    const double one = std::ldexp(1.0, 31 - bits);
    for (std::int64_t raw = INT32_MIN; raw <= INT32_MAX; raw += 4099 * 53) {
      const auto a = static_cast<std::int32_t>(raw);
      const double x = a / one;
      worst_sig = std::fmax(
          worst_sig, std::fabs(ctml::fixed::logistic_table(a, bits) / q31 - 1.0 / (1.0 + std::exp(-x))));
      worst_tanh = std::fmax(worst_tanh, std::fabs(ctml::fixed::tanh_table(a, bits) / q31 - std::tanh(x)));
    }
    MESSAGE("integer bits " << bits << ": max |sigmoid error| " << worst_sig << ", max |tanh error| "
                            << worst_tanh);
    CHECK(worst_sig < 1.3e-5);
    CHECK(worst_tanh < 2.6e-5);
  }
  static_assert(ctml::fixed::logistic_table(0, 5) == (1 << 30));
  static_assert(ctml::fixed::tanh_table(0, 5) == 0);
}

#include <ctml/kernels/reference/gru.hpp>

TEST_CASE("float GRU activations: exp relative error < 3e-7, sigmoid/tanh absolute < 3e-7, NaN propagates") {
  namespace d = ctml::kernels::reference::detail;
  double worst_exp = 0, worst_sig = 0, worst_tanh = 0;
  for (int i = -200000; i <= 200000; ++i) {
    const float x = static_cast<float>(i) * 4e-4f;  // [-80, 80]
    worst_exp = std::fmax(worst_exp, std::fabs(d::exp_f32(x) / std::exp(double(x)) - 1.0));
    worst_sig = std::fmax(worst_sig, std::fabs(d::sigmoid_f32(x) - 1.0 / (1.0 + std::exp(-double(x)))));
    worst_tanh = std::fmax(worst_tanh, std::fabs(d::tanh_f32(x) - std::tanh(double(x))));
  }
  MESSAGE("exp " << worst_exp << ", sigmoid " << worst_sig << ", tanh " << worst_tanh);
  CHECK(worst_exp < 3e-7);
  CHECK(worst_sig < 3e-7);
  CHECK(worst_tanh < 3e-7);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  CHECK(std::isnan(d::exp_f32(nan)));
  CHECK(std::isnan(d::sigmoid_f32(nan)));
}

// ctml::math against values from the C library's <cmath> (the reference), over wide ranges.
#include <cmath>
#include <initializer_list>
#include <numbers>

#include <doctest/doctest.h>

#include <ctml/core/math.hpp>

namespace m = ctml::math;

static double rel(double a, double b) {
  return std::fabs(a - b) / std::fmax(std::fabs(b), 1e-300);
}

TEST_CASE("exp and log match <cmath> to a few ulp") {
  for (double x = -700; x < 700; x += 0.731) CHECK(rel(m::exp(x), std::exp(x)) < 4e-15);
  for (double x = 1e-300; x < 1e300; x *= 3.7)
    CHECK(std::fabs(m::log(x) - std::log(x)) < 4e-15 * std::fmax(1.0, std::fabs(std::log(x))));
  CHECK(m::exp(0.0) == 1.0);
  CHECK(m::log(1.0) == 0.0);
  CHECK(std::isinf(m::log(0.0)));
  CHECK(std::isnan(m::log(-1.0)));
}

TEST_CASE("sin, cos, sinpi, cospi match <cmath>") {
  for (double x = -100; x < 100; x += 0.0137) {
    CHECK(std::fabs(m::sin(x) - std::sin(x)) < 2e-15);
    CHECK(std::fabs(m::cos(x) - std::cos(x)) < 2e-15);
  }
  for (int k = -64; k <= 64; ++k) {
    const double x = k / 16.0;
    CHECK(std::fabs(m::sinpi(x) - std::sin(std::numbers::pi * x)) < 2e-15);
    CHECK(std::fabs(m::cospi(x) - std::cos(std::numbers::pi * x)) < 2e-15);
  }
  CHECK(m::sinpi(1.0) == 0.0);  // exact where std::sin(M_PI) is not
  CHECK(m::cospi(0.5) == 0.0);
}

TEST_CASE("sqrt, pow, rounding, frexp match <cmath>") {
  for (double x = 1e-200; x < 1e200; x *= 5.3) CHECK(rel(m::sqrt(x), std::sqrt(x)) <= 2.3e-16);
  CHECK(rel(m::pow(10.0, 0.3), std::pow(10.0, 0.3)) < 1e-14);
  for (double x = -5.5; x <= 5.5; x += 0.25) {
    CHECK(m::round(x) == std::round(x));
    CHECK(m::floor(x) == std::floor(x));
    CHECK(m::ceil(x) == std::ceil(x));
    CHECK(m::trunc(x) == std::trunc(x));
  }
  for (double x : {1e-310, 0.1, 0.5, 1.0, 3.0, 1e10, -7.25}) {
    int e = 0;
    const double mant = std::frexp(x, &e);
    CHECK(m::frexp(x).mantissa == mant);
    CHECK(m::frexp(x).exponent == e);
  }
}

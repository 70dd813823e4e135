// End to end: scikit-learn fit (fit.py) -> pickle -> ctml_sklearn_export.py (run by CMake at build
// time) -> this test. Expected outputs are scikit-learn's predict / predict_proba (e2e_expected.hpp).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <cmath>

#include <doctest/doctest.h>

#include "e2e_expected.hpp"
#include "e2e_model.hpp"

TEST_CASE("exported pickle predicts what scikit-learn predicts") {
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < std::size(e2e::x); ++i) {
    wrong += e2e_model::predict(e2e::x[i]) != static_cast<std::size_t>(e2e::cls[i]);
    const auto p = e2e_model::predict_proba(e2e::x[i]);
    for (std::size_t k = 0; k < 3; ++k) CHECK(std::fabs(double{p[k]} - e2e::proba[i][k]) <= 1e-6);
  }
  CHECK(wrong == 0);
  CHECK(std::size(e2e::x) == 45);
}

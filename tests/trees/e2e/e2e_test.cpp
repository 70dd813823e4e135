// End to end: scikit-learn fit (fit.py) -> pickle -> ctml_sklearn_export.py (run by CMake at build
// time) -> this test. Expected outputs are scikit-learn's predict / predict_proba (e2e_expected.hpp).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <cmath>
#include <string_view>

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

// The model was fitted with feature names (fit.py): the header carries them, in scikit-learn's
// order and byte for byte (the last one tests the escaping of '"', '\\', non-ASCII and newline).
constexpr bool feature_names_match() {
  if (e2e_model_feature_names.size() != std::size(e2e::feature_name_length)) return false;
  std::size_t at = 0;
  for (std::size_t i = 0; i < e2e_model_feature_names.size(); ++i) {
    const std::string_view name = e2e_model_feature_names[i];
    if (name.size() != e2e::feature_name_length[i]) return false;
    for (const char c : name)
      if (static_cast<unsigned char>(c) != e2e::feature_name_bytes[at++]) return false;
  }
  return at == std::size(e2e::feature_name_bytes);
}
static_assert(feature_names_match());
static_assert(e2e_model_feature_names[0] == "alcohol" && e2e_model_feature_names[1] == "malic_acid");

TEST_CASE("feature names: a firmware-side order check reads them") {
  constexpr std::string_view firmware_order[] = {"alcohol", "malic_acid", "ash"};
  for (std::size_t i = 0; i < std::size(firmware_order); ++i)
    CHECK(e2e_model_feature_names[i] == firmware_order[i]);
  CHECK(e2e_model_feature_names[12].starts_with("proline \"mg/L\" \\ "));
}

// Parity with scikit-learn on load_wine: expected outputs are scikit-learn's predict/predict_proba
// (generated/wine_data.hpp, written by generate.py; versions in its first line).
#include "generated/wine_data.hpp"
#include "generated/wine_dt.hpp"
#include "generated/wine_et.hpp"
#include "generated/wine_gb.hpp"
#include "generated/wine_hgb.hpp"
#include "generated/wine_rf.hpp"
#include "parity.hpp"

namespace d = wine_data;
constexpr std::size_t extremes = std::size(d::x) - d::n_extreme;

TEST_CASE("wine_dt matches scikit-learn") {
  parity::classifier_both<wine_dt>(d::x, d::dt_class, d::dt_proba, extremes);
}
TEST_CASE("wine_rf matches scikit-learn") {
  parity::classifier_both<wine_rf>(d::x, d::rf_class, d::rf_proba, extremes);
}
TEST_CASE("wine_et matches scikit-learn") {
  parity::classifier_both<wine_et>(d::x, d::et_class, d::et_proba, extremes);
}
TEST_CASE("wine_gb matches scikit-learn") {
  parity::classifier_both<wine_gb>(d::x, d::gb_class, d::gb_proba, extremes);
}
TEST_CASE("wine_hgb matches scikit-learn") {
  parity::classifier_both<wine_hgb>(d::x, d::hgb_class, d::hgb_proba, extremes);
}

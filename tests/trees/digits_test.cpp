// Parity with scikit-learn on load_digits: expected outputs are scikit-learn's predict/predict_proba
// (generated/digits_data.hpp, written by generate.py; versions in its first line).
#include "generated/digits_data.hpp"
#include "generated/digits_dt.hpp"
#include "generated/digits_et.hpp"
#include "generated/digits_gb.hpp"
#include "generated/digits_hgb.hpp"
#include "generated/digits_rf.hpp"
#include "parity.hpp"

namespace d = digits_data;
constexpr std::size_t extremes = std::size(d::x) - d::n_extreme;

TEST_CASE("digits_dt matches scikit-learn") {
  parity::classifier_both<digits_dt>(d::x, d::dt_class, d::dt_proba, extremes);
}
TEST_CASE("digits_rf matches scikit-learn") {
  parity::classifier_both<digits_rf>(d::x, d::rf_class, d::rf_proba, extremes);
}
TEST_CASE("digits_et matches scikit-learn") {
  parity::classifier_both<digits_et>(d::x, d::et_class, d::et_proba, extremes);
}
TEST_CASE("digits_gb matches scikit-learn") {
  parity::classifier_both<digits_gb>(d::x, d::gb_class, d::gb_proba, extremes);
}
TEST_CASE("digits_hgb matches scikit-learn") {
  parity::classifier_both<digits_hgb>(d::x, d::hgb_class, d::hgb_proba, extremes);
}

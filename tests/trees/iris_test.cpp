// Parity with scikit-learn on load_iris: expected outputs are scikit-learn's predict/predict_proba
// (generated/iris_data.hpp, written by generate.py; versions in its first line).
#include "generated/iris_data.hpp"
#include "generated/iris_dt.hpp"
#include "generated/iris_et.hpp"
#include "generated/iris_gb.hpp"
#include "generated/iris_hgb.hpp"
#include "generated/iris_rf.hpp"
#include "parity.hpp"

namespace d = iris_data;
constexpr std::size_t extremes = std::size(d::x) - d::n_extreme;

TEST_CASE("iris_dt matches scikit-learn") {
  parity::classifier_both<iris_dt>(d::x, d::dt_class, d::dt_proba, extremes);
}
TEST_CASE("iris_rf matches scikit-learn") {
  parity::classifier_both<iris_rf>(d::x, d::rf_class, d::rf_proba, extremes);
}
TEST_CASE("iris_et matches scikit-learn") {
  parity::classifier_both<iris_et>(d::x, d::et_class, d::et_proba, extremes);
}
TEST_CASE("iris_gb matches scikit-learn") {
  parity::classifier_both<iris_gb>(d::x, d::gb_class, d::gb_proba, extremes);
}
TEST_CASE("iris_hgb matches scikit-learn") {
  parity::classifier_both<iris_hgb>(d::x, d::hgb_class, d::hgb_proba, extremes);
}

// Parity with scikit-learn on load_breast_cancer: expected outputs are scikit-learn's predict/predict_proba
// (generated/breast_cancer_data.hpp, written by generate.py; versions in its first line).
#include "generated/breast_cancer_data.hpp"
#include "generated/breast_cancer_dt.hpp"
#include "generated/breast_cancer_et.hpp"
#include "generated/breast_cancer_gb.hpp"
#include "generated/breast_cancer_gb_exp.hpp"
#include "generated/breast_cancer_hgb.hpp"
#include "generated/breast_cancer_rf.hpp"
#include "parity.hpp"

namespace d = breast_cancer_data;
constexpr std::size_t extremes = std::size(d::x) - d::n_extreme;

TEST_CASE("breast_cancer_dt matches scikit-learn") {
  parity::classifier_both<breast_cancer_dt>(d::x, d::dt_class, d::dt_proba, extremes);
}
TEST_CASE("breast_cancer_rf matches scikit-learn") {
  parity::classifier_both<breast_cancer_rf>(d::x, d::rf_class, d::rf_proba, extremes);
}
TEST_CASE("breast_cancer_et matches scikit-learn") {
  parity::classifier_both<breast_cancer_et>(d::x, d::et_class, d::et_proba, extremes);
}
TEST_CASE("breast_cancer_gb matches scikit-learn") {
  parity::classifier_both<breast_cancer_gb>(d::x, d::gb_class, d::gb_proba, extremes);
}
TEST_CASE("breast_cancer_hgb matches scikit-learn") {
  parity::classifier_both<breast_cancer_hgb>(d::x, d::hgb_class, d::hgb_proba, extremes);
}
TEST_CASE("breast_cancer_gb_exp matches scikit-learn") {
  parity::classifier_both<breast_cancer_gb_exp>(d::x, d::gb_exp_class, d::gb_exp_proba, extremes);
}

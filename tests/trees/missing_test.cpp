// Missing values and infinities: HistGradientBoosting fit on data with 10% NaN features learns where
// NaN goes at each split; ctml must follow it. Expected outputs are scikit-learn's predict /
// predict_proba on the same NaN / +-inf inputs (generated/missing_*_data.hpp, by generate.py).
#include "generated/missing_breast_cancer.hpp"
#include "generated/missing_breast_cancer_data.hpp"
#include "generated/missing_diabetes.hpp"
#include "generated/missing_diabetes_data.hpp"
#include "parity.hpp"

TEST_CASE("HistGradientBoostingClassifier follows the learned missing-value direction") {
  static_assert(missing_breast_cancer::handles_missing);
  namespace d = missing_breast_cancer_data;
  parity::classifier_both<missing_breast_cancer>(d::x, d::hgb_class, d::hgb_proba);
  // NaN is valid input for this model.
  CHECK(missing_breast_cancer::validate(d::x[0]) == ctml::trees::input_status::ok);
}

TEST_CASE("HistGradientBoostingRegressor follows the learned missing-value direction") {
  static_assert(missing_diabetes::handles_missing);
  namespace d = missing_diabetes_data;
  parity::regressor_both<missing_diabetes>(d::x, d::hgb_value);
}

TEST_CASE("the NaN samples really exercise both directions") {
  // Guard against a vacuous test: the model must send NaN left at some split and right at another.
  const auto& t = missing_breast_cancer_table;
  std::size_t left = 0;
  for (const auto f : t.feature) left += (f & t.missing_left_bit) != 0;
  CHECK(left > 0);
  CHECK(left < t.num_nodes);
  std::size_t nan_samples = 0;
  for (const auto& row : missing_breast_cancer_data::x)
    for (float v : row) nan_samples += v != v;
  CHECK(nan_samples > 100);
}

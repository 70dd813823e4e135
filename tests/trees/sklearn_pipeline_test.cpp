// scikit-learn Pipelines whose preprocessing (SimpleImputer, StandardScaler, MinMaxScaler,
// RobustScaler, ColumnTransformer column selection) the exporter folded into the thresholds, with
// string class labels. Expected outputs are scikit-learn's predict / predict_proba on the same
// float32 values in a float64 array (generated/pipe_*_data.hpp, by generate.py); the samples include
// every folded threshold and one float32 step either side of it.
#include <cstddef>
#include <string_view>

#include "generated/pipe_gb.hpp"
#include "generated/pipe_gb_data.hpp"
#include "generated/pipe_hgb.hpp"
#include "generated/pipe_hgb_data.hpp"
#include "generated/pipe_rf.hpp"
#include "generated/pipe_rf_data.hpp"
#include "parity.hpp"

namespace {

// The header's classes array is scikit-learn's classes_, so classes[predict(x)] is scikit-learn's label.
template <typename M, std::size_t K, std::size_t N, std::size_t NF>
void labels_match(const std::array<std::string_view, K>& classes, const char* const (&expected)[K],
                  const float (&x)[N][NF], const int (&cls)[N]) {
  for (std::size_t k = 0; k < K; ++k) CHECK(classes[k] == std::string_view{expected[k]});
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < N; ++i)
    wrong += classes[M::predict(x[i])] != std::string_view{expected[static_cast<std::size_t>(cls[i])]};
  CHECK(wrong == 0);
}

// Guard against a vacuous test: NaN inputs and samples one step either side of the folded thresholds.
template <std::size_t N, std::size_t NF>
std::size_t nan_count(const float (&x)[N][NF]) {
  std::size_t n = 0;
  for (const auto& row : x)
    for (const float v : row) n += v != v;
  return n;
}

}  // namespace

TEST_CASE("SimpleImputer + StandardScaler + RandomForestClassifier (string labels) matches scikit-learn") {
  namespace d = pipe_rf_data;
  static_assert(pipe_rf::handles_missing, "the imputer makes NaN valid input");
  static_assert(pipe_rf_classes[0] == "benign" && pipe_rf_classes[1] == "malignant");
  CHECK(nan_count(d::x) > 100);
  CHECK(std::size(d::x) > static_cast<std::size_t>(d::n_test) + 3 * pipe_rf::num_nodes / 2);
  parity::classifier_both<pipe_rf>(d::x, d::model_class, d::model_proba);
  labels_match<pipe_rf>(pipe_rf_classes, d::classes, d::x, d::model_class);
}

TEST_CASE(
    "MinMaxScaler + HistGradientBoostingClassifier (NaN passed on, string labels) matches scikit-learn") {
  namespace d = pipe_hgb_data;
  static_assert(pipe_hgb::handles_missing);
  CHECK(nan_count(d::x) > 20);
  parity::classifier_both<pipe_hgb>(d::x, d::model_class, d::model_proba);
  labels_match<pipe_hgb>(pipe_hgb_classes, d::classes, d::x, d::model_class);
}

TEST_CASE(
    "SimpleImputer + ColumnTransformer (scalers, drop, remainder) + GradientBoostingRegressor matches "
    "scikit-learn") {
  namespace d = pipe_gb_data;
  static_assert(pipe_gb::num_features == 10, "features are the pipeline's inputs, dropped column included");
  // Column 4 is dropped by the ColumnTransformer: no split reads it.
  for (std::size_t n = 0; n < pipe_gb::num_nodes; ++n)
    CHECK((pipe_gb_table.feature[n] & pipe_gb_table.feature_mask) != 4);
  CHECK(nan_count(d::x) > 20);
  parity::regressor_both<pipe_gb>(d::x, d::model_value);
}

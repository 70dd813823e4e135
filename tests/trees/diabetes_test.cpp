// Parity with scikit-learn on load_diabetes (regression): expected values are scikit-learn's predict
// (generated/diabetes_data.hpp, written by generate.py; versions in its first line).
#include "generated/diabetes_data.hpp"
#include "generated/diabetes_dt.hpp"
#include "generated/diabetes_et.hpp"
#include "generated/diabetes_gb.hpp"
#include "generated/diabetes_gb_huber.hpp"
#include "generated/diabetes_hgb.hpp"
#include "generated/diabetes_hgb_poisson.hpp"
#include "generated/diabetes_rf.hpp"
#include "parity.hpp"

namespace d = diabetes_data;
constexpr std::size_t extremes = std::size(d::x) - d::n_extreme;

TEST_CASE("diabetes_dt matches scikit-learn") {
  parity::regressor_both<diabetes_dt>(d::x, d::dt_value, extremes);
}
TEST_CASE("diabetes_rf matches scikit-learn") {
  parity::regressor_both<diabetes_rf>(d::x, d::rf_value, extremes);
}
TEST_CASE("diabetes_et matches scikit-learn") {
  parity::regressor_both<diabetes_et>(d::x, d::et_value, extremes);
}
TEST_CASE("diabetes_gb matches scikit-learn") {
  parity::regressor_both<diabetes_gb>(d::x, d::gb_value, extremes);
}
TEST_CASE("diabetes_gb_huber matches scikit-learn") {
  parity::regressor_both<diabetes_gb_huber>(d::x, d::gb_huber_value, extremes);
}
TEST_CASE("diabetes_hgb matches scikit-learn") {
  parity::regressor_both<diabetes_hgb>(d::x, d::hgb_value, extremes);
}
TEST_CASE("diabetes_hgb_poisson matches scikit-learn") {
  parity::regressor_both<diabetes_hgb_poisson>(d::x, d::hgb_poisson_value, extremes);
}

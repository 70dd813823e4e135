// Quantized int16 / int8 features: the exporter converts thresholds so that q <= T takes the branch
// float would take on the dequantized value. Expected outputs are scikit-learn's predict /
// predict_proba on the float32 dequantization of exactly these integers (generate.py, quant_case),
// including integers right at and one above each converted threshold.
#include "generated/breast_cancer_q16_data.hpp"
#include "generated/breast_cancer_q16_gb.hpp"
#include "generated/breast_cancer_q16_hgb.hpp"
#include "generated/breast_cancer_q16_rf.hpp"
#include "generated/breast_cancer_q8_data.hpp"
#include "generated/breast_cancer_q8_gb.hpp"
#include "generated/breast_cancer_q8_hgb.hpp"
#include "generated/breast_cancer_q8_rf.hpp"
#include "generated/digits_q16_data.hpp"
#include "generated/digits_q16_dt.hpp"
#include "generated/digits_q16_rf.hpp"
#include "parity.hpp"

TEST_CASE("int16 digits (scale 1) matches scikit-learn") {
  namespace d = digits_q16_data;
  static_assert(std::is_same_v<digits_q16_rf::feature_type, std::int16_t>);
  // Pixel thresholds are 0.5 .. 15.5, so the converted thresholds fit in int8.
  static_assert(std::is_same_v<digits_q16_rf::table_type::threshold_type, std::int8_t>);
  parity::classifier_both<digits_q16_rf>(d::x, d::rf_class, d::rf_proba);
  parity::classifier_both<digits_q16_dt>(d::x, d::dt_class, d::dt_proba);
}

TEST_CASE("int8 breast cancer (per-feature scale and zero point) matches scikit-learn") {
  namespace d = breast_cancer_q8_data;
  static_assert(std::is_same_v<breast_cancer_q8_rf::feature_type, std::int8_t>);
  parity::classifier_both<breast_cancer_q8_rf>(d::x, d::rf_class, d::rf_proba);
  parity::classifier_both<breast_cancer_q8_gb>(d::x, d::gb_class, d::gb_proba);
  parity::classifier_both<breast_cancer_q8_hgb>(d::x, d::hgb_class, d::hgb_proba);
}

TEST_CASE("int16 breast cancer (per-feature scale and zero point) matches scikit-learn") {
  namespace d = breast_cancer_q16_data;
  parity::classifier_both<breast_cancer_q16_rf>(d::x, d::rf_class, d::rf_proba);
  parity::classifier_both<breast_cancer_q16_gb>(d::x, d::gb_class, d::gb_proba);
  parity::classifier_both<breast_cancer_q16_hgb>(d::x, d::hgb_class, d::hgb_proba);
}

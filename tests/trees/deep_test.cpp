// Deep trees (docs/trees.md, "Deep trees"): a DecisionTreeClassifier chain of depth 256, the unrolled
// strategy's documented limit, compiled with both strategies; and one of depth 1199, beyond it and
// beyond Python's default recursion limit, which the exporter writes table_driven (--strategy auto).
// Expected outputs are scikit-learn's on every threshold and one float32 step either side of it
// (generated/deep_*_data.hpp, by generate.py).
#include <type_traits>

#include "generated/deep_1199.hpp"
#include "generated/deep_1199_data.hpp"
#include "generated/deep_256.hpp"
#include "generated/deep_256_data.hpp"
#include "parity.hpp"

TEST_CASE("a tree of depth 256 matches scikit-learn, unrolled and table-driven") {
  static_assert(std::is_same_v<deep_256::strategy, ctml::trees::unrolled>,
                "--strategy auto: small and shallow");
  static_assert(deep_256::num_nodes == 256);
  namespace d = deep_256_data;
  parity::classifier_both<deep_256>(d::x, d::model_class, d::model_proba);
}

TEST_CASE("a tree of depth 1199 matches scikit-learn, table-driven") {
  static_assert(std::is_same_v<deep_1199::strategy, ctml::trees::table_driven>, "--strategy auto: too deep");
  static_assert(deep_1199::num_nodes == 1199);
  namespace d = deep_1199_data;
  parity::classifier<deep_1199>(d::x, d::model_class, d::model_proba);
}

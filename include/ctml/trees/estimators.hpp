#pragma once
// Names that match scikit-learn's estimators, so a generated model reads like the Python that fit it.
// All are tree_ensemble with the estimator's aggregation and link fixed.

#include <ctml/trees/ensemble.hpp>

namespace ctml::trees {

// Single trees and bagged forests: leaves hold class probabilities (or values); the model averages.

/// DecisionTreeClassifier. Usage: `struct m final : ctml::trees::decision_tree_classifier<m_table> {};`
template <const auto& Table, Strategy S = table_driven>
using decision_tree_classifier =
    tree_ensemble<Table, task::classification, aggregation::average, link::identity, S>;
/// DecisionTreeRegressor. Usage: `struct m final : ctml::trees::decision_tree_regressor<m_table> {};`
template <const auto& Table, Strategy S = table_driven>
using decision_tree_regressor =
    tree_ensemble<Table, task::regression, aggregation::average, link::identity, S>;
/// RandomForestClassifier: mean of per-tree probabilities (not a vote). Usage: as decision_tree_classifier.
template <const auto& Table, Strategy S = table_driven>
using random_forest_classifier =
    tree_ensemble<Table, task::classification, aggregation::average, link::identity, S>;
/// RandomForestRegressor. Usage: `struct m final : ctml::trees::random_forest_regressor<m_table> {};`
template <const auto& Table, Strategy S = table_driven>
using random_forest_regressor =
    tree_ensemble<Table, task::regression, aggregation::average, link::identity, S>;
/// ExtraTreesClassifier. Usage: `struct m final : ctml::trees::extra_trees_classifier<m_table> {};`
template <const auto& Table, Strategy S = table_driven>
using extra_trees_classifier =
    tree_ensemble<Table, task::classification, aggregation::average, link::identity, S>;
/// ExtraTreesRegressor. Usage: `struct m final : ctml::trees::extra_trees_regressor<m_table> {};`
template <const auto& Table, Strategy S = table_driven>
using extra_trees_regressor = tree_ensemble<Table, task::regression, aggregation::average, link::identity, S>;

// Boosting: baseline (table.init) + sum of leaf values (learning rate already folded in), then link.

/// GradientBoostingClassifier / HistGradientBoostingClassifier; `Link` is sigmoid (binary log-loss),
/// sigmoid_twice (exponential loss) or softmax (multiclass).
/// Usage: `struct m final : ctml::trees::gradient_boosting_classifier<m_table, ctml::trees::link::softmax>
/// {};`
template <const auto& Table, link Link, Strategy S = table_driven>
using gradient_boosting_classifier = tree_ensemble<Table, task::classification, aggregation::sum, Link, S>;
/// GradientBoostingRegressor / HistGradientBoostingRegressor; `Link` is identity or exp (Poisson).
/// Usage: `struct m final : ctml::trees::gradient_boosting_regressor<m_table> {};`
template <const auto& Table, link Link = link::identity, Strategy S = table_driven>
using gradient_boosting_regressor = tree_ensemble<Table, task::regression, aggregation::sum, Link, S>;

}  // namespace ctml::trees

#pragma once
// tree_ensemble: the model type every scikit-learn tree estimator maps to. It aggregates the trees of
// a constexpr `ctml::trees::table` (mean or baseline + sum), applies the estimator's inverse link and
// offers predict / predict_proba with the feature count checked at compile time.

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>

#include <ctml/trees/link.hpp>
#include <ctml/trees/storage.hpp>
#include <ctml/trees/strategy.hpp>

namespace ctml::trees {

/// Result of `validate(x)`: whether a feature vector is one the estimator accepts.
enum class input_status : unsigned char {
  ok,                     ///< every feature is a number, or NaN where the model handles missing values
  missing_not_supported,  ///< NaN given to a model trained without missing-value support
};

/// A tree model over the constexpr node table `Table`, evaluated with strategy `S`.
///
/// Usage (normally through the named aliases in estimators.hpp and a generated header):
///   struct iris_forest final : ctml::trees::tree_ensemble<iris_forest_table, task::classification,
///                                                         aggregation::average, link::identity> {};
///   std::size_t cls = iris_forest::predict(features);   // features: float[4] or span<const float, 4>
///
/// NaN features: where the table records a missing-value direction (HistGradientBoosting) NaN follows
/// it; elsewhere `x <= threshold` is false for NaN, so NaN goes right at every split (a documented rule,
/// scikit-learn itself rejects NaN there; call `validate(x)` to refuse such input). +/-inf compare like
/// numbers larger/smaller than every threshold.
template <const auto& Table, task Task, aggregation Agg, link Link, Strategy S = table_driven>
struct tree_ensemble {
  using table_type = std::remove_cvref_t<decltype(Table)>;
  using feature_type = typename table_type::feature_value_type;
  using strategy = S;

  static constexpr std::size_t num_features = table_type::num_features;
  static constexpr std::size_t num_outputs = table_type::num_outputs;
  static constexpr std::size_t num_trees = table_type::num_trees;
  static constexpr std::size_t num_nodes = table_type::num_nodes;
  static constexpr std::size_t num_classes =
      Task == task::regression ? 1 : (num_outputs == 1 ? 2 : num_outputs);
  static constexpr bool handles_missing = table_type::missing_left;
  /// Bytes of the model's constant data (node tables, leaf values); the code is extra.
  static constexpr std::size_t flash_bytes = sizeof(table_type);
  /// No RAM of its own (ctml::Budgeted, docs/memory.md): a prediction keeps num_outputs sums on the
  /// stack and nothing between calls.
  static constexpr std::size_t state_bytes = 0;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr std::size_t ram_bytes = 0;

  static_assert(Task == task::classification || num_outputs == 1,
                "ctml::trees::tree_ensemble: regressors have one output");
  static_assert(Task == task::regression || Link != link::exp,
                "ctml::trees::tree_ensemble: the exp link is for regressors");
  static_assert(Agg == aggregation::sum || Link == link::identity,
                "ctml::trees::tree_ensemble: averaged forests have no link function");
  static_assert(!table_type::one_hot || (Task == task::classification && Agg == aggregation::average),
                "ctml::trees::tree_ensemble: a class_table (class-probability leaves) is for "
                "decision_tree_classifier, random_forest_classifier or extra_trees_classifier");

  using input = std::span<const feature_type, num_features>;

  /// The same model evaluated with another strategy, e.g. to benchmark both:
  ///   `iris_forest::with_strategy<ctml::trees::unrolled>::predict(x)`.
  template <Strategy S2>
  using with_strategy = tree_ensemble<Table, Task, Agg, Link, S2>;

  /// Raw outputs: averaged leaf vectors (forests) or baseline + sum of leaf values (boosting's
  /// decision_function). Usage: `auto raw = model::decision_function(x);`
  static constexpr std::array<float, num_outputs> decision_function(input x) {
    const auto acc = sums(x);
    std::array<float, num_outputs> out{};
    if constexpr (table_type::one_hot) {
      // Fixed-point probability sums: mean = sum * 2^-shift / num_trees, in double, then float.
      constexpr double scale = 1.0 / (static_cast<double>(table_type::prob_one) * num_trees);
      for (std::size_t k = 0; k < num_outputs; ++k)
        out[k] = static_cast<float>(static_cast<double>(acc[k]) * scale);
    } else if constexpr (table_type::fixed_point) {
      // Exact integer sum, scaled (and averaged) in double: one rounding to float at the end.
      constexpr double scale =
          table_type::value_scale / (Agg == aggregation::average ? static_cast<double>(num_trees) : 1.0);
      for (std::size_t k = 0; k < num_outputs; ++k)
        out[k] = static_cast<float>(static_cast<double>(acc[k]) * scale);
    } else {
      out = acc;
      if constexpr (Agg == aggregation::average && num_trees > 1) {
        for (float& a : out) a /= static_cast<float>(num_trees);
      }
    }
    return out;
  }

  /// Classifier: index into the estimator's `classes_`. Regressor: the predicted value.
  /// Usage: `auto y = model::predict(x);`
  static constexpr auto predict(input x) {
    // Classes: the argmax of the mean is the argmax of the sum, so skip the division.
    const auto raw = [&] {
      if constexpr (Task == task::classification) {
        return sums(x);
      } else {
        return decision_function(x);
      }
    }();
    if constexpr (Task == task::regression) {
      if constexpr (Link == link::exp) {
        return static_cast<float>(ctml::math::exp(double{raw[0]}));
      } else {
        return raw[0];
      }
    } else if constexpr (num_outputs == 1) {
      // Binary log-loss: argmax of (1 - p, p), class 1 iff raw > 0. Exponential loss decides on
      // raw >= 0 in scikit-learn (ExponentialLoss._raw_prediction_to_decision).
      constexpr typename table_type::accumulator_type zero{};
      if constexpr (Link == link::sigmoid_twice) {
        return static_cast<std::size_t>(raw[0] >= zero);
      } else {
        return static_cast<std::size_t>(raw[0] > zero);
      }
    } else {
      // Summed probabilities, or softmax of raw (monotone): first maximum, like numpy.argmax.
      return detail::first_argmax(raw);
    }
  }

  /// Classifier only: the estimator's predict_proba. Usage: `auto p = model::predict_proba(x);`
  static constexpr std::array<float, num_classes> predict_proba(input x) requires(Task ==
                                                                                  task::classification) {
    return detail::probabilities<Link, num_classes>(decision_function(x));
  }

  /// Whether `x` is input the estimator accepts (see the NaN rule above). Usage:
  ///   if (model::validate(x) != ctml::trees::input_status::ok) report_sensor_fault();
  static constexpr input_status validate(input x) {
    if constexpr (std::is_floating_point_v<feature_type> && !handles_missing) {
      for (const feature_type v : x)
        if (v != v) return input_status::missing_not_supported;
    }
    return input_status::ok;
  }

  /// Baseline + sum of the trees' leaf values, before averaging (fixed point for probability leaves).
  static constexpr std::array<typename table_type::accumulator_type, num_outputs> sums(input x) {
    std::array<typename table_type::accumulator_type, num_outputs> acc;
    if constexpr (table_type::one_hot) {
      // One store per class: `acc{}` becomes a call to memset (~25 Cortex-M4 instructions for 10
      // classes).
      [&]<std::size_t... K>(std::index_sequence<K...>) {
        ((acc[K] = 0), ...);
      }
      (std::make_index_sequence<num_outputs>{});
    } else {
      acc = Table.init;
    }
    if constexpr (std::is_same_v<S, unrolled>) {
      detail::accumulate_unrolled<Table>(x.data(), acc.data(), std::make_index_sequence<num_trees>{});
    } else {
      detail::accumulate(Table, x.data(), acc.data(), table_driven{});
    }
    return acc;
  }

  // A plain array of the wrong length is caught here with a readable message.
  template <std::size_t M>
  static constexpr auto predict(const feature_type (&x)[M]) {
    static_assert(M == num_features, "ctml::trees::predict(x): x must hold exactly num_features features");
    return predict(input{x});
  }
  template <std::size_t M>
  static constexpr auto predict_proba(const feature_type (&x)[M]) requires(Task == task::classification) {
    static_assert(M == num_features,
                  "ctml::trees::predict_proba(x): x must hold exactly num_features features");
    return predict_proba(input{x});
  }
  template <std::size_t M>
  static constexpr auto decision_function(const feature_type (&x)[M]) {
    static_assert(M == num_features,
                  "ctml::trees::decision_function(x): x must hold exactly num_features features");
    return decision_function(input{x});
  }
};

}  // namespace ctml::trees

#pragma once
// Node tables of a tree ensemble, laid out as flat constexpr arrays that the linker puts in flash.
// Index and feature-number types are the narrowest that hold the model, chosen at compile time from
// the sizes the exporter writes into the type.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace ctml::trees {

/// Narrowest unsigned integer type that holds `Max`: `uint_least_for<300>` is `std::uint16_t`.
template <std::size_t Max>
using uint_least_for = std::conditional_t<
    Max <= 0xFFu, std::uint8_t,
    std::conditional_t<Max <= 0xFFFFu, std::uint16_t,
                       std::conditional_t<Max <= 0xFFFF'FFFFu, std::uint32_t, std::uint64_t>>>;

/// Narrowest signed integer type that holds both `Max` and `-Max - 1`: `int_least_for<127>` is `std::int8_t`.
template <std::size_t Max>
using int_least_for = std::conditional_t<
    Max <= 0x7Fu, std::int8_t,
    std::conditional_t<Max <= 0x7FFFu, std::int16_t,
                       std::conditional_t<Max <= 0x7FFF'FFFFu, std::int32_t, std::int64_t>>>;

/// How per-tree leaf values combine into the model's raw output.
enum class aggregation : std::uint8_t {
  average,  ///< random forests, extra trees, single trees: mean of the trees' leaf vectors
  sum,      ///< gradient boosting: baseline + sum of the trees' leaf values
};

/// The inverse link that turns the raw output into what scikit-learn's predict/predict_proba returns.
enum class link : std::uint8_t {
  identity,       ///< regression, and forests whose leaves already hold probabilities
  exp,            ///< HistGradientBoostingRegressor(loss="poisson")
  sigmoid,        ///< binary log-loss: p = 1 / (1 + e^-raw)
  sigmoid_twice,  ///< GradientBoostingClassifier(loss="exponential"): p = 1 / (1 + e^-2raw)
  softmax,        ///< multiclass log-loss
};

/// What the model predicts.
enum class task : std::uint8_t { classification, regression };

/// `table`'s `ValueShift` for leaf values stored as `float` and summed in float (hand-written tables);
/// the exporter writes int64 fixed point instead (see `table`).
inline constexpr int float_values = std::numeric_limits<int>::min();

namespace detail {
// The `feature` array's element: the feature number, with one more bit above it for the missing-value
// direction when the model has one (both table types).
template <typename Feature, std::size_t NFeatures, bool MissingLeft>
struct feature_coding {
  static_assert(std::is_floating_point_v<Feature> || !MissingLeft,
                "ctml::trees: only float features can be missing (NaN)");
  static constexpr std::size_t bits = std::bit_width(NFeatures - 1);
  using type = uint_least_for<MissingLeft ? (std::size_t{2} << bits) - 1 : NFeatures - 1>;
  static constexpr type missing_left_bit = MissingLeft ? static_cast<type>(std::size_t{1} << bits) : type{0};
  static constexpr type mask = static_cast<type>(~missing_left_bit);
};

// 2^e exactly, in a constant expression (std::ldexp is not constexpr in C++20).
constexpr double exp2i(int e) {
  double r = 1.0;
  for (; e > 0; --e) r *= 2.0;
  for (; e < 0; ++e) r *= 0.5;
  return r;
}
}  // namespace detail

/// Compile-time node tables of an ensemble of binary decision trees whose leaves hold values:
/// regressors and gradient boosting (classifier forests use `class_table`, below).
///
/// Usage (what tools/sklearn/ctml_sklearn_export.py writes):
///   inline constexpr ctml::trees::table<float, float, 10, 1, 50, 350, 400, 7, 1> diabetes_gb_table{...};
///
/// `Feature` is the type of one input feature: `float`, or `std::int16_t`/`std::int8_t` for quantized
/// features. `Threshold` is `float` for float features, else the narrowest integer type that holds the
/// thresholds the exporter converted so that `q <= threshold` takes the branch float would.
/// Nodes of tree `t` are `base[t] + c` for the tree-local child codes `c >= 0`; a code `c < 0`
/// is leaf `v = -1 - c`, at `values[v * LeafWidth]` (leaf vectors deduplicated across the model).
/// With `MissingLeft`, bit `missing_left_bit` of `feature[n]` says that NaN goes left at node `n`
/// (HistGradientBoosting's learned direction); otherwise NaN fails `x <= t` and goes right.
/// Leaf values and `init` are int64 fixed point, `v * 2^ValueShift` rounded, with the shift chosen by
/// the exporter so that every possible sum stays below 2^62: the sum over the trees is then exact, and
/// cancelling stages (a boosted regression near zero) lose nothing (scikit-learn sums in float64).
/// `ValueShift == float_values` stores and sums them as `float` instead (small hand-written tables).
template <typename Feature, typename Threshold, std::size_t NFeatures, std::size_t NOutputs,
          std::size_t NTrees, std::size_t NNodes, std::size_t NValues, std::size_t MaxTreeNodes,
          std::size_t LeafWidth, bool MissingLeft = false, int ValueShift = float_values>
struct table {
  static_assert(NFeatures > 0, "ctml::trees::table: a model needs at least one feature");
  static_assert(NTrees > 0, "ctml::trees::table: a model needs at least one tree");
  static_assert(NValues > 0, "ctml::trees::table: a model needs at least one leaf");
  static_assert(LeafWidth == 1 || LeafWidth == NOutputs,
                "ctml::trees::table: a leaf holds one value or one value per output");
  static_assert(std::is_arithmetic_v<Threshold>, "ctml::trees::table: thresholds are float or integer");

  using feature_value_type = Feature;
  using threshold_type = Threshold;
  static constexpr bool missing_left = MissingLeft;
  using feature_type = typename detail::feature_coding<Feature, NFeatures, MissingLeft>::type;
  static constexpr feature_type missing_left_bit =
      detail::feature_coding<Feature, NFeatures, MissingLeft>::missing_left_bit;
  static constexpr feature_type feature_mask = detail::feature_coding<Feature, NFeatures, MissingLeft>::mask;
  static constexpr bool one_hot = false;
  static constexpr bool fixed_point = ValueShift != float_values;
  /// Leaf value of a stored `q`: `q * value_scale` (fixed point), else `q` itself.
  static constexpr double value_scale = fixed_point ? detail::exp2i(-ValueShift) : 1.0;
  using value_type = std::conditional_t<fixed_point, std::int64_t, float>;
  /// The accumulator of raw outputs.
  using accumulator_type = value_type;
  using child_type = int_least_for<(MaxTreeNodes > NValues ? MaxTreeNodes : NValues)>;
  using base_type = uint_least_for<NNodes>;

  static constexpr std::size_t num_features = NFeatures;
  static constexpr std::size_t num_outputs = NOutputs;
  static constexpr std::size_t num_trees = NTrees;
  static constexpr std::size_t num_nodes = NNodes;    ///< internal (split) nodes; leaves are codes
  static constexpr std::size_t num_values = NValues;  ///< stored leaf vectors
  static constexpr std::size_t leaf_width = LeafWidth;

  // Arrays of at least one element so that a model of stumps-only still has valid storage.
  std::array<feature_type, NNodes ? NNodes : 1> feature;
  std::array<Threshold, NNodes ? NNodes : 1> threshold;
  std::array<child_type, NNodes ? NNodes : 1> left;
  std::array<child_type, NNodes ? NNodes : 1> right;
  std::array<base_type, NTrees> base;   ///< index of each tree's first node
  std::array<child_type, NTrees> root;  ///< child code of each tree's root (a leaf for stumps)
  std::array<value_type, NValues * LeafWidth> values;
  std::array<value_type, NOutputs> init;  ///< baseline of the raw output (gradient boosting), else zeros
};

/// Compile-time node tables of a classifier whose leaves hold class probabilities (DecisionTree,
/// RandomForest and ExtraTrees classifiers); the model averages the trees' leaf vectors.
///
/// Usage (what tools/sklearn/ctml_sklearn_export.py writes):
///   inline constexpr ctml::trees::class_table<float, float, 4, 3, 10, 87, 31, 12, 9> iris_forest_table{...};
///
/// Nodes as in `table`, including the missing-value bit with `MissingLeft` (a SimpleImputer folded in
/// by the exporter decides per split where NaN goes). Leaves are sparse, because
/// most leaves of a classifier are pure and the rest mix two or three classes:
///   * a leaf code `v < NClasses` is a pure leaf, probability 1 for class `v`; nothing is stored;
///   * a leaf code `v >= NClasses` starts at `entries[entry_base[t] + v - NClasses]`, one entry per
///     class of nonzero probability, each `class << (prob_shift + 1) | last << prob_shift | p` with
///     `p = round(probability * 2^prob_shift)`; `last` marks the leaf's final entry.
/// So leaf codes are tree-local too and a tree with < 128 split nodes and < 118 stored entries
/// needs only 1-byte child codes. Probabilities are summed as integers (no FPU needed on a
/// Cortex-M0+) and are within 2^-(prob_shift+1) of scikit-learn's per tree.
template <typename Feature, typename Threshold, std::size_t NFeatures, std::size_t NClasses,
          std::size_t NTrees, std::size_t NNodes, std::size_t NEntries, std::size_t MaxTreeNodes,
          std::size_t MaxTreeEntries, bool MissingLeft = false>
struct class_table {
  static_assert(NFeatures > 0, "ctml::trees::class_table: a model needs at least one feature");
  static_assert(NTrees > 0, "ctml::trees::class_table: a model needs at least one tree");
  static_assert(NClasses >= 2, "ctml::trees::class_table: a classifier has at least two classes");
  static_assert(std::is_arithmetic_v<Threshold>, "ctml::trees::class_table: thresholds are float or integer");

  using feature_value_type = Feature;
  using threshold_type = Threshold;
  static constexpr bool missing_left = MissingLeft;
  using feature_type = typename detail::feature_coding<Feature, NFeatures, MissingLeft>::type;
  static constexpr feature_type missing_left_bit =
      detail::feature_coding<Feature, NFeatures, MissingLeft>::missing_left_bit;
  static constexpr feature_type feature_mask = detail::feature_coding<Feature, NFeatures, MissingLeft>::mask;
  static constexpr bool one_hot = true;

  static constexpr int class_bits = static_cast<int>(std::bit_width(NClasses - 1));
  /// Fixed point of the probabilities: the sum over all trees stays below 2^32, and an entry holds
  /// the class, the last-entry bit and p in 32 bits.
  static constexpr int prob_shift = 32 - static_cast<int>(std::bit_width(NTrees)) < 31 - class_bits
                                        ? 32 - static_cast<int>(std::bit_width(NTrees))
                                        : 31 - class_bits;
  static_assert(prob_shift >= 20,
                "ctml::trees::class_table: too many classes or trees for 32-bit fixed-point probabilities "
                "within 1e-6");
  static constexpr std::uint32_t prob_one = std::uint32_t{1} << prob_shift;
  static constexpr std::uint32_t prob_mask = prob_one - 1;
  static constexpr std::uint32_t last_entry = prob_one;  ///< bit marking a leaf's final entry
  using value_type = std::uint32_t;
  using accumulator_type = std::uint32_t;
  using child_type =
      int_least_for<(MaxTreeNodes > NClasses + MaxTreeEntries ? MaxTreeNodes : NClasses + MaxTreeEntries)>;
  using base_type = uint_least_for<NNodes>;
  using entry_base_type = uint_least_for<NEntries>;

  static constexpr std::size_t num_features = NFeatures;
  static constexpr std::size_t num_outputs = NClasses;
  static constexpr std::size_t num_trees = NTrees;
  static constexpr std::size_t num_nodes = NNodes;      ///< internal (split) nodes; leaves are codes
  static constexpr std::size_t num_entries = NEntries;  ///< stored (class, probability) entries
  static constexpr std::size_t leaf_width = NClasses;

  std::array<feature_type, NNodes ? NNodes : 1> feature;
  std::array<Threshold, NNodes ? NNodes : 1> threshold;
  std::array<child_type, NNodes ? NNodes : 1> left;
  std::array<child_type, NNodes ? NNodes : 1> right;
  std::array<base_type, NTrees> base;              ///< index of each tree's first node
  std::array<child_type, NTrees> root;             ///< child code of each tree's root (a leaf for stumps)
  std::array<entry_base_type, NTrees> entry_base;  ///< index of each tree's first entry
  std::array<std::uint32_t, NEntries> entries;     ///< sparse impure leaves, tree by tree
};

}  // namespace ctml::trees

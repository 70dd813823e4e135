#pragma once
// The two ways to walk a constexpr node table (see docs/trees.md, "Choosing a strategy"):
//   table_driven: one loop per tree over the flat arrays; code size independent of the model.
//   unrolled:     templates turn every node into a compare-and-branch with the feature number and
//                 threshold as immediates, and every leaf into adds of constants; no table loads.

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <ctml/trees/storage.hpp>

namespace ctml::trees {

/// Strategy tag: compact node arrays walked by one loop. Usage: `random_forest_classifier<t, table_driven>`.
struct table_driven {};
/// Strategy tag: the tree compiled into nested comparisons. Usage: `random_forest_classifier<t, unrolled>`.
struct unrolled {};

/// A strategy tag accepted by the tree models.
template <typename S>
concept Strategy = std::is_same_v<S, table_driven> || std::is_same_v<S, unrolled>;

namespace detail {

// Adds leaf `v` of tree `tree` to the raw outputs: a whole vector (forests) or one value to the
// output the tree belongs to (boosting: trees are stored iteration-major, output = tree % outputs).
template <typename T>
[[gnu::always_inline]] constexpr void add_leaf(const T& tb, std::size_t tree, std::size_t v,
                                               typename T::accumulator_type* acc) {
  if constexpr (T::one_hot) {
    if (T::num_entries == 0 || v < T::num_outputs) {
      acc[v] += T::prob_one;  // pure leaf (every leaf of a table without entries)
      return;
    }
    // Sparse leaf: (class, p) entries up to the one with the last-entry bit.
    const std::uint32_t* e = tb.entries.data() + tb.entry_base[tree] + (v - T::num_outputs);
    for (;;) {
      const std::uint32_t w = *e++;
      acc[w >> (T::prob_shift + 1)] += w & T::prob_mask;
      if (w & T::last_entry) break;
    }
  } else if constexpr (T::leaf_width == 1) {
    acc[T::num_outputs == 1 ? 0 : tree % T::num_outputs] += tb.values[v];
  } else {
    // Unrolled over the outputs: no loop counter, the row pointer is the only address computed.
    const auto* row = tb.values.data() + v * T::leaf_width;
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      ((acc[K] += row[K]), ...);
    }
    (std::make_index_sequence<T::leaf_width>{});
  }
}

// The entries of a sparse leaf, from `E` to the one with the last-entry bit, as adds of constants.
template <const auto& Tb, std::size_t E, typename A>
[[gnu::always_inline]] constexpr void add_entries(A* acc) {
  using T = std::remove_cvref_t<decltype(Tb)>;
  constexpr std::uint32_t w = Tb.entries[E];
  acc[w >> (T::prob_shift + 1)] += w & T::prob_mask;
  if constexpr ((w & T::last_entry) == 0) add_entries<Tb, E + 1>(acc);
}

// table_driven: walk every tree with a loop; the child code sign says leaf or node. Pointers to the
// tree's slice of each array are taken once per tree, so a level costs the loads, one compare and
// one branch (about 9 Cortex-M4 instructions).
template <typename T>
constexpr void accumulate(const T& tb, const typename T::feature_value_type* x,
                          typename T::accumulator_type* acc, table_driven) {
  for (std::size_t t = 0; t < T::num_trees; ++t) {
    const std::size_t base = tb.base[t];
    const auto* feature = tb.feature.data() + base;
    const auto* threshold = tb.threshold.data() + base;
    const auto* left = tb.left.data() + base;
    const auto* right = tb.right.data() + base;
    auto c = tb.root[t];
    while (c >= 0) {
      const auto i = static_cast<std::size_t>(c);
      if constexpr (T::missing_left) {
        const auto f = feature[i];
        const auto v = x[f & T::feature_mask];
        const bool go_left = (f & T::missing_left_bit) ? !(v > threshold[i]) : v <= threshold[i];
        c = go_left ? left[i] : right[i];
      } else {
        c = x[feature[i]] <= threshold[i] ? left[i] : right[i];
      }
    }
    add_leaf(tb, t, static_cast<std::size_t>(-1 - c), acc);
  }
}

// unrolled: one instantiation per node; the compiler sees constants only.
template <const auto& Tb, std::size_t Tree, auto Code, typename F, typename A>
[[gnu::always_inline]] constexpr void visit(const F* x, A* acc) {
  using T = std::remove_cvref_t<decltype(Tb)>;
  if constexpr (Code < 0) {
    constexpr std::size_t v = static_cast<std::size_t>(-1 - Code);
    if constexpr (T::one_hot) {
      if constexpr (v < T::num_outputs) {
        acc[v] += T::prob_one;  // pure leaf
      } else {
        add_entries<Tb, Tb.entry_base[Tree] + (v - T::num_outputs)>(acc);
      }
    } else if constexpr (T::leaf_width == 1) {
      acc[T::num_outputs == 1 ? 0 : Tree % T::num_outputs] += Tb.values[v];
    } else {
      constexpr std::size_t row = v * T::leaf_width;
      // Zero entries cost nothing.
      [&]<std::size_t... K>(std::index_sequence<K...>) {
        ((Tb.values[row + K] != 0 ? void(acc[K] += Tb.values[row + K]) : void()), ...);
      }
      (std::make_index_sequence<T::leaf_width>{});
    }
  } else {
    constexpr std::size_t n = Tb.base[Tree] + static_cast<std::size_t>(Code);
    constexpr auto thr = Tb.threshold[n];
    constexpr auto f = Tb.feature[n];
    bool left;
    if constexpr (T::missing_left && (f & T::missing_left_bit) != 0) {
      left = !(x[f & T::feature_mask] > thr);
    } else {
      left = x[f] <= thr;
    }
    if (left) {
      visit<Tb, Tree, Tb.left[n]>(x, acc);
    } else {
      visit<Tb, Tree, Tb.right[n]>(x, acc);
    }
  }
}

// Above this many split nodes an unrolled model calls one function per tree instead of inlining all
// trees into one: the compilers' optimisation of a single function grows faster than linearly with
// its size (GCC -O2: 7.4 ms per split at 3,900 splits, 4.2 ms at 1,200; benchmarks/trees/README.md).
// Smaller models (all the benchmark models) keep the single function and its instruction counts.
inline constexpr std::size_t unrolled_single_function_max_nodes = 1024;

template <const auto& Tb, std::size_t Tree, typename F, typename A>
[[gnu::noinline]] constexpr void visit_tree(const F* x, A* acc) {
  visit<Tb, Tree, Tb.root[Tree]>(x, acc);
}

template <const auto& Tb, typename F, typename A, std::size_t... Tree>
[[gnu::always_inline]] constexpr void accumulate_unrolled(const F* x, A* acc, std::index_sequence<Tree...>) {
  if constexpr (std::remove_cvref_t<decltype(Tb)>::num_nodes > unrolled_single_function_max_nodes) {
    (visit_tree<Tb, Tree>(x, acc), ...);
  } else {
    (visit<Tb, Tree, Tb.root[Tree]>(x, acc), ...);
  }
}

}  // namespace detail
}  // namespace ctml::trees

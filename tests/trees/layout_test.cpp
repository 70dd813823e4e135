// Unit tests of the node-table layout and strategies on small hand-written tables (expected values
// worked out by hand from the tree drawn below), plus compile-time facts about generated models.
#include <cstdint>
#include <limits>
#include <type_traits>

#include <doctest/doctest.h>

#include <ctml/trees.hpp>

#include "generated/digits_q16_rf.hpp"
#include "generated/digits_rf.hpp"
#include "generated/iris_dt.hpp"
#include "generated/missing_diabetes.hpp"

namespace tr = ctml::trees;

// Narrowest types.
static_assert(std::is_same_v<tr::uint_least_for<255>, std::uint8_t>);
static_assert(std::is_same_v<tr::uint_least_for<256>, std::uint16_t>);
static_assert(std::is_same_v<tr::uint_least_for<65536>, std::uint32_t>);
static_assert(std::is_same_v<tr::int_least_for<127>, std::int8_t>);
static_assert(std::is_same_v<tr::int_least_for<128>, std::int16_t>);

// Tree 0:  x0 <= 0.5 ? (x1 <= 1 ? leaf A : leaf B) : leaf C      Tree 1: a single leaf (stump) B.
// Leaves (class probabilities): A = (1, 0), B = (0, 1), C = (0.5, 0.5).
inline constexpr tr::table<float, float, 2, 2, 2, 2, 3, 2, 2> hand{.feature = {0, 1},
                                                                   .threshold = {0.5f, 1.0f},
                                                                   .left = {1, -1},
                                                                   .right = {-3, -2},
                                                                   .base = {0, 2},
                                                                   .root = {0, -2},
                                                                   .values = {1, 0, 0, 1, 0.5f, 0.5f},
                                                                   .init = {0, 0}};
struct hand_forest final : tr::random_forest_classifier<hand> {};
using hand_unrolled = hand_forest::with_strategy<tr::unrolled>;

static_assert(std::is_same_v<decltype(hand)::feature_type, std::uint8_t>);
static_assert(std::is_same_v<decltype(hand)::child_type, std::int8_t>);
// 2 feature bytes, 2 padding, 2 float thresholds, 2 + 2 children, 2 bases, 2 roots, 6 + 2 floats.
static_assert(hand_forest::flash_bytes == 2 + 2 + 8 + 2 + 2 + 2 + 2 + 24 + 8);

// The whole prediction is a constant expression: usable in static_assert.
constexpr float at_a[2] = {0.5f, 1.0f};          // exactly on both thresholds: x <= t goes left
static_assert(hand_forest::predict(at_a) == 0);  // (A + B) / 2 = (0.5, 0.5): a tie goes to the first class
static_assert(hand_forest::predict_proba(at_a)[0] == 0.5f);
static_assert(hand_unrolled::predict_proba(at_a)[1] == 0.5f);

TEST_CASE("hand-built forest: both strategies follow x <= t, ties go to the first class") {
  const float up = std::numeric_limits<float>::infinity();
  struct sample {
    float x0, x1, p0;
  };
  // p0 = (leaf of tree 0 + (0, 1)) / 2, component 0.
  for (const sample s : {sample{0.5f, 1.0f, 0.5f}, sample{0.5f, 1.0000001f, 0.0f},
                         sample{0.50000006f, 0.0f, 0.25f}, sample{-up, -up, 0.5f}, sample{up, 0.0f, 0.25f}}) {
    const float x[2] = {s.x0, s.x1};
    CHECK(hand_forest::predict_proba(x)[0] == s.p0);
    CHECK(hand_unrolled::predict_proba(x)[0] == s.p0);
    CHECK(hand_forest::predict(x) == (s.p0 >= 0.5f ? 0u : 1u));
    CHECK(hand_unrolled::predict(x) == hand_forest::predict(x));
  }
}

// The same forest as a class_table (what the exporter writes for classifiers): A and B are pure
// leaves, codes -1 - class, nothing stored; C is two sparse entries, code -1 - (num_classes + offset).
// prob_shift = min(32 - bit_width(2 trees), 31 - 1 class bit) = 30: entry = class << 31 | last << 30 | p.
inline constexpr tr::class_table<float, float, 2, 2, 2, 2, 2, 2, 2> hand_sparse{
    .feature = {0, 1},
    .threshold = {0.5f, 1.0f},
    .left = {1, -1},
    .right = {-3, -2},
    .base = {0, 2},
    .root = {0, -2},
    .entry_base = {0, 0},
    .entries = {0x2000'0000u, 0xE000'0000u}};
struct hand_sparse_forest final : tr::random_forest_classifier<hand_sparse> {};
using hand_sparse_unrolled = hand_sparse_forest::with_strategy<tr::unrolled>;

static_assert(decltype(hand_sparse)::prob_shift == 30);
static_assert(std::is_same_v<decltype(hand_sparse)::child_type, std::int8_t>);
// 2 feature bytes, 2 padding, 2 float thresholds, 2 + 2 children, 2 bases, 2 roots, 2 entry bases,
// 2 padding, 2 entries.
static_assert(hand_sparse_forest::flash_bytes == 2 + 2 + 8 + 2 + 2 + 2 + 2 + 2 + 2 + 8);
static_assert(hand_sparse_forest::predict(at_a) == 0);
static_assert(hand_sparse_unrolled::predict_proba(at_a)[1] == 0.5f);

TEST_CASE("hand-built class_table: pure leaves, sparse entries, both strategies") {
  const float up = std::numeric_limits<float>::infinity();
  struct sample {
    float x0, x1, p0;
  };
  for (const sample s : {sample{0.5f, 1.0f, 0.5f}, sample{0.5f, 1.0000001f, 0.0f},
                         sample{0.50000006f, 0.0f, 0.25f}, sample{-up, -up, 0.5f}, sample{up, 0.0f, 0.25f}}) {
    const float x[2] = {s.x0, s.x1};
    CHECK(hand_sparse_forest::predict_proba(x)[0] == s.p0);
    CHECK(hand_sparse_unrolled::predict_proba(x)[0] == s.p0);
    CHECK(hand_sparse_forest::predict_proba(x)[1] == 1.0f - s.p0);
    CHECK(hand_sparse_forest::predict(x) == hand_forest::predict(x));
    CHECK(hand_sparse_unrolled::predict(x) == hand_forest::predict(x));
  }
}

TEST_CASE("NaN goes right where no missing direction was learned, and validate() reports it") {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float x[2] = {nan, 0.0f};  // right at the root: leaf C
  CHECK(hand_forest::predict_proba(x)[0] == 0.25f);
  CHECK(hand_unrolled::predict_proba(x)[0] == 0.25f);
  CHECK(hand_forest::validate(x) == tr::input_status::missing_not_supported);
  const float ok[2] = {0.0f, std::numeric_limits<float>::infinity()};  // inf is a number
  CHECK(hand_forest::validate(ok) == tr::input_status::ok);
}

TEST_CASE("generated models: sizes chosen at compile time") {
  // RandomForest(10, depth 8) on digits: <= 120 split nodes and <= 84 sparse leaf entries per tree,
  // so 1-byte tree-local child codes.
  static_assert(std::is_same_v<digits_rf::table_type::feature_type, std::uint8_t>);
  static_assert(std::is_same_v<digits_rf::table_type::child_type, std::int8_t>);
  // Smaller than emlearn's tables for the same forest (8,238 B, benchmarks/trees/README.md).
  static_assert(digits_q16_rf::flash_bytes < 8238);
  static_assert(std::is_same_v<digits_rf::table_type::threshold_type, float>);
  static_assert(std::is_same_v<digits_q16_rf::table_type::threshold_type, std::int8_t>);
  static_assert(digits_q16_rf::flash_bytes < digits_rf::flash_bytes);
  // A missing-value model spends one more feature bit: 10 features -> bit 4.
  static_assert(missing_diabetes_table.missing_left_bit == 16);
  static_assert(iris_dt::num_trees == 1 && iris_dt::num_classes == 3 && iris_dt::num_features == 4);
  CHECK(digits_rf::flash_bytes == sizeof(digits_rf_table));
}

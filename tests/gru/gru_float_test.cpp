// Float GRU against ONNX's conformance data (libonnx-testdata) and against the numpy float64 statement
// of the equations (tests/gru/gen_gru_data.py), in sequence and streaming mode.
#include <algorithm>
#include <array>
#include <cstring>

#include <doctest/doctest.h>

#include "data/numpy_cases.hpp"
#include "data/onnx_conformance.hpp"
#include "gru_test_support.hpp"

namespace {

// Float32 arithmetic against float64 references: a few ulps per step, no drift.
constexpr double float_tolerance = 1e-6;

template <const auto& Wt, int Steps, bool ResetAfter, std::size_t N, std::size_t M>
void check_onnx_case(int batch, const std::array<float, N>& input, const std::array<float, M>& expected_last,
                     const float* expected_all = nullptr) {
  using m = gru_test::models<Wt, Steps, ResetAfter>;
  constexpr int F = m::features, U = m::units;
  for (int b = 0; b < batch; ++b) {  // batchwise: each batch item is an independent sequence
    static ctml::arena<typename m::last> a;
    std::copy_n(input.begin() + b * Steps * F, Steps * F, a.input().begin());
    m::last::invoke(a);
    const double err = gru_test::max_abs_diff(a.output(), expected_last.data() + b * U, U);
    CAPTURE(b);
    CHECK(err <= float_tolerance);
    if (expected_all) {
      static ctml::arena<typename m::all> s;
      std::copy_n(input.begin() + b * Steps * F, Steps * F, s.input().begin());
      m::all::invoke(s);
      CHECK(gru_test::max_abs_diff(s.output(), expected_all + b * Steps * U, Steps * U) <= float_tolerance);
    }
  }
}

}  // namespace

TEST_CASE("gru float: ONNX conformance test_gru_defaults (libonnx-testdata)") {
  namespace c = gru_onnx::onnx_defaults;
  check_onnx_case<c::weights, c::steps, c::reset_after>(c::batch, c::input, c::expected_last);
}
TEST_CASE("gru float: ONNX conformance test_gru_with_initial_bias (libonnx-testdata)") {
  namespace c = gru_onnx::onnx_with_initial_bias;
  check_onnx_case<c::weights, c::steps, c::reset_after>(c::batch, c::input, c::expected_last);
}
TEST_CASE("gru float: ONNX conformance test_gru_seq_length (libonnx-testdata)") {
  namespace c = gru_onnx::onnx_seq_length;
  check_onnx_case<c::weights, c::steps, c::reset_after>(c::batch, c::input, c::expected_last);
}
TEST_CASE("gru float: ONNX conformance test_gru_batchwise (libonnx-testdata), Y and Y_h") {
  namespace c = gru_onnx::onnx_batchwise;
  check_onnx_case<c::weights, c::steps, c::reset_after>(c::batch, c::input, c::expected_last,
                                                        c::expected_all.data());
}

namespace {

// Runs one numpy case three ways: all states, last state, streaming. Checks each against numpy and
// checks that streaming gives the same bytes as the sequence mode at every step.
template <const auto& Wt, int Steps, bool ResetAfter, int Stride, std::size_t N, std::size_t M>
void check_numpy_case(const std::array<float, N>& input, const std::array<float, M>& expected) {
  using m = gru_test::models<Wt, Steps, ResetAfter>;
  constexpr int F = m::features, U = m::units;
  static ctml::arena<typename m::all> all;
  std::copy(input.begin(), input.end(), all.input().begin());
  m::all::invoke(all);
  const float* states = all.output().data();  // [Steps][U]
  double worst = 0;
  for (int k = 0; k < Steps / Stride; ++k)
    worst = std::max(worst,
                     gru_test::max_abs_diff(states + ((k + 1) * Stride - 1) * U, expected.data() + k * U, U));
  MESSAGE("max |ctml - numpy| over all kept states: " << worst);
  CHECK(worst <= float_tolerance);

  static ctml::arena<typename m::last> last;
  std::copy(input.begin(), input.end(), last.input().begin());
  m::last::invoke(last);
  CHECK(std::memcmp(last.output().data(), states + (Steps - 1) * U, U * sizeof(float)) == 0);

  static ctml::arena<typename m::stream> one;
  static ctml::state<typename m::stream> state;
  state.reset();  // the initial state (given in some cases)
  int mismatched_steps = 0;
  for (int t = 0; t < Steps; ++t) {
    std::copy_n(input.begin() + t * F, F, one.input().begin());
    m::stream::invoke(one, state);
    if (std::memcmp(one.output().data(), states + t * U, U * sizeof(float)) != 0) ++mismatched_steps;
  }
  CHECK(mismatched_steps == 0);  // streaming and sequence mode: the same bytes at every step

  // reset() brings back the initial state: the first step repeats.
  state.reset();
  std::copy_n(input.begin(), F, one.input().begin());
  m::stream::invoke(one, state);
  CHECK(std::memcmp(one.output().data(), states, U * sizeof(float)) == 0);
}

}  // namespace

#define GRU_NUMPY_CASE(NAME)                                                                  \
  TEST_CASE("gru float: numpy reference " #NAME) {                                            \
    namespace c = gru_numpy::NAME;                                                            \
    check_numpy_case<c::weights, c::steps, c::reset_after, c::stride>(c::input, c::expected); \
  }
GRU_NUMPY_CASE(u1_after)
GRU_NUMPY_CASE(u1_before)
GRU_NUMPY_CASE(u8_after)
GRU_NUMPY_CASE(u8_before)
GRU_NUMPY_CASE(u20_after)
GRU_NUMPY_CASE(u20_before)
GRU_NUMPY_CASE(u64_after)
GRU_NUMPY_CASE(u64_before)
GRU_NUMPY_CASE(long_after)
GRU_NUMPY_CASE(long_before)

TEST_CASE("gru float: 1,000 steps stay bounded in (-1, 1)") {
  namespace c = gru_numpy::long_before;
  using m = gru_test::models<c::weights, c::steps, c::reset_after>;
  static ctml::arena<typename m::all> all;
  std::copy(c::input.begin(), c::input.end(), all.input().begin());
  m::all::invoke(all);
  const auto out = all.output();
  CHECK(std::all_of(out.begin(), out.end(), [](float v) { return v > -1.0f && v < 1.0f; }));
}

// dense -> gru -> dense in one sequential model, streaming: its memory bill is compile-time facts.
#include <ctml/core/units.hpp>
#include <ctml/graph/budget.hpp>
#include <ctml/layers/dense.hpp>

namespace {
namespace c = gru_numpy::composed;
struct composed_model final
    : ctml::sequential<
          ctml::input<ctml::shape<6>, float>,
          ctml::dense<ctml::dense_options{.units = 5, .activation = ctml::activation::relu}, c::dense0>,
          ctml::gru<ctml::gru_options{.units = 8}, c::gru0>,
          ctml::dense<ctml::dense_options{.units = 3}, c::dense1>> {};
// The GRU state (8 floats) is persistent memory outside the arena, counted in ram_bytes.
static_assert(composed_model::state_bytes == 8 * sizeof(float));
static_assert(composed_model::layer<1>::scratch_bytes == 3 * 8 * sizeof(float));
static_assert(composed_model::ram_bytes == composed_model::arena_bytes + composed_model::state_bytes);
static_assert(composed_model::macs == 5 * 6 + 3 * 8 * (5 + 8) + 3 * 8);
static_assert(ctml::fits<composed_model, ctml::budget{.ram = 256, .flash = 2048}>);
static_assert(!ctml::FitsBudget<composed_model, ctml::budget{.ram = composed_model::ram_bytes - 1}>);
// It runs only with its state: invoke(arena) alone is not a candidate (tests/nn/compile_fail/invoke_*.cpp).
template <class M>
concept invocable_without_state = requires(ctml::arena<M>& a) {
  M::invoke(a);
};
template <class M>
concept invocable_with_state = requires(ctml::arena<M>& a, ctml::state<M>& s) {
  M::invoke(a, s);
};
static_assert(ctml::StatefulModel<composed_model> && !invocable_without_state<composed_model> &&
              invocable_with_state<composed_model>);
}  // namespace

TEST_CASE("gru float: dense -> gru -> dense streaming model matches numpy at every step") {
  static ctml::arena<composed_model> a;
  static ctml::state<composed_model> s;
  s.reset();
  double worst = 0;
  for (int t = 0; t < c::steps; ++t) {
    std::copy_n(c::input.begin() + t * 6, 6, a.input().begin());
    composed_model::invoke(a, s);
    worst = std::max(worst, gru_test::max_abs_diff(a.output(), c::expected.data() + t * 3, 3));
  }
  MESSAGE("max |ctml - numpy| " << worst);
  CHECK(worst <= float_tolerance);
}

TEST_CASE("gru float: the composed model through invoke(arena, state, observer); reset() starts over") {
  static ctml::arena<composed_model> a;
  static ctml::state<composed_model> s;
  static_assert(c::steps > 1);
  s.reset();
  std::array<float, 3> first{};
  std::size_t calls = 0;
  for (int t = 0; t < c::steps; ++t) {
    std::copy_n(c::input.begin() + t * 6, 6, a.input().begin());
    composed_model::invoke(a, s, [&](std::size_t layer, std::span<const std::byte> out) {
      CHECK(layer == calls % composed_model::layer_count);
      CHECK(out.size() == composed_model::layers[layer].bytes);
      ++calls;
    });
    CHECK(gru_test::max_abs_diff(a.output(), c::expected.data() + t * 3, 3) <= float_tolerance);
    if (t == 0) std::copy(a.output().begin(), a.output().end(), first.begin());
  }
  CHECK(calls == std::size_t{c::steps} * composed_model::layer_count);
  // After reset() the first step gives the first output again (the state, not the arena, carries time).
  s.reset();
  std::copy_n(c::input.begin(), 6, a.input().begin());
  composed_model::invoke(a, s);
  CHECK(std::equal(first.begin(), first.end(), a.output().begin()));
}

TEST_CASE("gru: compile-time facts of the three modes") {
  namespace n = gru_numpy::u20_before;
  using m = gru_test::models<n::weights, n::steps, n::reset_after>;
  using seq = m::all::layer<0>;
  using step = m::stream::layer<0>;
  static_assert(m::all::state_bytes == 0 && m::last::state_bytes == 0);  // sequence: state in scratch
  static_assert(seq::scratch_bytes == 3 * 20 * 4 + 20 * 4);
  static_assert(m::stream::state_bytes == 20 * sizeof(float) && step::scratch_bytes == 3 * 20 * 4);
  static_assert(std::is_same_v<m::all::output_shape, ctml::shape<n::steps, 20>>);
  static_assert(std::is_same_v<m::last::output_shape, ctml::shape<20>>);
  static_assert(seq::macs == std::size_t{n::steps} * 3 * 20 * (8 + 20) && step::macs == 3 * 20 * (8 + 20));
  static_assert(seq::params == 3 * 20 * (8 + 20) + 6 * 20);
  CHECK(m::stream::state_bytes == 80);
}

TEST_CASE("gru float: stateful sequence mode (two chunks of 500 steps) = one 1,000-step sequence") {
  namespace n = gru_numpy::long_after;
  using m = gru_test::models<n::weights, n::steps, n::reset_after>;
  struct chunk final
      : ctml::sequential<ctml::input<ctml::shape<500, 4>, float>,
                         ctml::gru<ctml::gru_options{.units = 16, .return_sequences = true, .stateful = true},
                                   n::weights>> {};
  static_assert(chunk::state_bytes == 16 * sizeof(float));
  static ctml::arena<typename m::all> all;
  std::copy(n::input.begin(), n::input.end(), all.input().begin());
  m::all::invoke(all);
  static ctml::arena<chunk> a;
  static ctml::state<chunk> s;
  s.reset();
  for (int c = 0; c < 2; ++c) {
    std::copy_n(n::input.begin() + c * 500 * 4, 500 * 4, a.input().begin());
    chunk::invoke(a, s);
    CHECK(std::memcmp(a.output().data(), all.output().data() + c * 500 * 16, 500 * 16 * sizeof(float)) == 0);
  }
}

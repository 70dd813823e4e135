// int8 GRU against the numpy float64 GRU run on the dequantized int8 weights and input (the model the
// integers stand for; data by tests/gru/gen_gru_data.py with numpy), and against the original float
// GRU (quantization error). The bounds are the ones docs/gru.md states.
#include <algorithm>
#include <array>
#include <cstring>

#include <doctest/doctest.h>

#include "data/int8_cases.hpp"
#include "gru_test_support.hpp"

namespace {

// docs/gru.md: |ctml int8 output * scale - float GRU on the dequantized model| <= half an output step
// (1/256) + the state's error, at every step, including 1,000-step sequences.
constexpr double state_bound_exact = 1.0 / 8192;  // the int16 Q0.15 state: 4 LSB
constexpr double state_bound_table = 1.0 / 8192;  // the same with the table sigmoid/tanh
// Quantizing the weights and input themselves (per-row int8): an observed bound on these models,
// not a guarantee for every model; tools/onnx reports it for the user's model.
constexpr double quantization_bound = 0.05;

template <const auto& Wt, const ctml::quantization& InQ, int Steps, bool ResetAfter, int Stride,
          ctml::gru_int8_activations A, std::size_t N, std::size_t M>
void check_int8_case(const std::array<std::int8_t, N>& input, const std::array<float, M>& expected_dq,
                     const std::array<float, M>& expected_float) {
  using m = gru_test::models_with<Wt, Steps, ResetAfter, A, InQ>;
  constexpr double state_bound =
      A == ctml::gru_int8_activations::exact ? state_bound_exact : state_bound_table;
  constexpr double arithmetic_bound = 1.0 / 256 + state_bound;
  constexpr int F = m::features, U = m::units;
  constexpr auto out_q = m::all::output_spec::quant;
  static ctml::arena<typename m::all> all;
  std::copy(input.begin(), input.end(), all.input().begin());
  m::all::invoke(all);
  const std::int8_t* states = all.output().data();
  double worst_dq = 0, worst_float = 0;
  for (int k = 0; k < Steps / Stride; ++k) {
    for (int u = 0; u < U; ++u) {
      const double y = out_q.scale * (states[((k + 1) * Stride - 1) * U + u] - out_q.zero_point);
      worst_dq = std::max(worst_dq, std::abs(y - double(expected_dq[static_cast<std::size_t>(k * U + u)])));
      worst_float =
          std::max(worst_float, std::abs(y - double(expected_float[static_cast<std::size_t>(k * U + u)])));
    }
  }
  MESSAGE("max |int8 - numpy(dequantized)| " << worst_dq << ", max |int8 - numpy(float)| " << worst_float);
  CHECK(worst_dq <= arithmetic_bound);
  CHECK(worst_float <= quantization_bound);

  static ctml::arena<typename m::last> last;
  std::copy(input.begin(), input.end(), last.input().begin());
  m::last::invoke(last);
  CHECK(std::memcmp(last.output().data(), states + (Steps - 1) * U, U) == 0);

  static ctml::arena<typename m::stream> one;
  static ctml::state<typename m::stream> state;
  state.reset();
  int mismatched_steps = 0;
  double worst_state = 0;
  for (int t = 0; t < Steps; ++t) {
    std::copy_n(input.begin() + t * F, F, one.input().begin());
    m::stream::invoke(one, state);
    if (std::memcmp(one.output().data(), states + t * U, U) != 0) ++mismatched_steps;
    if ((t + 1) % Stride == 0) {  // the int16 Q0.15 state itself (the model's only stateful layer)
      std::int16_t h[U];
      std::memcpy(h, state.data(), sizeof h);
      for (int u = 0; u < U; ++u)
        worst_state =
            std::max(worst_state,
                     std::abs(h[u] / 32768.0 -
                              double(expected_dq[static_cast<std::size_t>(((t + 1) / Stride - 1) * U + u)])));
    }
  }
  CHECK(mismatched_steps == 0);  // streaming and sequence mode: the same bytes at every step
  MESSAGE("max |int16 state - numpy(dequantized)| " << worst_state);
  CHECK(worst_state <= state_bound);
}

}  // namespace

#define GRU_INT8_CASE(NAME)                                                                               \
  TEST_CASE("gru int8: numpy reference " #NAME) {                                                         \
    namespace c = gru_int8::NAME;                                                                         \
    using ctml::gru_int8_activations;                                                                     \
    SUBCASE("table sigmoid/tanh") {                                                                       \
      check_int8_case<c::weights, c::input_quant, c::steps, c::reset_after, c::stride,                    \
                      gru_int8_activations::table>(c::input, c::expected_dequantized, c::expected_float); \
    }                                                                                                     \
    SUBCASE("exact sigmoid/tanh") {                                                                       \
      check_int8_case<c::weights, c::input_quant, c::steps, c::reset_after, c::stride,                    \
                      gru_int8_activations::exact>(c::input, c::expected_dequantized, c::expected_float); \
    }                                                                                                     \
  }
GRU_INT8_CASE(u1_after)
GRU_INT8_CASE(u1_before)
GRU_INT8_CASE(u8_after)
GRU_INT8_CASE(u8_before)
GRU_INT8_CASE(u20_after)
GRU_INT8_CASE(u20_before)
GRU_INT8_CASE(u64_after)
GRU_INT8_CASE(u64_before)
GRU_INT8_CASE(long_after)
GRU_INT8_CASE(long_before)

TEST_CASE("gru int8: compile-time facts (int16 state, int8 output quantization)") {
  namespace q = gru_int8::u20_before;
  using mq = gru_test::models<q::weights, q::steps, q::reset_after, q::input_quant>;
  static_assert(mq::stream::state_bytes == 20 * sizeof(std::int16_t));
  static_assert(mq::all::layer<0>::scratch_bytes == 3 * 20 * 4 + 20 * 2);
  static_assert(mq::all::output_spec::quant.scale == 1.0f / 128 &&
                mq::all::output_spec::quant.zero_point == 0);
  CHECK(mq::stream::state_bytes == 40);
}

// int8 is integer arithmetic only, so every target must produce the same bytes. The hashes below
// were recorded from the x86-64 host build (GCC 12, -O3); the Cortex-M builds (QEMU) compare against
// them. Correctness itself is checked against numpy above; this checks portability.
namespace {
std::uint32_t fnv1a(const std::int8_t* p, std::size_t n, std::uint32_t h = 2166136261u) {
  for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<std::uint8_t>(p[i])) * 16777619u;
  return h;
}
template <const auto& Wt, const ctml::quantization& InQ, int Steps, bool ResetAfter,
          ctml::gru_int8_activations A, std::size_t N>
std::uint32_t output_hash(const std::array<std::int8_t, N>& input) {
  using m = gru_test::models_with<Wt, Steps, ResetAfter, A, InQ>;
  static ctml::arena<typename m::all> all;
  std::copy(input.begin(), input.end(), all.input().begin());
  m::all::invoke(all);
  return fnv1a(all.output().data(), all.output().size());
}
}  // namespace

TEST_CASE("gru int8: the same bytes on every platform (hashes from the host build)") {
  using A = ctml::gru_int8_activations;
  std::uint32_t h = 2166136261u;
#define GRU_HASH(NAME)                                                                         \
  {                                                                                            \
    namespace c = gru_int8::NAME;                                                              \
    const std::uint32_t t =                                                                    \
        output_hash<c::weights, c::input_quant, c::steps, c::reset_after, A::table>(c::input); \
    const std::uint32_t e =                                                                    \
        output_hash<c::weights, c::input_quant, c::steps, c::reset_after, A::exact>(c::input); \
    MESSAGE(#NAME " table " << t << " exact " << e);                                           \
    h = (h ^ t) * 16777619u;                                                                   \
    h = (h ^ e) * 16777619u;                                                                   \
  }
  GRU_HASH(u1_after)
  GRU_HASH(u1_before)
  GRU_HASH(u8_after)
  GRU_HASH(u8_before)
  GRU_HASH(u20_after)
  GRU_HASH(u20_before)
  GRU_HASH(u64_after)
  GRU_HASH(u64_before)
  GRU_HASH(long_after)
  GRU_HASH(long_before)
#undef GRU_HASH
  CHECK(h == 994717453u);  // x86-64 host, GCC 12 and Clang 14
}

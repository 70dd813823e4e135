#pragma once
// Models and comparisons shared by the GRU tests.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <span>
#include <type_traits>

#include <ctml/graph/arena.hpp>
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/gru.hpp>

namespace gru_test {

/// The three ways to run one GRU: a whole sequence returning every state, a whole sequence returning
/// the last state, and one step at a time (streaming).
template <const auto& Wt, int Steps, bool ResetAfter, ctml::gru_int8_activations A,
          const ctml::quantization&... InQ>
struct models_with {
  using weights_t = std::remove_cvref_t<decltype(Wt)>;
  using T = typename weights_t::value_type;
  static constexpr int units = weights_t::units, features = weights_t::features;
  struct all final : ctml::sequential<ctml::input<ctml::shape<Steps, features>, T, InQ...>,
                                      ctml::gru<ctml::gru_options{.units = units,
                                                                  .reset_after = ResetAfter,
                                                                  .return_sequences = true,
                                                                  .int8_activations = A},
                                                Wt>> {};
  struct last final
      : ctml::sequential<
            ctml::input<ctml::shape<Steps, features>, T, InQ...>,
            ctml::gru<ctml::gru_options{.units = units, .reset_after = ResetAfter, .int8_activations = A},
                      Wt>> {};
  struct stream final
      : ctml::sequential<
            ctml::input<ctml::shape<features>, T, InQ...>,
            ctml::gru<ctml::gru_options{.units = units, .reset_after = ResetAfter, .int8_activations = A},
                      Wt>> {};
};

template <const auto& Wt, int Steps, bool ResetAfter, const ctml::quantization&... InQ>
using models = models_with<Wt, Steps, ResetAfter, ctml::gru_int8_activations::table, InQ...>;

/// Largest |a[i] - b[i]|.
template <class A, class B>
double max_abs_diff(const A& a, const B& b, std::size_t n) {
  double m = 0;
  for (std::size_t i = 0; i < n; ++i) m = std::max(m, std::fabs(double(a[i]) - double(b[i])));
  return m;
}

}  // namespace gru_test

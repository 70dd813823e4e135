#pragma once
// Inverse link functions: raw ensemble output -> scikit-learn's predict / predict_proba.
// Evaluated in double (ctml::math), once per prediction, so probabilities stay well within 1e-6.

#include <array>
#include <cstddef>
#include <utility>

#include <ctml/core/math.hpp>
#include <ctml/trees/storage.hpp>

namespace ctml::trees::detail {

// p = 1 / (1 + e^-z), written so that neither branch overflows.
constexpr double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + ctml::math::exp(-z));
  const double e = ctml::math::exp(z);
  return e / (1.0 + e);
}

// Class probabilities from the raw outputs, as the estimator's predict_proba defines them.
template <link Link, std::size_t NClasses, std::size_t NOutputs>
constexpr std::array<float, NClasses> probabilities(const std::array<float, NOutputs>& raw) {
  std::array<float, NClasses> p{};
  if constexpr (Link == link::identity) {
    static_assert(NClasses == NOutputs, "ctml::trees: identity-link classifiers output one value per class");
    p = raw;
  } else if constexpr (Link == link::sigmoid || Link == link::sigmoid_twice) {
    static_assert(NClasses == 2 && NOutputs == 1, "ctml::trees: a sigmoid link is for binary classifiers");
    const double z = Link == link::sigmoid_twice ? 2.0 * double{raw[0]} : double{raw[0]};
    const double p1 = sigmoid(z);
    p[0] = static_cast<float>(1.0 - p1);
    p[1] = static_cast<float>(p1);
  } else if constexpr (Link == link::softmax) {
    static_assert(NClasses == NOutputs, "ctml::trees: softmax needs one raw output per class");
    float m = raw[0];
    for (float r : raw) m = r > m ? r : m;
    std::array<double, NOutputs> e{};
    double s = 0;
    for (std::size_t k = 0; k < NOutputs; ++k) s += e[k] = ctml::math::exp(double{raw[k]} - double{m});
    for (std::size_t k = 0; k < NOutputs; ++k) p[k] = static_cast<float>(e[k] / s);
  } else {
    static_assert(Link != link::exp, "ctml::trees: the exp link is for regressors");
  }
  return p;
}

// Index of the first maximum, numpy.argmax's tie rule; unrolled, the running maximum stays in a
// register.
template <typename T, std::size_t N>
constexpr std::size_t first_argmax(const std::array<T, N>& v) {
  std::size_t best = 0;
  T best_value = v[0];
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    ((v[K + 1] > best_value ? void((best = K + 1, best_value = v[K + 1])) : void()), ...);
  }
  (std::make_index_sequence<N - 1>{});
  return best;
}

}  // namespace ctml::trees::detail

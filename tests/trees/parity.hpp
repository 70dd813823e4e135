#pragma once
// Shared checks of the parity tests: a ctml model against scikit-learn's own outputs, written by
// tests/trees/generate.py into generated/*_data.hpp (scikit-learn's predict / predict_proba).

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>

#include <doctest/doctest.h>

#include <ctml/trees.hpp>

namespace parity {

inline constexpr double proba_tolerance = 1e-6;       // absolute, predict_proba
inline constexpr double regression_tolerance = 1e-5;  // relative, predict

// Rewrites the +/-FLT_MAX features of an extreme sample: to +/-inf, or +FLT_MAX to NaN.
enum class extreme { as_is, infinite, nan };

template <typename F, std::size_t N>
std::array<F, N> rewrite(const F (&x)[N], extreme how) {
  std::array<F, N> out{};
  for (std::size_t j = 0; j < N; ++j) {
    out[j] = x[j];
    if constexpr (std::is_floating_point_v<F>) {
      const F big = std::numeric_limits<F>::max();
      if (how == extreme::infinite && x[j] == big) out[j] = std::numeric_limits<F>::infinity();
      if (how == extreme::infinite && x[j] == -big) out[j] = -std::numeric_limits<F>::infinity();
      if (how == extreme::nan && x[j] == big) out[j] = std::numeric_limits<F>::quiet_NaN();
    }
  }
  return out;
}

// Every sample: predicted class identical, probabilities within 1e-6. Samples from index
// `first_extreme` on are checked again with +/-inf and (unless the model handles NaN) NaN in place
// of +/-FLT_MAX: docs/trees.md's rule says they take the same branches.
template <typename M, typename F, std::size_t N, std::size_t NF, std::size_t K>
void classifier(const F (&x)[N][NF], const int (&cls)[N], const double (&proba)[N][K],
                std::size_t first_extreme = N) {
  static_assert(M::num_features == NF && M::num_classes == K);
  std::size_t wrong_class = 0, wrong_proba = 0;
  double worst = 0;
  for (std::size_t i = 0; i < N; ++i) {
    for (extreme how : {extreme::as_is, extreme::infinite, extreme::nan}) {
      if (how != extreme::as_is && (i < first_extreme || !std::is_floating_point_v<F>)) continue;
      if (how == extreme::nan && M::handles_missing) continue;
      const auto xi = rewrite(x[i], how);
      const std::size_t c = M::predict(xi);
      if (c != static_cast<std::size_t>(cls[i])) {
        if (++wrong_class <= 5) MESSAGE("sample ", i, ": class ", c, ", scikit-learn ", cls[i]);
      }
      const auto p = M::predict_proba(xi);
      for (std::size_t k = 0; k < K; ++k) {
        const double d = std::fabs(double{p[k]} - proba[i][k]);
        worst = d > worst ? d : worst;
        if (d > proba_tolerance && ++wrong_proba <= 5)
          MESSAGE("sample ", i, " class ", k, ": p ", p[k], ", scikit-learn ", proba[i][k]);
      }
      if (how == extreme::nan) CHECK(M::validate(xi) == ctml::trees::input_status::missing_not_supported);
      if (how == extreme::as_is) CHECK(M::validate(xi) == ctml::trees::input_status::ok);
    }
  }
  CHECK(wrong_class == 0);
  CHECK(wrong_proba == 0);
  CHECK(worst <= proba_tolerance);
}

// Every sample: value within 1e-5 relative of scikit-learn's predict.
template <typename M, typename F, std::size_t N, std::size_t NF>
void regressor(const F (&x)[N][NF], const double (&value)[N], std::size_t first_extreme = N) {
  static_assert(M::num_features == NF);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < N; ++i) {
    for (extreme how : {extreme::as_is, extreme::infinite, extreme::nan}) {
      if (how != extreme::as_is && (i < first_extreme || !std::is_floating_point_v<F>)) continue;
      if (how == extreme::nan && M::handles_missing) continue;
      const auto xi = rewrite(x[i], how);
      const float y = M::predict(xi);
      if (std::fabs(double{y} - value[i]) > regression_tolerance * std::fabs(value[i]) && ++wrong <= 5)
        MESSAGE("sample ", i, ": ", y, ", scikit-learn ", value[i]);
    }
  }
  CHECK(wrong == 0);
}

// Both strategies must agree with scikit-learn.
template <typename M, typename... A>
void classifier_both(const A&... a) {
  classifier<typename M::template with_strategy<ctml::trees::table_driven>>(a...);
  classifier<typename M::template with_strategy<ctml::trees::unrolled>>(a...);
}
template <typename M, typename... A>
void regressor_both(const A&... a) {
  regressor<typename M::template with_strategy<ctml::trees::table_driven>>(a...);
  regressor<typename M::template with_strategy<ctml::trees::unrolled>>(a...);
}

}  // namespace parity

// dense int8 (per-tensor and per-unit scales) and float against naive loops.
#include <cmath>
#include <cstdint>

#include <doctest/doctest.h>

#include "test_support.hpp"

namespace {
constexpr ctml::quantization q_in{0.0802361593f, -128};
constexpr ctml::dense_weights<std::int8_t, 12, 64> fc{
    test::random_i8<768>(5), test::random_i32<12>(6, -5000, 5000), {0.00838575512f}, {0.14469251f, 14}};
using l_fc = ctml::dense<ctml::dense_options{.units = 12},
                         fc>::bind<ctml::tensor_spec<ctml::shape<64>, std::int8_t, ctml::quant_ref<q_in>>>;

constexpr ctml::quantization q_in2{0.02f, 17};
constexpr ctml::dense_weights<std::int8_t, 7, 13, 7> fc2{test::random_i8<91>(15),
                                                         test::random_i32<7>(16, -500, 500),
                                                         test::random_f<7>(17, 0.001f, 0.01f),
                                                         {0.01f, -3}};
using l_fc2 = ctml::dense<ctml::dense_options{.units = 7, .activation = ctml::activation::relu},
                          fc2>::bind<ctml::tensor_spec<ctml::shape<13>, std::int8_t, ctml::quant_ref<q_in2>>>;

template <class L, class W>
void check_dense_s8(const W& w, ctml::quantization in_q, ctml::activation act, std::uint32_t seed) {
  constexpr int units = W::units, in = W::in_features;
  const auto x = test::input_i8(in, seed);
  const auto got = test::run<L>(x);
  const ctml::quantized_range r = ctml::activation_range<std::int8_t>(act, w.output);
  for (int u = 0; u < units; ++u) {
    std::int64_t acc = w.bias[static_cast<std::size_t>(u)];
    for (int i = 0; i < in; ++i)
      acc += (std::int64_t{x[static_cast<std::size_t>(i)]} - in_q.zero_point) *
             w.weights[static_cast<std::size_t>(u * in + i)];
    const float ws = w.weight_scales[w.weight_scales.size() == 1 ? 0 : static_cast<std::size_t>(u)];
    CHECK(got[static_cast<std::size_t>(u)] ==
          test::requant(acc, in_q.scale, ws, w.output.scale, w.output.zero_point, r.min, r.max));
  }
}
}  // namespace

TEST_CASE("dense int8 equals naive loops (per-tensor and per-unit scales)") {
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    check_dense_s8<l_fc>(fc, q_in, ctml::activation::none, seed);
    check_dense_s8<l_fc2>(fc2, q_in2, ctml::activation::relu, seed);
  }
}

TEST_CASE("dense float equals a double-precision dot product") {
  static constexpr ctml::dense_weights<float, 5, 9> w{test::random_f<45>(3, -1, 1),
                                                      test::random_f<5>(4, -1, 1)};
  using L = ctml::dense<ctml::dense_options{.units = 5, .activation = ctml::activation::relu},
                        w>::bind<ctml::tensor_spec<ctml::shape<9>, float>>;
  const auto x = test::input_f(9, 11);
  const auto y = test::run<L>(x);
  for (int u = 0; u < 5; ++u) {
    double acc = w.bias[static_cast<std::size_t>(u)];
    for (int i = 0; i < 9; ++i)
      acc += double{x[static_cast<std::size_t>(i)]} * w.weights[static_cast<std::size_t>(u * 9 + i)];
    CHECK(y[static_cast<std::size_t>(u)] == doctest::Approx(std::fmax(acc, 0.0)).epsilon(1e-6));
  }
}

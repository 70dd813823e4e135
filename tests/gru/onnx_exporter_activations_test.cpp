// tools/onnx on models with stand-alone Sigmoid and Tanh nodes (ctml::sigmoid, ctml::tanh):
// tests/gru/onnx/act_chain.onnx (Tanh -> Gemm -> Sigmoid -> MatMul -> Add -> Tanh -> Gemm -> Sigmoid) and
// gru_act.onnx (GRU -> Squeeze -> Sigmoid -> Gemm -> Tanh), exported at build time in float, int8
// (--quantize) and streaming, against numpy float64 outputs (tests/gru/make_onnx_models.py).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <doctest/doctest.h>

#include "act_chain_float.hpp"
#include "act_chain_int8.hpp"
#include "data/exporter_act_expected.hpp"
#include "gru_act_float.hpp"
#include "gru_act_int8.hpp"
#include "gru_act_streaming.hpp"
#include "gru_test_support.hpp"

namespace {

namespace ea = act_chain_expected;
namespace eg = gru_act_expected;

// Runs `samples` inputs of `n` floats through model M (quantizing them for an int8 model) and returns
// the largest |output - expected|, outputs dequantized.
template <class M>
double worst_error(const float* inputs, const float* expected, int samples, int n, int classes) {
  static ctml::arena<M> a;
  using in_t = typename M::input_spec::value_type;
  constexpr auto in_q = M::input_spec::quant;
  constexpr auto out_q = M::output_spec::quant;
  double worst = 0;
  for (int s = 0; s < samples; ++s) {
    for (int i = 0; i < n; ++i) {
      const float x = inputs[s * n + i];
      if constexpr (std::is_same_v<in_t, float>) {
        a.input()[static_cast<std::size_t>(i)] = x;
      } else {
        const double q = std::round(double(x) / in_q.scale) + in_q.zero_point;
        a.input()[static_cast<std::size_t>(i)] = static_cast<in_t>(std::clamp(q, -128.0, 127.0));
      }
    }
    M::invoke(a);
    for (int c = 0; c < classes; ++c) {
      const auto y = a.output()[static_cast<std::size_t>(c)];
      const double v = std::is_same_v<in_t, float> ? double(y) : out_q.scale * (double(y) - out_q.zero_point);
      worst = std::max(worst, std::abs(v - double(expected[s * classes + c])));
    }
  }
  return worst;
}

}  // namespace

TEST_CASE("onnx exporter: Sigmoid and Tanh nodes become ctml::sigmoid and ctml::tanh") {
  static_assert(std::is_same_v<act_chain_float::layer<0>::input, act_chain_float::input_spec>);
  static_assert(std::string_view{act_chain_float::layer<0>::name} == "tanh");
  static_assert(std::string_view{act_chain_float::layer<2>::name} == "sigmoid");
  static_assert(std::string_view{gru_act_int8::layer<1>::name} == "sigmoid");
  static_assert(std::string_view{gru_act_int8::layer<3>::name} == "tanh");
  // int8: TFLite's fixed output quantizations, and each table is 256 bytes of flash.
  static_assert(act_chain_int8::output_spec::quant.scale == 1.0f / 256);
  static_assert(gru_act_int8::output_spec::quant.scale == 1.0f / 128);
  static_assert(act_chain_int8::layer<0>::weight_bytes == 256);
}

TEST_CASE("onnx exporter: float dense chain with Sigmoid/Tanh matches numpy") {
  const double w = worst_error<act_chain_float>(ea::input.data(), ea::output.data(), ea::samples,
                                                ea::features, ea::classes);
  MESSAGE("act_chain float: max |ctml - numpy| " << w);
  CHECK(w <= 1e-6);
}

TEST_CASE("onnx exporter: float GRU -> Sigmoid -> Gemm -> Tanh matches numpy") {
  const double w = worst_error<gru_act_float>(eg::input.data(), eg::output.data(), eg::sequences,
                                              eg::steps * eg::features, eg::classes);
  MESSAGE("gru_act float: max |ctml - numpy| " << w);
  CHECK(w <= 1e-5);
}

TEST_CASE(
    "onnx exporter: streaming GRU -> Sigmoid -> Gemm -> Tanh gives the sequence result at the last step") {
  static ctml::arena<gru_act_streaming> a;
  static ctml::state<gru_act_streaming> st;
  double worst = 0;
  for (int s = 0; s < eg::sequences; ++s) {
    st.reset();
    for (int t = 0; t < eg::steps; ++t) {
      std::copy_n(eg::input.begin() + (s * eg::steps + t) * eg::features, eg::features, a.input().begin());
      gru_act_streaming::invoke(a, st);
    }
    worst =
        std::max(worst, gru_test::max_abs_diff(a.output(), eg::output.data() + s * eg::classes, eg::classes));
  }
  CHECK(worst <= 1e-5);
}

TEST_CASE(
    "onnx exporter: int8 models with Sigmoid/Tanh: close to the numpy fake-quantized model and to float") {
  const double fa = worst_error<act_chain_int8>(ea::input.data(), ea::output_fake_int8.data(), ea::samples,
                                                ea::features, ea::classes);
  const double fg = worst_error<gru_act_int8>(eg::input.data(), eg::output_fake_int8.data(), eg::sequences,
                                              eg::steps * eg::features, eg::classes);
  const double wa = worst_error<act_chain_int8>(ea::input.data(), ea::output.data(), ea::samples,
                                                ea::features, ea::classes);
  const double wg = worst_error<gru_act_int8>(eg::input.data(), eg::output.data(), eg::sequences,
                                              eg::steps * eg::features, eg::classes);
  MESSAGE("max |ctml int8 - numpy fake-quantized int8|: act_chain " << fa << ", gru_act " << fg);
  MESSAGE("max |ctml int8 - numpy float|: act_chain " << wa << ", gru_act " << wg);
  // ctml's int8 layers round where numpy's fake-quantized model rounds, but with TFLite's integer
  // arithmetic (and fixed-point GRU gates): a few output steps (1/256 for act_chain, 1/128 for gru_act).
  CHECK(fa <= 2.0 / 256);
  CHECK(fg <= 2.0 / 128);
  // Against float: the quantization error, which numpy's fake-quantized model shares (0.025 on one
  // act_chain input; the exporter reports max 0.0064 and 0.0069 over the calibration sets).
  CHECK(wa <= 0.03);
  CHECK(wg <= 0.03);
}

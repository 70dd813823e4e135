// tools/onnx on tests/gru/onnx/gru_chain.onnx (GRU -> Squeeze -> Gemm -> Relu -> MatMul -> Add), the
// headers generated at build time, against numpy float64 outputs (tests/gru/make_onnx_models.py).
#include <algorithm>
#include <cmath>

#include <doctest/doctest.h>

#include "data/exporter_expected.hpp"
#include "gru_chain_float.hpp"
#include "gru_chain_int8.hpp"
#include "gru_chain_streaming.hpp"
#include "gru_test_support.hpp"

namespace e = exporter_expected;

TEST_CASE("onnx exporter: float sequence model matches numpy") {
  static_assert(std::is_same_v<gru_chain_float::input_shape, ctml::shape<e::steps, e::features>>);
  static ctml::arena<gru_chain_float> a;
  double worst = 0;
  for (int s = 0; s < e::sequences; ++s) {
    std::copy_n(e::input.begin() + s * e::steps * e::features, e::steps * e::features, a.input().begin());
    gru_chain_float::invoke(a);
    worst =
        std::max(worst, gru_test::max_abs_diff(a.output(), e::output.data() + s * e::classes, e::classes));
  }
  MESSAGE("max |ctml - numpy| " << worst);
  CHECK(worst <= 1e-5);
}

TEST_CASE("onnx exporter: float streaming model gives the sequence result at the last step") {
  static_assert(std::is_same_v<gru_chain_streaming::input_shape, ctml::shape<e::features>>);
  static ctml::arena<gru_chain_streaming> a;
  static ctml::state<gru_chain_streaming> st;
  double worst = 0;
  for (int s = 0; s < e::sequences; ++s) {
    st.reset();  // the ONNX model's initial_h
    for (int t = 0; t < e::steps; ++t) {
      std::copy_n(e::input.begin() + (s * e::steps + t) * e::features, e::features, a.input().begin());
      gru_chain_streaming::invoke(a, st);
    }
    worst =
        std::max(worst, gru_test::max_abs_diff(a.output(), e::output.data() + s * e::classes, e::classes));
  }
  CHECK(worst <= 1e-5);
}

TEST_CASE("onnx exporter: int8 model (--quantize) within its quantization error of numpy float") {
  static ctml::arena<gru_chain_int8> a;
  constexpr auto in_q = gru_chain_int8::input_spec::quant;
  constexpr auto out_q = gru_chain_int8::output_spec::quant;
  double worst = 0;
  for (int s = 0; s < e::sequences; ++s) {
    for (int i = 0; i < e::steps * e::features; ++i) {
      const double q =
          std::round(e::input[static_cast<std::size_t>(s * e::steps * e::features + i)] / in_q.scale) +
          in_q.zero_point;
      a.input()[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(std::clamp(q, -128.0, 127.0));
    }
    gru_chain_int8::invoke(a);
    for (int c = 0; c < e::classes; ++c)
      worst = std::max(worst,
                       std::abs(out_q.scale * (a.output()[static_cast<std::size_t>(c)] - out_q.zero_point) -
                                double(e::output[static_cast<std::size_t>(s * e::classes + c)])));
  }
  MESSAGE("max |ctml int8 - numpy float| " << worst);
  // The exporter reports max 0.0054 on its calibration set (outputs span about 1.0); allow 3x for
  // inputs outside that set.
  CHECK(worst <= 0.02);
}

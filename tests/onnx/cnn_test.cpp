// tools/onnx on convolutional networks (tests/onnx/models/, built by make_cnn_models.py; residual_cnn
// and concat_cnn branch: a ctml::graph with ctml::add, ctml::mul, ctml::concatenation): the headers
// exported at build time, float and --quantize int8, against tests/onnx/onnx_spec.py — a float64
// numpy statement of the ONNX operators in ONNX's NCHW layout — transposed to ctml's NHWC.
#include <algorithm>
#include <cmath>
#include <cstddef>

#include <doctest/doctest.h>

#include "concat_cnn_float.hpp"
#include "concat_cnn_int8.hpp"
#include "data/cnn_expected.hpp"
#include "graph_cnn_float.hpp"
#include "graph_cnn_int8.hpp"
#include "pytorch_cnn_float.hpp"
#include "pytorch_cnn_int8.hpp"
#include "random_cnn_0_float.hpp"
#include "random_cnn_0_int8.hpp"
#include "random_cnn_1_float.hpp"
#include "random_cnn_1_int8.hpp"
#include "random_cnn_2_float.hpp"
#include "random_cnn_2_int8.hpp"
#include "residual_cnn_float.hpp"
#include "residual_cnn_int8.hpp"

namespace {

// max |ctml - numpy float64| over the samples; int8 models take quantized inputs and give
// dequantized outputs.
template <class Model, std::size_t NI, std::size_t NO>
double worst_error(const std::array<float, NI>& inputs, const std::array<float, NO>& outputs, int samples) {
  static ctml::arena<Model> a;
  constexpr std::size_t in = Model::input_shape::size, out = Model::output_shape::size;
  static_assert(NI == in * 4 && NO == out * 4);
  double worst = 0;
  for (std::size_t s = 0; s < static_cast<std::size_t>(samples); ++s) {
    for (std::size_t i = 0; i < in; ++i) {
      const float x = inputs[s * in + i];
      if constexpr (std::is_same_v<typename Model::input_spec::value_type, float>) {
        a.input()[i] = x;
      } else {
        constexpr auto q = Model::input_spec::quant;
        a.input()[i] =
            static_cast<std::int8_t>(std::clamp(std::round(x / q.scale) + q.zero_point, -128.0f, 127.0f));
      }
    }
    Model::invoke(a);
    for (std::size_t o = 0; o < out; ++o) {
      double y = 0;
      if constexpr (std::is_same_v<typename Model::output_spec::value_type, float>) {
        y = a.output()[o];
      } else {
        constexpr auto q = Model::output_spec::quant;
        y = double(q.scale) * (a.output()[o] - q.zero_point);
      }
      worst = std::max(worst, std::fabs(y - double(outputs[s * out + o])));
    }
  }
  return worst;
}

// One input value as the model's input element type: float as it is, int8 quantized.
template <class Spec>
typename Spec::value_type to_input(float x) {
  if constexpr (std::is_same_v<typename Spec::value_type, float>) {
    return x;
  } else {
    constexpr auto q = Spec::quant;
    return static_cast<std::int8_t>(std::clamp(std::round(x / q.scale) + q.zero_point, -128.0f, 127.0f));
  }
}

// worst_error for a model with two inputs (arena.input<0>(), arena.input<1>()), on its output O.
template <class Model, std::size_t O, std::size_t N0, std::size_t N1, std::size_t NO>
double worst_error_two(const std::array<float, N0>& in0, const std::array<float, N1>& in1,
                       const std::array<float, NO>& outputs, int samples) {
  static ctml::arena<Model> a;
  static_assert(Model::input_count == 2);
  using out_spec = typename Model::template output_spec_at<O>;
  constexpr std::size_t n0 = N0 / 4, n1 = N1 / 4, out = out_spec::size;
  static_assert(NO == out * 4);
  REQUIRE(a.template input<0>().size() == n0);
  REQUIRE(a.template input<1>().size() == n1);
  double worst = 0;
  for (std::size_t s = 0; s < static_cast<std::size_t>(samples); ++s) {
    for (std::size_t i = 0; i < n0; ++i)
      a.template input<0>()[i] = to_input<typename Model::template input_spec_at<0>>(in0[s * n0 + i]);
    for (std::size_t i = 0; i < n1; ++i)
      a.template input<1>()[i] = to_input<typename Model::template input_spec_at<1>>(in1[s * n1 + i]);
    Model::invoke(a);
    for (std::size_t o = 0; o < out; ++o) {
      double y = 0;
      if constexpr (std::is_same_v<typename out_spec::value_type, float>) {
        y = a.template output<O>()[o];
      } else {
        constexpr auto q = out_spec::quant;
        y = double(q.scale) * (a.template output<O>()[o] - q.zero_point);
      }
      worst = std::max(worst, std::fabs(y - double(outputs[s * out + o])));
    }
  }
  return worst;
}

}  // namespace

// Two graph inputs and two outputs, grouped Convs (block-diagonal ctml::conv2d), a MaxPool with asymmetric
// pads and ceil_mode (a lowest-value ctml::pad), an AveragePool with ceil_mode (SAME here).
TEST_CASE("onnx cnn: two inputs, grouped Conv, MaxPool pads / ceil_mode (graph_cnn) equal the ONNX spec") {
  namespace g = graph_cnn_expected;
  static_assert(graph_cnn_float::output_count == 2 && graph_cnn_int8::output_count == 2);
  const double ef = worst_error_two<graph_cnn_float, 0>(g::input, g::input_z, g::output, g::samples);
  const double eq = worst_error_two<graph_cnn_int8, 0>(g::input, g::input_z, g::output, g::samples);
  // The second output: the AveragePool's image (NHWC), ONNX's second graph output.
  const double pf = worst_error_two<graph_cnn_float, 1>(g::input, g::input_z, g::output_pooled, g::samples);
  const double pq = worst_error_two<graph_cnn_int8, 1>(g::input, g::input_z, g::output_pooled, g::samples);
  MESSAGE("graph_cnn: max |ctml - numpy| float " << ef << " and " << pf << ", int8 " << eq << " and " << pq);
  CHECK(ef <= 1e-4);
  CHECK(pf <= 1e-4);
  CHECK(eq <= 0.06);  // the exporter reports 0.042 on its calibration set (both outputs)
  CHECK(pq <= 0.06);
}

// Float: the ONNX graph's arithmetic in another order (NHWC, folded BatchNorm), float32 against
// float64; 1e-4 absolute on outputs of size ~1.
TEST_CASE("onnx cnn: float models equal the ONNX spec (numpy float64, NCHW)") {
  namespace p = pytorch_cnn_expected;
  namespace r0 = random_cnn_0_expected;
  namespace r1 = random_cnn_1_expected;
  namespace r2 = random_cnn_2_expected;
  namespace res = residual_cnn_expected;
  const double e4 = worst_error<residual_cnn_float>(res::input, res::output, res::samples);
  const double e0 = worst_error<pytorch_cnn_float>(p::input, p::output, p::samples);
  const double e1 = worst_error<random_cnn_0_float>(r0::input, r0::output, r0::samples);
  const double e2 = worst_error<random_cnn_1_float>(r1::input, r1::output, r1::samples);
  const double e3 = worst_error<random_cnn_2_float>(r2::input, r2::output, r2::samples);
  MESSAGE("max |ctml - numpy|: pytorch_cnn " << e0 << ", random_cnn_0 " << e1 << ", random_cnn_1 " << e2
                                             << ", random_cnn_2 " << e3 << ", residual_cnn " << e4);
  CHECK(e0 <= 1e-4);
  CHECK(e1 <= 1e-4);
  CHECK(e2 <= 1e-4);
  CHECK(e3 <= 1e-4);
  CHECK(e4 <= 1e-4);
}

// HardSwish and Concat along C, H and W (ONNX's NCHW axes 1, 2, 3 -> ctml's NHWC 2, 0, 1).
TEST_CASE("onnx cnn: HardSwish and Concat (concat_cnn) equal the ONNX spec, float and int8") {
  namespace c = concat_cnn_expected;
  const double ef = worst_error<concat_cnn_float>(c::input, c::output, c::samples);
  const double eq = worst_error<concat_cnn_int8>(c::input, c::output, c::samples);
  MESSAGE("concat_cnn: max |ctml - numpy| float " << ef << ", int8 " << eq);
  CHECK(ef <= 1e-4);
  CHECK(eq <= 0.01);  // the exporter reports 0.0028 on its calibration set
}

// int8 (--quantize, TFLite's arithmetic): within a few times the error the exporter reports for
// the fake-quantized model on its calibration set (see CMakeLists.txt's export log).
TEST_CASE("onnx cnn: int8 models (--quantize) within their quantization error of the ONNX spec") {
  namespace p = pytorch_cnn_expected;
  namespace r0 = random_cnn_0_expected;
  namespace r1 = random_cnn_1_expected;
  namespace r2 = random_cnn_2_expected;
  namespace res = residual_cnn_expected;
  const double e4 = worst_error<residual_cnn_int8>(res::input, res::output, res::samples);
  const double e0 = worst_error<pytorch_cnn_int8>(p::input, p::output, p::samples);
  const double e1 = worst_error<random_cnn_0_int8>(r0::input, r0::output, r0::samples);
  const double e2 = worst_error<random_cnn_1_int8>(r1::input, r1::output, r1::samples);
  const double e3 = worst_error<random_cnn_2_int8>(r2::input, r2::output, r2::samples);
  MESSAGE("max |ctml int8 - numpy float|: pytorch_cnn " << e0 << ", random_cnn_0 " << e1 << ", random_cnn_1 "
                                                        << e2 << ", random_cnn_2 " << e3 << ", residual_cnn "
                                                        << e4);
  CHECK(e0 <= 0.01);
  CHECK(e1 <= 0.04);
  CHECK(e2 <= 0.05);
  CHECK(e3 <= 0.1);
  CHECK(e4 <= 0.05);  // the exporter reports 0.0116 on its calibration set
}

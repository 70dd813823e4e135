// Quantized ONNX through tools/onnx (tests/onnx/models/qdq_cnn.onnx: the QDQ format, int8;
// qlinear_cnn.onnx: QLinearConv / QLinearMatMul, uint8 and int8; qdq_mlp.onnx: MatMul, Gemm): the headers
// exported at build time (int8 layers with ctml::requantization::onnx) against make_qdq_models.py's numpy
// statement of ONNX's quantized operators, exactly: every dequantized output equal, so every int8 output
// equal.
#include <array>
#include <cstddef>
#include <cstdint>

#include <doctest/doctest.h>

#include "data/qdq_expected.hpp"
#include "qdq_cnn.hpp"
#include "qdq_gap.hpp"
#include "qdq_mlp.hpp"
#include "qdq_pool.hpp"
#include "qdq_residual.hpp"
#include "qlinear_cnn.hpp"

namespace {

// The outputs of `Model` (float in, float out) that differ from the expected ones.
template <class Model, std::size_t NI, std::size_t NO>
int mismatches(const std::array<float, NI>& inputs, const std::array<float, NO>& outputs, int samples) {
  static ctml::arena<Model> a;
  constexpr std::size_t in = Model::input_shape::size, out = Model::output_shape::size;
  static_assert(NI % in == 0 && NO % out == 0 && NI / in == NO / out);
  int wrong = 0;
  for (std::size_t s = 0; s < static_cast<std::size_t>(samples); ++s) {
    for (std::size_t i = 0; i < in; ++i) a.input()[i] = inputs[s * in + i];
    Model::invoke(a);
    for (std::size_t o = 0; o < out; ++o) wrong += a.output()[o] != outputs[s * out + o];
  }
  return wrong;
}

}  // namespace

// The inputs hold exact ties for QuantizeLinear (make_qdq_models.py: rounding them half away from zero
// would change 27, 19 and 19 outputs), and qdq_mlp's power-of-two scales make the layers' scaled
// accumulators tie (6 outputs would change): both roundings are checked.
TEST_CASE("onnx quantized: QDQ and QLinear models equal ONNX's integer arithmetic exactly") {
  namespace a = qdq_cnn_expected;
  namespace b = qlinear_cnn_expected;
  namespace c = qdq_mlp_expected;
  CHECK(mismatches<qdq_cnn>(a::input, a::output, a::samples) == 0);
  CHECK(mismatches<qlinear_cnn>(b::input, b::output, b::samples) == 0);
  CHECK(mismatches<qdq_mlp>(c::input, c::output, c::samples) == 0);
}

// DequantizeLinear -> AveragePool / GlobalAveragePool -> QuantizeLinear (average_pool2d with
// requantization::onnx) against make_qdq_models.py's float32 statement of the three nodes (what onnxruntime
// 1.30 gives with its graph optimizations off). uint8 and int8, SAME_UPPER and counted explicit pads, 2 to 45
// taps; rounding the pools' outputs half away from zero would change 208 of qdq_pool's 1440 outputs, summing
// its last pool's taps in row-major order instead of by columns 36.
TEST_CASE("onnx quantized: QDQ AveragePool and GlobalAveragePool equal ONNX's float32 arithmetic exactly") {
  namespace p = qdq_pool_expected;
  namespace g = qdq_gap_expected;
  CHECK(mismatches<qdq_pool>(p::input, p::output, p::samples) == 0);
  CHECK(mismatches<qdq_gap>(g::input, g::output, g::samples) == 0);
}

// DequantizeLinear of both -> Add (+ Relu) / Mul -> QuantizeLinear (add / mul with requantization::onnx, in
// a ctml::graph: a residual Add of two convs' outputs, a Mul gate, a Concat of equally quantized tensors)
// against make_qdq_models.py's float32 statement; int8 and uint8. The Add's power-of-two scales make its
// sums tie: rounding the Add's and Mul's outputs half away from zero would change 94 of the 4480 outputs.
TEST_CASE("onnx quantized: QDQ Add, Mul and Concat equal ONNX's float32 arithmetic exactly") {
  namespace r = qdq_residual_expected;
  CHECK(mismatches<qdq_residual>(r::input, r::output, r::samples) == 0);
}

namespace {
// Found by a numpy search: with these scales the float32 sum of the dequantized taps (ONNX's
// DequantizeLinear -> AveragePool -> QuantizeLinear, and onnxruntime 1.30 with its graph optimizations
// off) gives -79.5 and 79.5 exactly, quantized to -80 and 80 (ties to even); the integer sum times
// x_scale / 3 gives -79.49999 and 79.49999, so -79 and 79 (what onnxruntime's fused QLinearAveragePool
// gives). The float32 order of the steps is what this checks.
inline constexpr ctml::quantization pool_in_q{0.09742875f, 0};
inline constexpr ctml::quantization pool_out_q{0.059641924f, 0};
struct pool_order final
    : ctml::sequential<
          ctml::input<ctml::shape<3, 1, 2>, std::int8_t, pool_in_q>,
          ctml::average_pool2d<ctml::pool2d_options{.pool_size = {3, 1},
                                                    .requantization = ctml::requantization::onnx},
                               pool_out_q>> {};
}  // namespace

TEST_CASE("onnx quantized: average_pool2d with requantization::onnx sums the dequantized taps in float32") {
  static ctml::arena<pool_order> a;
  const std::array<std::int8_t, 6> x{-53, 116, -121,
                                     -14, 28,  44};  // [3][1][2]: channels (-53, -121, 28), (116, -14, 44)
  for (std::size_t i = 0; i < x.size(); ++i) a.input()[i] = x[i];
  pool_order::invoke(a);
  CHECK(a.output()[0] == -80);
  CHECK(a.output()[1] == 80);
}

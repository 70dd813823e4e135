// Quantized ONNX through tools/onnx (tests/onnx/models/qdq_cnn.onnx: the QDQ format, int8;
// qlinear_cnn.onnx: QLinearConv / QLinearMatMul, uint8 and int8; qdq_mlp.onnx: MatMul, Gemm): the headers
// exported at build time (int8 layers with ctml::requantization::onnx) against make_qdq_models.py's numpy
// statement of ONNX's quantized operators, exactly: every dequantized output equal, so every int8 output
// equal.
#include <cstddef>

#include <doctest/doctest.h>

#include "data/qdq_expected.hpp"
#include "qdq_cnn.hpp"
#include "qdq_mlp.hpp"
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

// ONNX's conformance cases (Debian's libonnx-testdata) exported by tools/onnx at build time
// (tests/onnx/conformance.py): every supported Conv / pooling / BatchNormalization / Gemm / MatMul /
// activation / Softmax case, float, against ONNX's reference outputs, and the quantized ones
// (QLinearConv, QLinearMatMul, QuantizeLinear, DequantizeLinear) byte for byte, and the cases with two
// graph inputs (Concat, Add, Sub, Mul, Div); one executable for all.
#include <algorithm>
#include <cmath>
#include <cstddef>

#include <doctest/doctest.h>

#include "conformance_expected.hpp"
#include "conformance_models.hpp"

namespace {

// Tolerance: ctml computes in float32 like ONNX's reference but sums in another order (NHWC, folded
// BatchNorm, alpha/beta folded into the Gemm): 1e-5 relative to the output's magnitude, at least 1e-6.
constexpr double tolerance(double reference) {
  return std::max(1e-6, 1e-5 * std::fabs(reference));
}

template <class Model, std::size_t NI, std::size_t NO>
void check_case(const char* name, const std::array<float, NI>& inputs, const std::array<float, NO>& outputs,
                int samples) {
  static ctml::arena<Model> a;
  constexpr std::size_t in = Model::input_shape::size, out = Model::output_shape::size;
  static_assert(NI % in == 0 && NO % out == 0 && NI / in == NO / out);
  double worst = 0;
  bool ok = true;
  for (std::size_t s = 0; s < static_cast<std::size_t>(samples); ++s) {
    std::copy_n(inputs.begin() + static_cast<std::ptrdiff_t>(s * in), in, a.input().begin());
    Model::invoke(a);
    for (std::size_t o = 0; o < out; ++o) {
      const double want = outputs[s * out + o], diff = std::fabs(double(a.output()[o]) - want);
      worst = std::max(worst, diff);
      ok = ok && diff <= tolerance(want);
    }
  }
  INFO(name << ": max |ctml - ONNX| " << worst);
  CHECK(ok);
}

/// A case with two graph inputs (Concat, Add, Sub, Mul, Div): arena.input<0>(), arena.input<1>().
template <class Model, std::size_t N0, std::size_t N1, std::size_t NO>
void check_two_inputs(const char* name, const std::array<float, N0>& in0, const std::array<float, N1>& in1,
                      const std::array<float, NO>& outputs, int samples) {
  static ctml::arena<Model> a;
  static_assert(Model::input_count == 2);
  const std::size_t n0 = N0 / static_cast<std::size_t>(samples), n1 = N1 / static_cast<std::size_t>(samples),
                    out = NO / static_cast<std::size_t>(samples);
  REQUIRE(a.template input<0>().size() == n0);
  REQUIRE(a.template input<1>().size() == n1);
  REQUIRE(a.output().size() == out);
  double worst = 0;
  bool ok = true;
  for (std::size_t s = 0; s < static_cast<std::size_t>(samples); ++s) {
    std::copy_n(in0.begin() + static_cast<std::ptrdiff_t>(s * n0), n0, a.template input<0>().begin());
    std::copy_n(in1.begin() + static_cast<std::ptrdiff_t>(s * n1), n1, a.template input<1>().begin());
    Model::invoke(a);
    for (std::size_t o = 0; o < out; ++o) {
      const double want = outputs[s * out + o], diff = std::fabs(double(a.output()[o]) - want);
      worst = std::max(worst, diff);
      ok = ok && diff <= tolerance(want);
    }
  }
  INFO(name << ": max |ctml - ONNX| " << worst);
  CHECK(ok);
}

/// A quantized case (QLinearConv, QLinearMatMul, QuantizeLinear, DequantizeLinear; ctml's int8 layers
/// with requantization::onnx): every output equal to ONNX's, byte for byte (uint8 as int8 + 128).
template <class Model, class In, std::size_t NI, class Out, std::size_t NO>
void check_exact(const char* name, const std::array<In, NI>& inputs, const std::array<Out, NO>& outputs,
                 int samples) {
  static ctml::arena<Model> a;
  constexpr std::size_t in = Model::input_shape::size, out = Model::output_shape::size;
  static_assert(NI % in == 0 && NO % out == 0 && NI / in == NO / out);
  int wrong = 0;
  for (std::size_t s = 0; s < static_cast<std::size_t>(samples); ++s) {
    std::copy_n(inputs.begin() + static_cast<std::ptrdiff_t>(s * in), in, a.input().begin());
    Model::invoke(a);
    for (std::size_t o = 0; o < out; ++o) wrong += a.output()[o] != outputs[s * out + o];
  }
  INFO(name << ": " << wrong << " of " << NO << " outputs differ from ONNX's");
  CHECK(wrong == 0);
}

}  // namespace

TEST_CASE("onnx conformance: the supported node tests of libonnx-testdata") {
#include "conformance_cases.inc"
}

// tools/onnx on ONNX LSTM models (tests/onnx/models/lstm_*.onnx, built by make_lstm_models.py):
// the headers exported at build time, float against tests/onnx/onnx_spec.py's float64 statement of
// the ONNX LSTM, int8 (--quantize) against the exporter's fake-quantized numpy model, and
// --streaming against the sequence model byte for byte.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <type_traits>

#include <doctest/doctest.h>

#include "data/lstm_expected.hpp"
#include "lstm_head_float.hpp"
#include "lstm_head_int8.hpp"
#include "lstm_head_streaming.hpp"
#include "lstm_seq_float.hpp"
#include "lstm_seq_int8.hpp"
#include "lstm_seq_streaming.hpp"
#include "lstm_seq_streaming_int8.hpp"
#include "lstm_tiny_float.hpp"
#include "lstm_tiny_int8.hpp"

namespace {

template <class Spec>
auto to_input(float x) {
  if constexpr (std::is_same_v<typename Spec::value_type, float>) {
    return x;
  } else {
    constexpr auto q = Spec::quant;
    return static_cast<std::int8_t>(std::clamp(std::round(x / q.scale) + q.zero_point, -128.0f, 127.0f));
  }
}

template <class Spec, class T>
double from_output(T y) {
  if constexpr (std::is_same_v<T, float>) {
    return y;
  } else {
    constexpr auto q = Spec::quant;
    return double(q.scale) * (y - q.zero_point);
  }
}

struct errors {
  double worst = 0, largest = 0;  // max |ctml - expected|, max |expected|
  double relative() const { return worst / largest; }
};

// One sequence per invoke: max |ctml - expected| over the samples (int8: quantized inputs,
// dequantized outputs).
template <class Model, std::size_t NI, std::size_t NO>
errors compare(const std::array<float, NI>& inputs, const std::array<float, NO>& outputs, int samples) {
  static ctml::arena<Model> a;
  constexpr std::size_t in = Model::input_shape::size, out = Model::output_shape::size;
  static_assert(NI == in * 4 && NO == out * 4);
  errors e;
  for (std::size_t s = 0; s < static_cast<std::size_t>(samples); ++s) {
    for (std::size_t i = 0; i < in; ++i)
      a.input()[i] = to_input<typename Model::input_spec>(inputs[s * in + i]);
    Model::invoke(a);
    for (std::size_t o = 0; o < out; ++o) {
      const double y = from_output<typename Model::output_spec>(a.output()[o]), want = outputs[s * out + o];
      e.worst = std::max(e.worst, std::fabs(y - want));
      e.largest = std::max(e.largest, std::fabs(want));
    }
  }
  return e;
}

// Streaming: the sequence fed one step per invoke from a reset state; every step's output (or the
// last one's when the sequence model returns the last h) must be the sequence model's bytes.
template <class Sequence, class Streaming, bool EveryStep, std::size_t NI>
bool same_bytes(const std::array<float, NI>& inputs, int samples) {
  static ctml::arena<Sequence> sa;
  static ctml::arena<Streaming> ta;
  static ctml::state<Streaming> st;
  constexpr auto steps = static_cast<std::size_t>(Sequence::input_shape::dims[0]);
  constexpr std::size_t features = Streaming::input_shape::size;
  constexpr std::size_t out = Streaming::output_shape::size;
  bool same = true;
  for (std::size_t s = 0; s < static_cast<std::size_t>(samples); ++s) {
    for (std::size_t i = 0; i < steps * features; ++i)
      sa.input()[i] = to_input<typename Sequence::input_spec>(inputs[s * steps * features + i]);
    Sequence::invoke(sa);
    st.reset();
    for (std::size_t t = 0; t < steps; ++t) {
      // From the samples, not from the sequence arena: its planner may reuse the input's bytes.
      for (std::size_t i = 0; i < features; ++i)
        ta.input()[i] = to_input<typename Streaming::input_spec>(inputs[(s * steps + t) * features + i]);
      Streaming::invoke(ta, st);
      if (EveryStep || t + 1 == steps) {
        const std::size_t row = EveryStep ? t * out : 0;
        same = same &&
               std::memcmp(ta.output().data(), sa.output().data() + row, out * sizeof(ta.output()[0])) == 0;
      }
    }
  }
  return same;
}

}  // namespace

TEST_CASE("onnx lstm: float models within 1e-5 relative of the ONNX spec (numpy float64)") {
  namespace h = lstm_head_expected;
  namespace q = lstm_seq_expected;
  namespace t = lstm_tiny_expected;
  const errors e0 = compare<lstm_head_float>(h::input, h::output, h::samples);
  const errors e1 = compare<lstm_seq_float>(q::input, q::output, q::samples);
  const errors e2 = compare<lstm_tiny_float>(t::input, t::output, t::samples);
  MESSAGE("max |ctml - numpy| / max |numpy|: lstm_head " << e0.relative() << ", lstm_seq " << e1.relative()
                                                         << ", lstm_tiny " << e2.relative());
  CHECK(e0.relative() <= 1e-5);
  CHECK(e1.relative() <= 1e-5);
  CHECK(e2.relative() <= 1e-5);
}

// int8 (--quantize, TFLite's integer LSTM) against the numpy model with the int8 weights and the
// int8 / int16 grids (tools/onnx's fake-quantized forward): within 1 output step; and against the
// float spec within the quantization error the exporter reports (0.8-1.7 % of the output range).
TEST_CASE("onnx lstm: int8 models (--quantize) within 1 output step of the fake-quantized numpy model") {
  namespace h = lstm_head_expected;
  namespace q = lstm_seq_expected;
  namespace t = lstm_tiny_expected;
  const errors e0 = compare<lstm_head_int8>(h::input, h::int8_output, h::samples);
  const errors e1 = compare<lstm_seq_int8>(q::input, q::int8_output, q::samples);
  const errors e2 = compare<lstm_tiny_int8>(t::input, t::int8_output, t::samples);
  const double s0 = lstm_head_int8::output_spec::quant.scale, s1 = lstm_seq_int8::output_spec::quant.scale,
               s2 = lstm_tiny_int8::output_spec::quant.scale;
  MESSAGE("max |ctml int8 - numpy fake-quantized| in output steps: lstm_head "
          << e0.worst / s0 << ", lstm_seq " << e1.worst / s1 << ", lstm_tiny " << e2.worst / s2);
  CHECK(e0.worst <= 1.01 * s0);
  CHECK(e1.worst <= 1.01 * s1);
  CHECK(e2.worst <= 1.01 * s2);
  const errors f0 = compare<lstm_head_int8>(h::input, h::output, h::samples);
  const errors f1 = compare<lstm_seq_int8>(q::input, q::output, q::samples);
  const errors f2 = compare<lstm_tiny_int8>(t::input, t::output, t::samples);
  MESSAGE("max |ctml int8 - numpy float|: lstm_head " << f0.worst << ", lstm_seq " << f1.worst
                                                      << ", lstm_tiny " << f2.worst);
  CHECK(f0.worst <= 0.03);
  CHECK(f1.worst <= 0.05);
  CHECK(f2.worst <= 0.01);
}

TEST_CASE("onnx lstm: --streaming gives the sequence model's bytes") {
  CHECK(same_bytes<lstm_seq_float, lstm_seq_streaming, true>(lstm_seq_expected::input, 4));
  CHECK(same_bytes<lstm_seq_int8, lstm_seq_streaming_int8, true>(lstm_seq_expected::input, 4));
  CHECK(same_bytes<lstm_head_float, lstm_head_streaming, false>(lstm_head_expected::input, 4));
}

// UNIDIRECTIONAL_SEQUENCE_LSTM (ctml::lstm) against TFLite Micro's bytes: TFLM's four LSTM models
// (mnist_lstm float and int8, micro_speech_lstm, the two-LSTM dtln_noise_suppression) and our
// randomized op models (tests/data/tflm_ops/lstm_*), imported at build time by ctml-import, run on
// every case: seeded random inputs A_n (fresh state), the examples' real inputs S_*, and T_1 (one
// interpreter invoked 8 times: the state carries over); the op models include int16x8 LSTMs. A_1 also
// compares each LSTM layer's output with TFLM's intermediate tensor, and for the int8 LSTMs (and one
// int16x8 op model) the streaming layer (one step per call) with every row of it.
#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "dtln_noise_suppression.hpp"
#include "lstm_op_models.hpp"
#include "micro_speech_lstm.hpp"
#include "tflm_cases.hpp"
#include "trained_lstm.hpp"
#include "trained_lstm_int8.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path root = CTML_TEST_DATA_DIR;
const fs::path ops_root = CTML_OPS_DATA_DIR;

/// An LSTM layer's output and TFLM's tensor holding it (A_1/intermediates/tNNN.bin).
struct layer_tensor {
  std::size_t layer;
  int tensor;
};

std::string tensor_file(int t) {
  std::string s = std::to_string(t);
  return "t" + std::string(3 - s.size(), '0') + s + ".bin";
}

/// Output bytes equal TFLM's. Float LSTMs call expf / tanhf: with another C library than the
/// goldens' (x86-64 glibc; CTML_GOLDEN_FOREIGN_LIBM, set for the AArch64 run) those may differ in the
/// last bit, so there float outputs need only agree to 1e-5 relative.
template <class T>
bool outputs_match(const void* got, const void* want, std::size_t bytes) {
#if defined(CTML_GOLDEN_FOREIGN_LIBM)
  if constexpr (std::is_same_v<T, float>) {
    for (std::size_t i = 0; i < bytes / sizeof(float); ++i) {
      float a = 0.0f, b = 0.0f;
      std::memcpy(&a, static_cast<const unsigned char*>(got) + i * sizeof(float), sizeof(float));
      std::memcpy(&b, static_cast<const unsigned char*>(want) + i * sizeof(float), sizeof(float));
      if (!(std::fabs(a - b) <= 1e-5f * std::fmax(1.0f, std::fabs(b)))) return false;
    }
    return true;
  }
#endif
  return std::memcmp(got, want, bytes) == 0;
}

/// Every case of `dir` through `Model` (one input, one output): A_ and S_ from a reset state, T_1 as
/// 8 invocations in a row. Returns the number of cases compared.
template <class Model>
int check_model(const std::string& dir, std::vector<layer_tensor> intermediates = {},
                const fs::path& base = root) {
  static ctml::arena<Model> arena;
  static ctml::state<Model> state;
  using in_t = typename Model::input_type;
  using out_t = typename Model::output_type;
  constexpr std::size_t in_bytes = Model::input_shape::size * sizeof(in_t);
  constexpr std::size_t out_bytes = Model::output_shape::size * sizeof(out_t);
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(base / dir)) {
    if (!entry.is_directory()) continue;
    const fs::path c = entry.path();
    INFO(c.string());
    const auto in = golden::read_bytes(c / "input0.bin");
    const auto want = golden::read_bytes(c / "output0.bin");
    const std::size_t invocations = in.size() / in_bytes;
    REQUIRE(in.size() == invocations * in_bytes);
    REQUIRE(want.size() == invocations * out_bytes);
    REQUIRE((invocations == 1 || c.filename() == "T_1"));
    state.reset();
    std::size_t mismatched = 0;
    for (std::size_t k = 0; k < invocations; ++k) {
      std::memcpy(arena.input().data(), in.data() + k * in_bytes, in_bytes);
      std::vector<std::pair<std::size_t, std::vector<unsigned char>>> seen;
      Model::invoke(arena, state, [&](std::size_t layer, std::span<const std::byte> out) {
        for (const layer_tensor& lt : intermediates)
          if (lt.layer == layer) {
            const auto* p = reinterpret_cast<const unsigned char*>(out.data());
            seen.emplace_back(layer, std::vector<unsigned char>(p, p + out.size()));
          }
      });
      if (!outputs_match<out_t>(arena.output().data(), want.data() + k * out_bytes, out_bytes)) ++mismatched;
      if (c.filename() == "A_1") {
        for (const layer_tensor& lt : intermediates) {
          INFO("layer " << lt.layer << ", TFLM tensor " << lt.tensor);
          const auto t = golden::read_bytes(c / "intermediates" / tensor_file(lt.tensor));
          bool found = false;
          for (const auto& layer_bytes : seen)
            if (layer_bytes.first == lt.layer) {
              found = true;
              CHECK(layer_bytes.second == t);
            }
          CHECK(found);
        }
      }
    }
    CHECK(mismatched == 0);
    ++cases;
  }
  return cases;
}

/// The streaming form of an imported int8 (int16) LSTM (input [features], one step a call) against
/// every row of TFLM's sequence output (A_1's intermediate tensor `tensor`; < 0: the model's output,
/// an op model of `ops_root`), from the same input rows.
template <class Stream>
void check_streaming_rows(const std::string& dir, const std::string& input_file, int tensor) {
  static ctml::arena<Stream> arena;
  static ctml::state<Stream> state;
  const fs::path a1 = (tensor < 0 ? ops_root : root) / dir / "A_1";
  const auto in = golden::read_bytes(a1 / input_file);
  const auto want =
      golden::read_bytes(tensor < 0 ? a1 / "output0.bin" : a1 / "intermediates" / tensor_file(tensor));
  constexpr std::size_t e = sizeof(typename Stream::input_type);
  constexpr std::size_t f = Stream::input_shape::size * e, u = Stream::output_shape::size * e;
  const std::size_t steps = in.size() / f;
  REQUIRE(steps > 1);
  REQUIRE(want.size() == steps * u);
  state.reset();
  std::size_t mismatched = 0;
  for (std::size_t t = 0; t < steps; ++t) {
    std::memcpy(arena.input().data(), in.data() + t * f, f);
    Stream::invoke(arena, state);
    if (std::memcmp(arena.output().data(), want.data() + t * u, u) != 0) ++mismatched;
  }
  CHECK(mismatched == 0);
  MESSAGE(dir << ": " << steps << " streamed steps compared with TFLM's sequence output rows");
}

}  // namespace

TEST_CASE("mnist_lstm trained_lstm (float LSTM): TFLite Micro's outputs on every case") {
  CHECK(check_model<trained_lstm>("trained_lstm") == 15);
}

TEST_CASE("mnist_lstm trained_lstm_int8 (int8 LSTM): TFLite Micro's outputs and LSTM output") {
  CHECK(check_model<trained_lstm_int8>("trained_lstm_int8", {{0, 23}}) == 15);
}

TEST_CASE("micro_speech_lstm (int8 LSTM, 49 steps of 257 features): TFLite Micro's outputs") {
  CHECK(check_model<micro_speech_lstm>("micro_speech_lstm", {{0, 23}}) == 7);
}

TEST_CASE("dtln_noise_suppression (two int8 LSTMs, one step a call): TFLite Micro's outputs") {
  CHECK(check_model<dtln_noise_suppression>("dtln_noise_suppression", {{0, 34}, {1, 42}}) == 6);
}

// The randomized op models (tests/data/tflm_ops/lstm_*, tools/op_models/lstm_models.hpp): units 1, 3,
// 5, 7, 17, 64; features 1..40; 1..200 steps; cell clip; cell scales 2^-8, 2^-11, 2^-12, 2^-15;
// time-major ([T, 1, F] with T up to 12, imported as [1, T, F]; one feeding a FULLY_CONNECTED); float,
// int8 and int16x8 (TFLite's 16x8 LSTM: int16 x and h, int64 bias).
// A_1..A_3 from a reset state; T_1 (8 invocations, the state carried over) where present.
TEST_CASE("UNIDIRECTIONAL_SEQUENCE_LSTM op models (int8 and float): TFLite Micro's outputs") {
#define CTML_LSTM_OP(name, cases) CHECK_MESSAGE(check_model<name>(#name, {}, ops_root) == cases, #name);
  CTML_LSTM_OPS
#undef CTML_LSTM_OP
}

// One step per call (rank-1 input: streaming mode) equals TFLM's sequence output row by row.
struct micro_speech_lstm_stream final
    : ctml::sequential<ctml::input<ctml::shape<257>, std::int8_t, micro_speech_lstm_data::input>,
                       ctml::lstm<ctml::lstm_options{.units = 80}, micro_speech_lstm_data::op0_lstm>> {};
struct trained_lstm_int8_stream final
    : ctml::sequential<ctml::input<ctml::shape<28>, std::int8_t, trained_lstm_int8_data::input>,
                       ctml::lstm<ctml::lstm_options{.units = 20}, trained_lstm_int8_data::op0_lstm>> {};
struct lstm_s16_stream final
    : ctml::sequential<ctml::input<ctml::shape<40>, std::int16_t, lstm_u3_f40_t50_s16_clip_data::input>,
                       ctml::lstm<ctml::lstm_options{.units = 3, .cell_clip = 1.0f},
                                  lstm_u3_f40_t50_s16_clip_data::op0_lstm>> {};
static_assert(lstm_s16_stream::state_bytes == 3 * (2 + 2));  // int16 c, then int16 h

TEST_CASE("int8 LSTM streaming (one step a call) = TFLite Micro's sequence output, step by step") {
  check_streaming_rows<micro_speech_lstm_stream>("micro_speech_lstm", "input0.bin", 23);
  check_streaming_rows<trained_lstm_int8_stream>("trained_lstm_int8", "input0.bin", 23);
}

TEST_CASE("int16x8 LSTM streaming (one step a call) = TFLite Micro's sequence output, step by step") {
  check_streaming_rows<lstm_s16_stream>("lstm_u3_f40_t50_s16_clip", "input0.bin", -1);
}

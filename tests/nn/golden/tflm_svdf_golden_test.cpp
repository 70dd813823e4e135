// SVDF (issue #12) against TensorFlow Lite Micro: its keyword_scrambled models (int16 input, QUANTIZE to
// int8, seven int8 SVDF layers with int16 (keyword_scrambled) or int8 (keyword_scrambled_8bit) state,
// FULLY_CONNECTED, an int8 -> int16 SOFTMAX, QUANTIZE to int32), imported at build time and compared
// byte for byte with TFLM's outputs (tests/data/tflm_models): A_<seed> is one invocation of a fresh
// interpreter, T_1 eight invocations of one interpreter (the SVDF memories carry over). The layer's
// sequence mode is checked against its streaming mode on the same frames.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "keyword_scrambled.hpp"
#include "keyword_scrambled_8bit.hpp"
#include "svdf_c.h"
#include "tflm_cases.hpp"
#include "tflm_svdf_golden_test_models.hpp"

namespace {

namespace fs = std::filesystem;

/// Every A_<seed> case from a reset state, then T_1's frames through one state; returns the frames
/// compared.
template <class Model>
int check_keyword_model(const std::string& dir) {
  static ctml::arena<Model> arena;
  static ctml::state<Model> state;
  const fs::path root = fs::path(CTML_TEST_DATA_DIR) / dir;
  int frames = 0;
  for (int seed = 1; seed <= 4; ++seed) {
    const fs::path c = root / ("A_" + std::to_string(seed));
    INFO(c.string());
    state.reset();
    golden::load_file(c / "input0.bin", arena.input());
    Model::invoke(arena, state);
    CHECK(golden::equals_file(c / "output0.bin", arena.output()));
    ++frames;
  }
  const auto in = golden::read_bytes(root / "T_1" / "input0.bin");
  const auto out = golden::read_bytes(root / "T_1" / "output0.bin");
  const std::size_t in_bytes = arena.input().size_bytes(), out_bytes = arena.output().size_bytes();
  REQUIRE(in.size() == 8 * in_bytes);
  REQUIRE(out.size() == 8 * out_bytes);
  state.reset();
  for (std::size_t t = 0; t < 8; ++t) {
    INFO("T_1 frame " << t);
    std::memcpy(arena.input().data(), in.data() + t * in_bytes, in_bytes);
    Model::invoke(arena, state);
    CHECK(std::memcmp(arena.output().data(), out.data() + t * out_bytes, out_bytes) == 0);
    ++frames;
  }
  return frames;
}

// The TFLite tensors of keyword_scrambled(_8bit): each operator's output and each SVDF's activation
// state (the same indices in both models).
constexpr std::array<int, 15> output_tensor{0, 5, 8, 13, 16, 21, 24, 29, 32, 37, 42, 47, 50, 51, 53};
constexpr std::array<int, 15> state_tensor{-1, 4, -1, 12, -1, 20, -1, 28, -1, 36, 41, 46, -1, -1, -1};

/// tests/data/tflm_ops/<dir>: 40 frames through one state (input0.bin, output0.bin: the frames back to
/// back), then every layer's output and every SVDF memory of the last frame against TFLM's
/// intermediates. Returns the tensors compared.
template <class Model>
int check_steps(const std::string& dir) {
  static_assert(Model::layer_count == output_tensor.size());
  static ctml::arena<Model> arena;
  static ctml::state<Model> state;
  const fs::path root = fs::path(CTML_OPS_DATA_DIR) / dir;
  const auto in = golden::read_bytes(root / "input0.bin");
  const auto out = golden::read_bytes(root / "output0.bin");
  const std::size_t in_bytes = arena.input().size_bytes(), out_bytes = arena.output().size_bytes();
  constexpr std::size_t frames = 40;
  REQUIRE(in.size() == frames * in_bytes);
  REQUIRE(out.size() == frames * out_bytes);
  std::vector<std::vector<unsigned char>> layer_out(Model::layer_count);
  state.reset();
  int compared = 0;
  for (std::size_t t = 0; t < frames; ++t) {
    INFO("frame " << t);
    std::memcpy(arena.input().data(), in.data() + t * in_bytes, in_bytes);
    Model::invoke(arena, state, [&](std::size_t i, std::span<const std::byte> y) {
      layer_out[i].assign(reinterpret_cast<const unsigned char*>(y.data()),
                          reinterpret_cast<const unsigned char*>(y.data()) + y.size());
    });
    CHECK(std::memcmp(arena.output().data(), out.data() + t * out_bytes, out_bytes) == 0);
    ++compared;
  }
  auto tensor_file = [&](int idx) {
    char name[32];
    std::snprintf(name, sizeof name, "t%03d.bin", idx);
    return golden::read_bytes(root / "intermediates" / name);
  };
  // Each stateful layer's memory, in layer order, at arena alignment (how ctml::state lays them out).
  std::size_t state_at = 0;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    auto one = [&]<std::size_t L>(std::integral_constant<std::size_t, L>) {
      INFO("layer " << L << " (" << Model::template layer<L>::name << ")");
      CHECK(layer_out[L] == tensor_file(output_tensor[L]));
      ++compared;
      if constexpr (Model::template layer<L>::state_bytes > 0) {
        REQUIRE(state_tensor[L] >= 0);
        const auto want = tensor_file(state_tensor[L]);
        REQUIRE(want.size() == Model::template layer<L>::state_bytes);
        CHECK(std::memcmp(state.data() + state_at, want.data(), want.size()) == 0);
        state_at += ctml::align_up(want.size());
        ++compared;
      }
    };
    (one(std::integral_constant<std::size_t, I>{}), ...);
  }
  (std::make_index_sequence<Model::layer_count>{});
  return compared;
}

}  // namespace

/// The frames TFLM ran each SVDF op model for (tools/op_models/svdf_models.hpp).
constexpr int frames_of(std::string_view name) {
  constexpr std::pair<std::string_view, int> frames[] = {
      {"svdf_s8_r1", 12},         {"svdf_s8_state8_r2_m1", 6}, {"svdf_s8_r3_relu", 20},
      {"svdf_s8_state8_m32", 41}, {"svdf_f32_r1_relu", 10},    {"svdf_f32_r2", 15},
      {"svdf_f32_r3_relu_n1", 8}, {"svdf_f32_relu6_m1", 5},    {"softmax_s8_s16", 4}};
  for (const auto& [n, f] : frames)
    if (n == name) return f;
  return 0;
}

/// An SVDF op model of tests/data/tflm_ops (input0.bin: the frames TFLM ran back to back, output0.bin
/// its outputs, intermediates/t004.bin the memory after the last frame): streaming frame by frame, then
/// the layer in sequence mode (all frames in one call, every output and the last) and as a stateful
/// sequence in two calls. Returns the frames.
template <class Model, int Frames>
int check_svdf_op(const std::string& dir) {
  using B = typename Model::template layer<0>;
  using T = typename B::input::value_type;
  static ctml::arena<Model> arena;
  static ctml::state<Model> state;
  const fs::path root = fs::path(CTML_OPS_DATA_DIR) / dir;
  const auto in = golden::read_bytes(root / "input0.bin");
  const auto out = golden::read_bytes(root / "output0.bin");
  const std::size_t in_bytes = arena.input().size_bytes(), out_bytes = arena.output().size_bytes();
  REQUIRE(in.size() % in_bytes == 0);
  const std::size_t frames = in.size() / in_bytes;
  REQUIRE(frames == Frames);
  REQUIRE(out.size() == frames * out_bytes);
  state.reset();
  for (std::size_t t = 0; t < frames; ++t) {
    INFO(dir << " frame " << t);
    std::memcpy(arena.input().data(), in.data() + t * in_bytes, in_bytes);
    Model::invoke(arena, state);
    CHECK(std::memcmp(arena.output().data(), out.data() + t * out_bytes, out_bytes) == 0);
  }
  const auto memory = golden::read_bytes(root / "intermediates" / "t004.bin");
  REQUIRE(memory.size() == B::state_bytes);
  CHECK(std::memcmp(state.data(), memory.data(), memory.size()) == 0);

  // Sequence mode, on the same frames: one call from a cleared memory in scratch.
  INFO(dir << " sequence mode");
  constexpr auto with = [](bool sequences, bool stateful) {
    ctml::svdf_options o = B::options;
    o.return_sequences = sequences;
    o.stateful = stateful;
    return o;
  };
  auto run_sequence = [&]<int F, ctml::svdf_options O>(const unsigned char* x, std::vector<unsigned char>& y,
                                                       std::byte* memory_or_null) {
    using L = typename ctml::svdf<O, B::weights>::template bind<
        ctml::tensor_spec<ctml::shape<F, B::features>, T, ctml::quant_ref_of<typename B::input>>>;
    static_assert(L::state_bytes == (O.stateful ? B::state_bytes : 0));
    std::vector<T> xs(static_cast<std::size_t>(F * B::features));
    std::memcpy(xs.data(), x, xs.size() * sizeof(T));
    std::vector<T> ys(L::output::size);
    alignas(16) static std::byte scratch[L::scratch_bytes + 16];
    if constexpr (O.stateful)
      L::run(xs.data(), ys.data(), scratch, memory_or_null);
    else
      L::run(xs.data(), ys.data(), scratch);
    const auto* bytes = reinterpret_cast<const unsigned char*>(ys.data());
    y.assign(bytes, bytes + ys.size() * sizeof(T));
  };
  std::vector<unsigned char> y;
  run_sequence.template operator()<Frames, with(true, false)>(in.data(), y, nullptr);
  CHECK(y == out);
  run_sequence.template operator()<Frames, with(false, false)>(in.data(), y, nullptr);
  CHECK(std::equal(y.begin(), y.end(), out.end() - static_cast<std::ptrdiff_t>(out_bytes)));
  // Stateful: the first frames, then the rest, through one memory (cleared as reset() clears it).
  constexpr int first = Frames / 2 > 0 ? Frames / 2 : 1;
  alignas(16) static std::byte mem[B::state_bytes];
  std::memset(mem, 0, sizeof mem);
  if constexpr (std::is_same_v<typename B::state_type, std::int8_t>)
    std::memset(mem, static_cast<unsigned char>(B::weights.state.zero_point), sizeof mem);
  run_sequence.template operator()<first, with(true, true)>(in.data(), y, mem);
  CHECK(std::equal(y.begin(), y.end(), out.begin()));
  if constexpr (Frames > first) {
    run_sequence.template operator()<Frames - first, with(true, true)>(in.data() + first * in_bytes, y, mem);
    CHECK(std::equal(y.begin(), y.end(), out.begin() + static_cast<std::ptrdiff_t>(first * out_bytes)));
  }
  CHECK(std::memcmp(mem, memory.data(), memory.size()) == 0);
  return static_cast<int>(frames);
}

/// A stateless op model (the int8 -> int16 softmax): each of its frames on its own.
template <class Model, int Frames>
int check_stateless_op(const std::string& dir) {
  static ctml::arena<Model> arena;
  const fs::path root = fs::path(CTML_OPS_DATA_DIR) / dir;
  const auto in = golden::read_bytes(root / "input0.bin");
  const auto out = golden::read_bytes(root / "output0.bin");
  const std::size_t in_bytes = arena.input().size_bytes(), out_bytes = arena.output().size_bytes();
  REQUIRE(in.size() == Frames * in_bytes);
  REQUIRE(out.size() == Frames * out_bytes);
  for (std::size_t t = 0; t < Frames; ++t) {
    INFO(dir << " case " << t);
    std::memcpy(arena.input().data(), in.data() + t * in_bytes, in_bytes);
    Model::invoke(arena);
    CHECK(std::memcmp(arena.output().data(), out.data() + t * out_bytes, out_bytes) == 0);
  }
  return Frames;
}

template <class Model, int Frames>
int check_op(const std::string& dir) {
  if constexpr (Model::state_bytes == 0)
    return check_stateless_op<Model, Frames>(dir);
  else
    return check_svdf_op<Model, Frames>(dir);
}

TEST_CASE(
    "SVDF op models (int8 with int16 / int8 memory, float; ranks 1-3): streaming and sequence = TFLM; "
    "the int8 -> int16 softmax") {
#define CTML_OP(name) CHECK(check_op<name, frames_of(#name)>(#name) == frames_of(#name));
  CTML_OPS
#undef CTML_OP
}

TEST_CASE("keyword_scrambled(_8bit): 40 frames, every layer output and SVDF memory equal TFLM's") {
  CHECK(check_steps<keyword_scrambled>("keyword_scrambled_steps40") == 40 + 15 + 7);
  CHECK(check_steps<keyword_scrambled_8bit>("keyword_scrambled_8bit_steps40") == 40 + 15 + 7);
}

TEST_CASE("keyword_scrambled (int8 SVDF, int16 state): TFLite Micro's outputs, fresh and over 8 frames") {
  static_assert(keyword_scrambled::state_bytes > 0);
  CHECK(check_keyword_model<keyword_scrambled>("keyword_scrambled") == 12);
}

TEST_CASE("keyword_scrambled_8bit (int8 SVDF, int8 state): TFLite Micro's outputs, fresh and over 8 frames") {
  CHECK(check_keyword_model<keyword_scrambled_8bit>("keyword_scrambled_8bit") == 12);
}

TEST_CASE("C API of a stateful model: svdf_c_reset, then svdf_c_invoke frame by frame = TFLM") {
  static_assert(SVDF_C_STATE_BYTES > 0);
  alignas(SVDF_C_ARENA_ALIGN) static unsigned char arena[SVDF_C_ARENA_BYTES];
  alignas(SVDF_C_STATE_ALIGN) static unsigned char state[SVDF_C_STATE_BYTES + 1];
  const fs::path root = fs::path(CTML_OPS_DATA_DIR) / "svdf_s8_r1";
  const auto in = golden::read_bytes(root / "input0.bin");
  const auto out = golden::read_bytes(root / "output0.bin");
  REQUIRE(in.size() == 12 * SVDF_C_INPUT_BYTES);
  REQUIRE(out.size() == 12 * SVDF_C_OUTPUT_BYTES);
  std::memset(state, 0x5A, sizeof state);  // reset() must clear it, whatever it held
  REQUIRE(svdf_c_reset(state) == 0);
  CHECK(svdf_c_reset(state + 1) == -1);  // misaligned: refused
  svdf_c_input_t x[SVDF_C_INPUT_ELEMENTS];
  svdf_c_output_t y[SVDF_C_OUTPUT_ELEMENTS];
  for (std::size_t t = 0; t < 12; ++t) {
    INFO("frame " << t);
    std::memcpy(x, in.data() + t * SVDF_C_INPUT_BYTES, SVDF_C_INPUT_BYTES);
    REQUIRE(svdf_c_invoke(x, y, arena, state) == 0);
    CHECK(std::memcmp(y, out.data() + t * SVDF_C_OUTPUT_BYTES, SVDF_C_OUTPUT_BYTES) == 0);
  }
  CHECK(svdf_c_invoke(x, y, arena, nullptr) == -1);
}

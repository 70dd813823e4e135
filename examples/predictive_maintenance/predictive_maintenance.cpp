// Predictive maintenance on the host: vibration frames -> ctml::dsp features -> GRU classifier
// (healthy / imbalance / bearing fault) run in streaming mode, one frame per invoke, float and int8.
//
//   predictive_maintenance <recordings.bin> [--min-accuracy A]   held-out accuracy, RAM, flash
//   predictive_maintenance --bench <float|int8|features> <frames> for instruction counts (callgrind)
// A: a number from 0 to 1. frames: a whole number from 1 to 1,000,000 (README.md's counts use 20 and
// 220; a million frames take seconds natively, minutes under callgrind; more is a typo).
// Bad arguments: one line on stderr, exit status 2.
//
// recordings.bin comes from make_test_data.py; the models from train.py through tools/onnx.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include <ctml/graph/budget.hpp>
#include <ctml/graph/pipeline.hpp>

#include "model/vibration_model_float.hpp"
#include "model/vibration_model_int8.hpp"
#include "vibration_features.hpp"

namespace {

using vibration::features;
using vibration::frame_size;
constexpr int classes = 3;
constexpr int warm_up_frames = 3;  // per-frame accuracy counts frames after these (train.py's WARM)
const char* const class_names[classes] = {"healthy", "imbalance", "bearing_fault"};

// The model's memory bill, fixed at compile time.
static_assert(vibration_model_float::input_shape::size == features);
static_assert(vibration_model_int8::output_shape::size == classes);
static_assert(ctml::fits<vibration_model_int8, ctml::budget{.ram = 1024, .flash = 8 * 1024}>);
static_assert(ctml::fits<vibration_model_float, ctml::budget{.ram = 1024, .flash = 16 * 1024}>);

// Features and the streaming float GRU as one type: one budget covers the high-pass and its filtered
// frame, the periodogram's tables and buffers, the model's weights, arena and GRU state
// (docs/memory.md, "Pipelines").
struct vibration_pipeline final : ctml::pipeline<vibration::feature_extractor, vibration_model_float> {};
static_assert(vibration_pipeline::state_bytes ==
              vibration::feature_extractor::state_bytes + vibration_model_float::state_bytes);
static_assert(vibration_pipeline::flash_bytes ==
              vibration::feature_extractor::flash_bytes + vibration_model_float::weight_bytes);
static_assert(ctml::fits<vibration_pipeline, ctml::budget{.ram = 5 * 1024, .flash = 20 * 1024}>);

/// One streaming classifier: state kept between frames.
template <class Model>
struct classifier {
  ctml::arena<Model> arena;
  ctml::state<Model> state;
  void reset() { state.reset(); }
  int step(std::span<const float, features> f) {
    auto in = arena.input();
    if constexpr (std::is_same_v<typename Model::input_type, float>) {
      std::copy(f.begin(), f.end(), in.begin());
    } else {
      constexpr auto q = Model::input_spec::quant;
      for (std::size_t i = 0; i < features; ++i) {  // r = s (q - z); NaN was rejected before
        const float v = std::round(f[i] / q.scale) + static_cast<float>(q.zero_point);
        in[i] = static_cast<std::int8_t>(std::clamp(v, -128.0f, 127.0f));
      }
    }
    Model::invoke(arena, state);
    const auto out = arena.output();
    return static_cast<int>(std::max_element(out.begin(), out.end()) - out.begin());
  }
};

struct dataset {
  int count = 0, frames = 0, frame = 0;
  std::vector<std::int32_t> labels;
  std::vector<float> samples;
};

/// Parses all of `text` as a number in [lo, hi] (decimal; whole if T is an integer). Unlike
/// atoi/atof: no leading space or '+', nothing after the number, no overflow, no NaN.
template <class T>
bool parse_number(const char* text, T lo, T hi, T& value) {
  const char* const end = text + std::strlen(text);
  const auto [stop, ec] = std::from_chars(text, end, value);
  return ec == std::errc{} && stop == end && value >= lo && value <= hi;
}

bool fail(const std::string& msg) {
  std::fprintf(stderr, "predictive_maintenance: error: %s\n", msg.c_str());
  return false;
}

bool load(const char* path, dataset& d) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return fail(std::string("cannot open ") + path);
  std::int32_t head[3];
  bool ok = std::fread(head, sizeof head, 1, f) == 1;
  if (ok) {
    d.count = head[0], d.frames = head[1], d.frame = head[2];
    ok = d.count > 0 && d.count <= 100000 && d.frames > 0 && d.frames <= 10000 && d.frame == int(frame_size);
    if (!ok)
      fail(std::string(path) + ": bad header (count, frames, frame size " + std::to_string(frame_size) + ")");
  } else {
    fail(std::string(path) + ": truncated header");
  }
  if (ok) {
    d.labels.resize(std::size_t(d.count));
    d.samples.resize(std::size_t(d.count) * std::size_t(d.frames) * frame_size);
    ok = std::fread(d.labels.data(), 4, d.labels.size(), f) == d.labels.size() &&
         std::fread(d.samples.data(), 4, d.samples.size(), f) == d.samples.size();
    if (!ok) fail(std::string(path) + ": truncated data");
  }
  std::fclose(f);
  if (ok &&
      !std::all_of(d.labels.begin(), d.labels.end(), [](std::int32_t l) { return l >= 0 && l < classes; }))
    ok = fail(std::string(path) + ": a label is not 0, 1 or 2");
  if (ok && !std::all_of(d.samples.begin(), d.samples.end(), [](float v) { return std::isfinite(v); }))
    ok = fail(std::string(path) + ": non-finite samples");
  return ok;
}

// numpy's features of the same recordings (<bin>.features.npy, float32 [count][frames][features]).
std::vector<float> load_npy_features(const std::string& path, std::size_t expected) {
  std::vector<float> v;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return v;
  unsigned char pre[10];
  if (std::fread(pre, 1, 10, f) == 10 && std::memcmp(pre, "\x93NUMPY", 6) == 0) {
    const std::size_t header = pre[8] | (std::size_t(pre[9]) << 8);
    v.resize(expected);
    if (std::fseek(f, long(10 + header), SEEK_SET) != 0 || std::fread(v.data(), 4, expected, f) != expected)
      v.clear();
  }
  std::fclose(f);
  return v;
}

int bench(const char* kind, int frames) {
  if (std::strcmp(kind, "features") && std::strcmp(kind, "float") && std::strcmp(kind, "int8")) {
    std::fprintf(stderr, "predictive_maintenance: error: --bench takes float, int8 or features, got '%s'\n",
                 kind);
    return 2;
  }
  // Deterministic frames; callgrind counts are divided by the frame count difference of two runs.
  static vibration::feature_extractor fx;
  static classifier<vibration_model_float> cf;
  static classifier<vibration_model_int8> ci;
  std::array<float, frame_size> x{};
  std::array<float, features> f{};
  fx(x, f);
  for (std::size_t n = 0; n < frame_size; ++n) x[n] = std::sin(0.1f * float(n)) + 0.01f * float(n % 7);
  int sink = 0;
  for (int t = 0; t < frames; ++t) {
    if (!std::strcmp(kind, "features")) {
      x[0] = 0.001f * float(t);
      fx(x, f);
      sink += int(f[0] * 100);
    } else {
      for (std::size_t k = 0; k < features; ++k) f[k] = 0.1f * float((t + int(k)) % 7) - 0.3f;
      sink += !std::strcmp(kind, "float") ? cf.step(f) : ci.step(f);
    }
  }
  std::printf("%d\n", sink);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && !std::strcmp(argv[1], "--bench")) {
    int frames = 0;
    if (!parse_number(argv[3], 1, 1'000'000, frames)) {
      std::fprintf(stderr, "predictive_maintenance: error: --bench takes 1 to 1000000 frames, got '%s'\n",
                   argv[3]);
      return 2;
    }
    return bench(argv[2], frames);
  }
  double min_accuracy = 0;
  if (argc == 4 && !std::strcmp(argv[2], "--min-accuracy")) {
    if (!parse_number(argv[3], 0.0, 1.0, min_accuracy)) {
      std::fprintf(stderr,
                   "predictive_maintenance: error: --min-accuracy takes a number from 0 to 1, got '%s'\n",
                   argv[3]);
      return 2;
    }
  } else if (argc != 2) {
    std::fprintf(stderr,
                 "usage: predictive_maintenance <recordings.bin> [--min-accuracy A]\n"
                 "       predictive_maintenance --bench <float|int8|features> <frames>\n");
    return 2;
  }
  static dataset d;
  if (!load(argv[1], d)) return 2;
  const std::vector<float> numpy_features = load_npy_features(
      std::string(argv[1]) + ".features.npy", std::size_t(d.count) * std::size_t(d.frames) * features);

  static vibration::feature_extractor fx;
  static classifier<vibration_model_float> cf;
  static classifier<vibration_model_int8> ci;
  static vibration_pipeline pipeline;  // the same float path, as one type
  int pipeline_disagrees = 0;
  int right_f = 0, right_i = 0, frames_right_f = 0, frames_right_i = 0, frames_counted = 0, agree = 0;
  int confusion[classes][classes] = {};
  double feature_diff = 0;
  std::array<float, features> f{};
  for (int r = 0; r < d.count; ++r) {
    fx.reset();
    cf.reset();
    ci.reset();
    pipeline.reset();
    int pf = 0, pi = 0;
    for (int t = 0; t < d.frames; ++t) {
      const float* x =
          d.samples.data() + (std::size_t(r) * std::size_t(d.frames) + std::size_t(t)) * frame_size;
      fx(std::span<const float, frame_size>(x, frame_size), f);
      if (!numpy_features.empty())
        for (std::size_t k = 0; k < features; ++k)
          feature_diff = std::max(
              feature_diff,
              double(std::fabs(
                  f[k] -
                  numpy_features[(std::size_t(r) * std::size_t(d.frames) + std::size_t(t)) * features + k])));
      pf = cf.step(f);
      pi = ci.step(f);
      const auto scores = pipeline.run(std::span<const float, frame_size>(x, frame_size));
      pipeline_disagrees +=
          pf != static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
      if (t >= warm_up_frames) {
        ++frames_counted;
        frames_right_f += pf == d.labels[std::size_t(r)];
        frames_right_i += pi == d.labels[std::size_t(r)];
      }
    }
    right_f += pf == d.labels[std::size_t(r)];
    right_i += pi == d.labels[std::size_t(r)];
    agree += pf == pi;
    ++confusion[d.labels[std::size_t(r)]][pi];
  }
  const double acc_f = double(right_f) / d.count, acc_i = double(right_i) / d.count;
  std::printf("held-out recordings: %d x %d frames of %zu samples\n", d.count, d.frames, frame_size);
  if (!numpy_features.empty())
    std::printf("ctml::dsp features vs numpy: max |difference| %.3g\n", feature_diff);
  std::printf("accuracy at the last frame:   float %.4f   int8 %.4f   (float/int8 agree on %d of %d)\n",
              acc_f, acc_i, agree, d.count);
  std::printf("accuracy at every frame >= %d: float %.4f   int8 %.4f\n", warm_up_frames,
              double(frames_right_f) / frames_counted, double(frames_right_i) / frames_counted);
  std::printf("int8 confusion (rows: truth, columns: predicted):\n");
  for (int a = 0; a < classes; ++a)
    std::printf("  %-14s %4d %4d %4d\n", class_names[a], confusion[a][0], confusion[a][1], confusion[a][2]);
  std::printf("float model: RAM %zu bytes (arena %zu + GRU state %zu), flash %zu bytes, %zu MACs per frame\n",
              vibration_model_float::ram_bytes, vibration_model_float::arena_bytes,
              vibration_model_float::state_bytes, vibration_model_float::weight_bytes,
              vibration_model_float::macs);
  std::printf("int8 model:  RAM %zu bytes (arena %zu + GRU state %zu), flash %zu bytes, %zu MACs per frame\n",
              vibration_model_int8::ram_bytes, vibration_model_int8::arena_bytes,
              vibration_model_int8::state_bytes, vibration_model_int8::weight_bytes,
              vibration_model_int8::macs);
  std::printf("feature extractor: %zu bytes of RAM\n", sizeof(vibration::feature_extractor));
  std::printf("pipeline features -> float GRU: RAM %zu bytes (state %zu), flash %zu bytes\n",
              vibration_pipeline::ram_bytes, vibration_pipeline::state_bytes,
              vibration_pipeline::flash_bytes);
  if (pipeline_disagrees != 0) {
    std::fprintf(stderr,
                 "predictive_maintenance: error: the pipeline disagrees with features + model on %d frames\n",
                 pipeline_disagrees);
    return 1;
  }
  if (std::min(acc_f, acc_i) < min_accuracy) {
    std::fprintf(stderr, "predictive_maintenance: error: accuracy below %.3f\n", min_accuracy);
    return 1;
  }
  return 0;
}

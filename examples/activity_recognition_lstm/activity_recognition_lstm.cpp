// Activity recognition on the host: 3-axis accelerometer frames -> ctml::dsp features -> LSTM
// classifier (still / walking / running / cycling) run in streaming mode, one frame per invoke with
// the LSTM's h and c in ctml::state<>, float and int8.
//
//   activity_recognition_lstm <recordings.bin> [--min-accuracy A]
// A: a number from 0 to 1. Checks (exit status 1 when one fails): the float model gives numpy's class
// at every frame of numpy's features (<bin>.classes.npy, <bin>.features.npy, when present); on
// ctml::dsp's features the per-frame accuracy of both models is at least A and int8's is within
// 3 points of float's. Bad arguments or input (a file that is not recordings, non-finite samples or
// features): one line on stderr, exit status 2.
//
// recordings.bin comes from make_test_data.py; the models from train.py through tools/onnx.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include <ctml/graph/budget.hpp>

#include "activity_features.hpp"
#include "model/activity_model_float.hpp"
#include "model/activity_model_int8.hpp"

namespace {

using activity::features;
using activity::frame_size;
constexpr int classes = 4;
constexpr int warm_up_frames = 2;  // per-frame accuracy counts frames after these (train.py's WARM)
constexpr double int8_margin = 0.03;
const char* const class_names[classes] = {"still", "walking", "running", "cycling"};

// The models' memory bill, fixed at compile time.
static_assert(activity_model_float::input_shape::size == features);
static_assert(activity_model_int8::output_shape::size == classes);
static_assert(ctml::fits<activity_model_int8, ctml::budget{.ram = 512, .flash = 4 * 1024}>);
static_assert(ctml::fits<activity_model_float, ctml::budget{.ram = 1024, .flash = 8 * 1024}>);

/// One streaming classifier: h and c kept between frames.
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
      for (std::size_t i = 0; i < features; ++i) {  // r = s (q - z); non-finite features were rejected
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
  int count = 0, frames = 0;
  std::vector<std::int32_t> labels;       // [count][frames]
  std::vector<activity::sample> samples;  // [count][frames * frame_size]
};

/// Parses all of `text` as a number in [lo, hi]: no leading space or '+', nothing after it, no NaN.
bool parse_number(const char* text, double lo, double hi, double& value) {
  const char* const end = text + std::strlen(text);
  const auto [stop, ec] = std::from_chars(text, end, value);
  return ec == std::errc{} && stop == end && value >= lo && value <= hi;
}

bool fail(const std::string& msg) {
  std::fprintf(stderr, "activity_recognition_lstm: error: %s\n", msg.c_str());
  return false;
}

bool load(const char* path, dataset& d) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return fail(std::string("cannot open ") + path);
  std::int32_t head[4];
  bool ok = std::fread(head, sizeof head, 1, f) == 1;
  if (ok) {
    d.count = head[0], d.frames = head[1];
    ok = d.count > 0 && d.count <= 100000 && d.frames > 0 && d.frames <= 10000 &&
         head[2] == int(frame_size) && head[3] == 3;
    if (!ok)
      fail(std::string(path) + ": bad header (count, frames, frame size " + std::to_string(frame_size) +
           ", 3 axes)");
  } else {
    fail(std::string(path) + ": truncated header");
  }
  if (ok) {
    d.labels.resize(std::size_t(d.count) * std::size_t(d.frames));
    d.samples.resize(std::size_t(d.count) * std::size_t(d.frames) * frame_size);
    ok = std::fread(d.labels.data(), 4, d.labels.size(), f) == d.labels.size() &&
         std::fread(d.samples.data(), sizeof(activity::sample), d.samples.size(), f) == d.samples.size();
    if (!ok) fail(std::string(path) + ": truncated data");
  }
  std::fclose(f);
  if (ok &&
      !std::all_of(d.labels.begin(), d.labels.end(), [](std::int32_t l) { return l >= 0 && l < classes; }))
    ok = fail(std::string(path) + ": a label is not 0, 1, 2 or 3");
  if (ok && !std::all_of(d.samples.begin(), d.samples.end(), [](const activity::sample& s) {
        return std::isfinite(s[0]) && std::isfinite(s[1]) && std::isfinite(s[2]);
      }))
    ok = fail(std::string(path) + ": non-finite samples");
  return ok;
}

/// The data of a little-endian .npy file of `expected` 4-byte elements (numpy's float32 or int32);
/// empty if the file is missing or holds another count.
template <class T>
std::vector<T> load_npy(const std::string& path, std::size_t expected) {
  static_assert(sizeof(T) == 4);
  std::vector<T> v;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return v;
  unsigned char pre[10];
  if (std::fread(pre, 1, 10, f) == 10 && std::memcmp(pre, "\x93NUMPY", 6) == 0) {
    const std::size_t header = pre[8] | (std::size_t(pre[9]) << 8);
    v.resize(expected);
    if (std::fseek(f, long(10 + header), SEEK_SET) != 0 || std::fread(v.data(), 4, expected, f) != expected ||
        std::fgetc(f) != EOF)
      v.clear();
  }
  std::fclose(f);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  double min_accuracy = 0;
  if (argc == 4 && !std::strcmp(argv[2], "--min-accuracy")) {
    if (!parse_number(argv[3], 0.0, 1.0, min_accuracy)) {
      std::fprintf(stderr,
                   "activity_recognition_lstm: error: --min-accuracy takes a number from 0 to 1, got '%s'\n",
                   argv[3]);
      return 2;
    }
  } else if (argc != 2) {
    std::fprintf(stderr, "usage: activity_recognition_lstm <recordings.bin> [--min-accuracy A]\n");
    return 2;
  }
  static dataset d;
  if (!load(argv[1], d)) return 2;
  const std::size_t n_frames = std::size_t(d.count) * std::size_t(d.frames);
  const auto numpy_features = load_npy<float>(std::string(argv[1]) + ".features.npy", n_frames * features);
  const auto numpy_classes = load_npy<std::int32_t>(std::string(argv[1]) + ".classes.npy", n_frames);

  static activity::feature_extractor fx;
  static classifier<activity_model_float> cf, cn;  // cn: on numpy's features
  static classifier<activity_model_int8> ci;
  int frames_counted = 0, right_f = 0, right_i = 0, agree = 0, float_is_numpy = 0;
  int confusion[classes][classes] = {};
  double feature_diff = 0;
  std::array<float, features> f{};
  for (int r = 0; r < d.count; ++r) {
    fx.reset();
    cf.reset();
    ci.reset();
    cn.reset();
    for (int t = 0; t < d.frames; ++t) {
      const std::size_t frame = std::size_t(r) * std::size_t(d.frames) + std::size_t(t);
      fx(std::span<const activity::sample, frame_size>(d.samples.data() + frame * frame_size, frame_size), f);
      if (!std::all_of(f.begin(), f.end(), [](float v) { return std::isfinite(v); })) {
        fail(std::string(argv[1]) + ": recording " + std::to_string(r) + ", frame " + std::to_string(t) +
             ": non-finite features (samples out of range)");
        return 2;
      }
      if (!numpy_features.empty()) {
        const std::span<const float, features> nf(numpy_features.data() + frame * features, features);
        for (std::size_t k = 0; k < features; ++k)
          feature_diff = std::max(feature_diff, double(std::fabs(f[k] - nf[k])));
        if (!numpy_classes.empty()) float_is_numpy += cn.step(nf) == numpy_classes[frame];
      }
      const int pf = cf.step(f), pi = ci.step(f), truth = d.labels[frame];
      agree += pf == pi;
      if (t >= warm_up_frames) {
        ++frames_counted;
        right_f += pf == truth;
        right_i += pi == truth;
        ++confusion[truth][pi];
      }
    }
  }
  const double acc_f = double(right_f) / frames_counted, acc_i = double(right_i) / frames_counted;
  std::printf("held-out recordings: %d x %d frames of %zu samples (3 axes, %g Hz)\n", d.count, d.frames,
              frame_size, activity::sample_rate.value);
  if (!numpy_features.empty())
    std::printf("ctml::dsp features vs numpy: max |difference| %.3g\n", feature_diff);
  if (!numpy_classes.empty())
    std::printf("float model on numpy's features = numpy's class on %d of %zu frames\n", float_is_numpy,
                n_frames);
  std::printf(
      "accuracy at every frame >= %d: float %.4f   int8 %.4f   (float/int8 agree on %d of %zu frames)\n",
      warm_up_frames, acc_f, acc_i, agree, n_frames);
  std::printf("int8 confusion (frames; rows: truth, columns: predicted):\n");
  for (int a = 0; a < classes; ++a)
    std::printf("  %-8s %5d %5d %5d %5d\n", class_names[a], confusion[a][0], confusion[a][1], confusion[a][2],
                confusion[a][3]);
  std::printf(
      "float model: RAM %zu bytes (arena %zu + LSTM state %zu), flash %zu bytes, %zu MACs per frame\n",
      activity_model_float::ram_bytes, activity_model_float::arena_bytes, activity_model_float::state_bytes,
      activity_model_float::weight_bytes, activity_model_float::macs);
  std::printf(
      "int8 model:  RAM %zu bytes (arena %zu + LSTM state %zu), flash %zu bytes, %zu MACs per frame\n",
      activity_model_int8::ram_bytes, activity_model_int8::arena_bytes, activity_model_int8::state_bytes,
      activity_model_int8::weight_bytes, activity_model_int8::macs);
  std::printf("feature extractor: RAM %zu bytes, flash %zu bytes\n", sizeof(activity::feature_extractor),
              activity::feature_extractor::flash_bytes);
  bool ok = true;
  if (!numpy_classes.empty() && std::size_t(float_is_numpy) != n_frames)
    ok = fail("the float model differs from numpy's class on " +
              std::to_string(n_frames - std::size_t(float_is_numpy)) + " frames");
  if (!numpy_features.empty() && feature_diff > 1e-3)
    ok = fail("ctml::dsp's features differ from numpy's by " + std::to_string(feature_diff));
  if (std::min(acc_f, acc_i) < min_accuracy) ok = fail("accuracy below " + std::to_string(min_accuracy));
  if (acc_i < acc_f - int8_margin) ok = fail("int8 accuracy more than 3 points below float's");
  return ok ? 0 : 1;
}

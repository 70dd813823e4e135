// The activity LSTM on emulated Cortex-M4 (no file system): 24 held-out recordings' features
// streamed one frame per invoke, and the ctml::dsp features of two of them from their raw samples.
// Checks: the ctml::dsp features within 1e-4 of numpy's; the float model gives numpy's class at
// every frame; the int8 model agrees with float on at least 95 % of the frames and its per-frame
// accuracy is within 3 points of float's; both at least 90 %. Prints instructions per frame
// (QEMU -icount) for the features, the float model and the int8 model (input quantization included).
// Data: model/target_data.hpp (make_target_data.py, numpy). Exit status 1 when a check fails.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

#include "activity_features.hpp"
#include "model/activity_model_float.hpp"
#include "model/activity_model_int8.hpp"
#include "model/target_data.hpp"

namespace {

constexpr int warm_up_frames = 2;  // train.py's WARM
using activity::features;
using activity::frame_size;
static_assert(target_data::n_features == features && target_data::frame_size == frame_size);

template <class Model>
int step(ctml::arena<Model>& a, ctml::state<Model>& s, std::span<const float, features> f,
         std::uint64_t& count) {
  ctml_cm_counter_begin();
  auto in = a.input();
  for (std::size_t i = 0; i < features; ++i) {
    if constexpr (std::is_same_v<typename Model::input_type, float>) {
      in[i] = f[i];
    } else {
      constexpr auto q = Model::input_spec::quant;  // r = s (q - z)
      const float v = std::round(f[i] / q.scale) + static_cast<float>(q.zero_point);
      in[i] = static_cast<std::int8_t>(std::clamp(v, -128.0f, 127.0f));
    }
  }
  Model::invoke(a, s);
  count += ctml_cm_counter_end();
  const auto out = a.output();
  return static_cast<int>(std::max_element(out.begin(), out.end()) - out.begin());
}

void print_result(const char* what, std::uint64_t value, const char* unit) {
  ctml_cm_print(what);
  ctml_cm_print_u64(value);
  ctml_cm_print(unit);
}

}  // namespace

int main() {
  if (!ctml_cm_counter_valid()) {
    ctml_cm_print_error("instruction counter not valid (QEMU without -icount?)\n");
    return 1;
  }
  constexpr int n = target_data::recordings, frames = target_data::frames;

  // Features from raw samples, against numpy's.
  static activity::feature_extractor fx;
  std::array<activity::sample, frame_size> frame{};
  std::array<float, features> f{};
  float feature_diff = 0;
  std::uint64_t feature_count = 0;
  for (int r = 0; r < target_data::raw_recordings; ++r) {
    fx.reset();
    for (int t = 0; t < frames; ++t) {
      const std::size_t base = (std::size_t(r) * frames + std::size_t(t)) * frame_size * 3;
      for (std::size_t i = 0; i < frame_size; ++i)
        for (std::size_t k = 0; k < 3; ++k) frame[i][k] = target_data::raw[base + 3 * i + k];
      ctml_cm_counter_begin();
      fx(frame, f);
      feature_count += ctml_cm_counter_end();
      for (std::size_t k = 0; k < features; ++k)
        feature_diff = std::max(
            feature_diff,
            std::fabs(f[k] -
                      target_data::features[(std::size_t(r) * frames + std::size_t(t)) * features + k]));
    }
  }

  // Both models on numpy's features, streaming.
  static ctml::arena<activity_model_float> af;
  static ctml::state<activity_model_float> sf;
  static ctml::arena<activity_model_int8> ai;
  static ctml::state<activity_model_int8> si;
  int float_is_numpy = 0, int8_is_float = 0, right_f = 0, right_i = 0, counted = 0;
  std::uint64_t float_count = 0, int8_count = 0;
  for (int r = 0; r < n; ++r) {
    sf.reset();
    si.reset();
    for (int t = 0; t < frames; ++t) {
      const std::size_t i = std::size_t(r) * frames + std::size_t(t);
      const std::span<const float, features> x(target_data::features.data() + i * features, features);
      const int pf = step(af, sf, x, float_count), pi = step(ai, si, x, int8_count);
      float_is_numpy += pf == target_data::numpy_classes[i];
      int8_is_float += pi == pf;
      if (t >= warm_up_frames) {
        ++counted;
        right_f += pf == target_data::labels[i];
        right_i += pi == target_data::labels[i];
      }
    }
  }

  const std::uint64_t raw_frames = std::uint64_t(target_data::raw_recordings) * frames,
                      all = std::uint64_t(n) * frames;
  print_result("features (ctml::dsp, 64 x 3 samples): ", feature_count / raw_frames, " instructions/frame, ");
  print_result("max |difference| to numpy x 1e9: ", std::uint64_t(double(feature_diff) * 1e9), ", ");
  print_result("RAM ", sizeof(activity::feature_extractor), " bytes, ");
  print_result("flash ", activity::feature_extractor::flash_bytes, " bytes\n");
  print_result("float model (lstm 16 x 8 + dense 4): ", float_count / all, " instructions/frame, ");
  print_result("RAM ", activity_model_float::ram_bytes, " bytes, ");
  print_result("flash ", activity_model_float::weight_bytes, " bytes\n");
  print_result("int8 model (quantize, lstm 16 x 8, dense 4): ", int8_count / all, " instructions/frame, ");
  print_result("RAM ", activity_model_int8::ram_bytes, " bytes, ");
  print_result("flash ", activity_model_int8::weight_bytes, " bytes\n");
  print_result("float = numpy on ", std::uint64_t(float_is_numpy), " of ");
  print_result("", all, " frames; ");
  print_result("int8 = float on ", std::uint64_t(int8_is_float), " frames\n");
  print_result("frames right (of ", std::uint64_t(counted), " from frame 2 on): ");
  print_result("float ", std::uint64_t(right_f), ", ");
  print_result("int8 ", std::uint64_t(right_i), "\n");

  bool ok = true;
  if (feature_diff > 1e-4f) ok = (ctml_cm_print_error("features differ from numpy's\n"), false);
  if (std::uint64_t(float_is_numpy) != all) ok = (ctml_cm_print_error("float differs from numpy\n"), false);
  if (std::uint64_t(int8_is_float) * 100 < 95 * all)
    ok = (ctml_cm_print_error("int8 disagrees with float\n"), false);
  if (right_f * 10 < 9 * counted || right_i * 10 < 9 * counted)
    ok = (ctml_cm_print_error("accuracy below 90 %\n"), false);
  if ((right_f - right_i) * 100 > 3 * counted)
    ok = (ctml_cm_print_error("int8 more than 3 points below float\n"), false);
  return ok ? 0 : 1;
}

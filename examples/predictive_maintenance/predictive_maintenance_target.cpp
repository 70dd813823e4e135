// The predictive-maintenance models without a file system (host and emulated Cortex-M): 30 held-out
// recordings' features, streamed one frame per invoke. The float model must give numpy's class at
// every frame; the int8 model must agree with it on at least 95 % of the frames (observed: 700 of
// 720); both must classify at least 80 % of the recordings right at the last frame. Data:
// model/target_data.hpp (make_target_data.py, numpy).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <algorithm>
#include <cmath>
#include <cstdint>

#include <doctest/doctest.h>

#include "model/target_data.hpp"
#include "model/vibration_model_float.hpp"
#include "model/vibration_model_int8.hpp"

namespace {
template <class Model>
int step(ctml::arena<Model>& a, ctml::state<Model>& s, const float* f) {
  auto in = a.input();
  for (int i = 0; i < target_data::n_features; ++i) {
    if constexpr (std::is_same_v<typename Model::input_type, float>) {
      in[static_cast<std::size_t>(i)] = f[i];
    } else {
      constexpr auto q = Model::input_spec::quant;  // r = s (q - z)
      const float v = std::round(f[i] / q.scale) + static_cast<float>(q.zero_point);
      in[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(std::clamp(v, -128.0f, 127.0f));
    }
  }
  Model::invoke(a, s);
  const auto out = a.output();
  return static_cast<int>(std::max_element(out.begin(), out.end()) - out.begin());
}
}  // namespace

TEST_CASE("predictive maintenance: float matches numpy at every frame, int8 agrees, accuracy holds") {
  static ctml::arena<vibration_model_float> af;
  static ctml::state<vibration_model_float> sf;
  static ctml::arena<vibration_model_int8> ai;
  static ctml::state<vibration_model_int8> si;
  int float_vs_numpy = 0, int8_vs_float = 0, right_f = 0, right_i = 0;
  constexpr int n = target_data::recordings, frames = target_data::frames;
  for (int r = 0; r < n; ++r) {
    sf.reset();
    si.reset();
    int pf = 0, pi = 0;
    for (int t = 0; t < frames; ++t) {
      const float* f = target_data::features.data() + (r * frames + t) * target_data::n_features;
      pf = step(af, sf, f);
      pi = step(ai, si, f);
      float_vs_numpy += pf == target_data::numpy_classes[static_cast<std::size_t>(r * frames + t)];
      int8_vs_float += pi == pf;
    }
    right_f += pf == target_data::labels[static_cast<std::size_t>(r)];
    right_i += pi == target_data::labels[static_cast<std::size_t>(r)];
  }
  MESSAGE("float = numpy on " << float_vs_numpy << " of " << n * frames << " frames; int8 = float on "
                              << int8_vs_float << "; accuracy float " << right_f << "/" << n << ", int8 "
                              << right_i << "/" << n);
  CHECK(float_vs_numpy == n * frames);
  CHECK(int8_vs_float * 100 >= 95 * n * frames);
  CHECK(right_f * 100 >= 80 * n);
  CHECK(right_i * 100 >= 80 * n);
}

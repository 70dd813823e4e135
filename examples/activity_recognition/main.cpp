// Activity recognition with a random forest fitted in scikit-learn (make_model.py) and exported to
// activity_forest.hpp: raw accelerometer windows -> gravity removed by a Butterworth high-pass
// (ctml::dsp) -> features -> class, probabilities.
#include <cmath>
#include <cstdio>

#include <ctml/graph/pipeline.hpp>

#include "activity_forest.hpp"
#include "features.hpp"
#include "windows.hpp"

// The budget check a firmware project keeps next to its model.
static_assert(activity_forest::flash_bytes <= 1024, "activity_forest no longer fits its 1 KiB budget");

// Features and forest as one type: the 336-byte node table in flash; in RAM only the 8-float feature
// vector the pipeline hands from the front end to the forest.
struct activity_pipeline final : ctml::pipeline<activity_features<100>, activity_forest> {};
static_assert(activity_pipeline::flash_bytes == 336 && activity_pipeline::ram_bytes == 8 * sizeof(float));
static_assert(ctml::fits<activity_pipeline, ctml::budget{.ram = 32, .flash = 1024}>);

int main() {
  int wrong = 0;
  double feature_error = 0;
  for (std::size_t i = 0; i < std::size(demo_windows); ++i) {
    const std::array<float, 8> x = window_features<100>(demo_windows[i]);
    // float32 filters against scipy's float64 sosfilt. A comparison, not std::fmax: GCC 12.2 for
    // AArch64 ICEs vectorising this fmax reduction (aarch64-linux preset).
    for (std::size_t k = 0; k < 8; ++k) {
      const double difference = std::fabs(double{x[k]} - demo_features[i][k]);
      if (difference > feature_error) feature_error = difference;
    }
    if (activity_forest::validate(x) != ctml::trees::input_status::ok) {
      std::printf("window %zu: invalid features (NaN)\n", i);
      return 2;
    }
    const std::size_t cls = activity_forest::predict(x);
    static activity_pipeline pipeline;
    if (pipeline.run(demo_windows[i]) != cls) {
      std::printf("window %zu: the pipeline disagrees with features + predict\n", i);
      return 3;
    }
    const auto p = activity_forest::predict_proba(x);
    std::printf("window %zu: %-8s p = %.2f (scikit-learn: %s)\n", i, activity_names[cls], double{p[cls]},
                activity_names[demo_expected[i]]);
    wrong += static_cast<int>(cls) != demo_expected[i];
  }
  std::printf("model: %zu trees, %zu split nodes, %zu bytes of tables\n", activity_forest::num_trees,
              activity_forest::num_nodes, activity_forest::flash_bytes);
  std::printf("features vs scipy/numpy: max |difference| %.3g\n", feature_error);
  if (feature_error > 1e-5) return 4;  // features are O(0.1..2); float32 filtering gives about 1e-7
  return wrong == 0 ? 0 : 1;
}

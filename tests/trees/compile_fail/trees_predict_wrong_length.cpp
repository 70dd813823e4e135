// A feature vector whose length differs from the model's num_features is a compile error that names the
// API. EXPECT line: the message of the static_assert in ctml/trees/ensemble.hpp.
// EXPECT: ctml::trees::predict\(x\): x must hold exactly num_features features
#include "../generated/iris_rf.hpp"

#ifdef CTML_COMPILE_FAIL_OK
constexpr float features[4] = {5.1f, 3.5f, 1.4f, 0.2f};
#else
constexpr float features[3] = {5.1f, 3.5f, 1.4f};  // iris has 4 features
#endif

std::size_t classify() {
  return iris_rf::predict(features);
}

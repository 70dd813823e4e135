// A std::span of the wrong static extent does not convert to the model's input type.
// EXPECT: no matching function for call to|no viable conversion|could not convert
#include <span>

#include "../generated/iris_rf.hpp"

float features[8] = {5.1f, 3.5f, 1.4f, 0.2f};

#ifdef CTML_COMPILE_FAIL_OK
std::size_t classify() {
  return iris_rf::predict(std::span<const float, 4>(features, 4));
}
#else
std::size_t classify() {
  return iris_rf::predict(std::span<const float, 5>(features, 5));
}
#endif

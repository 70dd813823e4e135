#pragma once
// Around examples/activity_recognition's exported forest: a window of accelerometer samples, the
// feature function and the fault handler a firmware would provide.
#include <array>

#include "activity_forest.hpp"

struct sensor_window {
  std::array<float, 128> x, y, z;
};
std::array<float, activity_forest::num_features> window_features(const sensor_window& window);
int sensor_fault();

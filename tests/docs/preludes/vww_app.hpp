#pragma once
// The model docs/memory.md's "Patch-based execution" schedules: `vww` (MLPerf Tiny MobileNetV1 0.25,
// imported from its .tflite at build time).
#include <ctml/ctml.hpp>

#include "vww.hpp"

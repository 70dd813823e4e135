// micro_speech: TensorFlow Lite Micro's yes/no keyword model on ctml, for an Arm board such as the
// Arduino Nano 33 BLE Sense (Cortex-M4F). ctml-import turned micro_speech_quantized.tflite into
// micro_speech_model.h; the features in yes_features.h are what TFLM's audio front end computes
// for its yes_1000ms.wav test clip (49 windows x 40 channels, int8). Replace them with features
// from the microphone (PDM library + your front end) to spot keywords live.
// The board's core must compile C++20 (GCC 12 or later, -std=gnu++20): docs/integration.md.
#include <ctml.h>

#include "micro_speech_model.h"
#include "yes_features.h"

static ctml::arena<micro_speech> arena;  // the model's RAM, sized and planned at compile time
static const char* const labels[] = {"silence", "unknown", "yes", "no"};

void setup() {
  Serial.begin(115200);
}

void loop() {
  for (unsigned i = 0; i < sizeof yes_features; ++i) arena.input()[i] = yes_features[i];
  micro_speech::invoke(arena);
  unsigned best = 0;
  for (unsigned i = 1; i < 4; ++i)
    if (arena.output()[i] > arena.output()[best]) best = i;
  Serial.print("heard: ");
  Serial.println(labels[best]);
  Serial.print("score: ");
  Serial.println(static_cast<int>(arena.output()[best]));
  delay(1000);
}

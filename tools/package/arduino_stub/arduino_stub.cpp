// STUB - NOT THE ARDUINO CORE: runs a sketch's setup() and one loop(), then returns (exit 0).
#include "Arduino.h"

int main() {
  setup();
  loop();
  return 0;
}

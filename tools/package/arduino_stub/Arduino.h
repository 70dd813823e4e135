// STUB - NOT THE ARDUINO CORE. The few Arduino core functions ctml's example sketch uses, so the
// package test (tests/package) can compile the sketch as C++ with arm-none-eabi-g++ for a
// Cortex-M4 and run it under QEMU. Output goes to semihosting via printf; main() (arduino_stub.cpp)
// calls setup() and loop() once.
#pragma once
#include <cstdint>
#include <cstdio>

struct stub_serial {
  void begin(unsigned long) {}
  void print(const char* s) { std::printf("%s", s); }
  void print(int v) { std::printf("%d", v); }
  void println(const char* s) { std::printf("%s\n", s); }
  void println(int v) { std::printf("%d\n", v); }
};
inline stub_serial Serial;
inline void delay(unsigned long) {}

void setup();
void loop();

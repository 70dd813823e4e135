// A C++ firmware-style program on the model ctml_add_model() imported: TFLite Micro's hello_world
// (int8), every golden case, outputs compared byte for byte with TFLM's.
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "hello_world_goldens.h"
#include "hello_world_int8.hpp"

using namespace ctml::literals;
static_assert(ctml::fits<hello_world_int8, ctml::budget{.ram = 1_KiB, .flash = 4_KiB}>);
static_assert(GOLDEN_INPUT_BYTES == hello_world_int8::input_spec::size &&
              GOLDEN_OUTPUT_BYTES == hello_world_int8::output_spec::size);
static ctml::arena<hello_world_int8> arena;

int main() {
  int differ = 0;
  for (int c = 0; c < GOLDEN_CASES; ++c) {
    std::memcpy(arena.input().data(), golden_input[c], GOLDEN_INPUT_BYTES);
    hello_world_int8::invoke(arena);
    if (std::memcmp(arena.output().data(), golden_output[c], GOLDEN_OUTPUT_BYTES) != 0) {
      std::printf("%s: differs from TFLM\n", golden_name[c]);
      ++differ;
    }
  }
  std::printf("consumer: hello_world_int8, %d cases, %d differ from TFLM, arena %u bytes\n", GOLDEN_CASES,
              differ, static_cast<unsigned>(hello_world_int8::arena_bytes));
  return differ == 0 ? 0 : 1;
}

// The measurement harness of model_test.cpp without a model: the footprint report subtracts this
// image's flash and RAM from each model image, so the numbers are the model's own.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>
#include <ctml_cm/stack.hpp>

namespace {
std::uint8_t buffer[16];
const std::uint8_t input[16] = {1, 2, 3};
[[gnu::noinline]] void run_once() {
  asm volatile("" ::: "memory");
}
}  // namespace

int main() {
  std::memcpy(buffer, input, sizeof input);
  const std::uintptr_t mark = ctml_cm_stack_paint();
  ctml_cm_counter_begin();
  run_once();
  const std::uint64_t instructions = ctml_cm_counter_end();
  const std::size_t stack = ctml_cm_stack_used(mark);
  ctml_cm_counter_lap();
  std::uint64_t laps[4] = {};
  const std::size_t n = ctml_cm_counter_laps(laps, 4);
  ctml_cm_print("MEASURE model=baseline insns=");
  ctml_cm_print_u64(instructions);
  ctml_cm_print(" stack=");
  ctml_cm_print_u64(stack);
  ctml_cm_print(" laps=");
  ctml_cm_print_i64(static_cast<std::int64_t>(n));
  ctml_cm_print("\n");
  return ctml_cm_counter_valid() && buffer[1] == 2 ? 0 : 1;
}

// Stack painting measures what a call really uses: a function with a 1 KiB local buffer must
// report at least 1 KiB and not much more.
#include <cstdint>

#include <ctml_cm/semihosting.hpp>
#include <ctml_cm/stack.hpp>

namespace {

[[gnu::noinline]] std::uint32_t use_stack() {
  volatile std::uint8_t buffer[1024];
  for (std::uint32_t i = 0; i < sizeof buffer; ++i) buffer[i] = static_cast<std::uint8_t>(i);
  std::uint32_t sum = 0;
  for (std::uint32_t i = 0; i < sizeof buffer; ++i) sum += buffer[i];
  return sum;
}

}  // namespace

int main() {
  const std::uintptr_t mark = ctml_cm_stack_paint();
  const std::uint32_t sum = use_stack();
  const std::size_t used = ctml_cm_stack_used(mark);
  ctml_cm_print("stack used: ");
  ctml_cm_print_u64(used);
  ctml_cm_print(" bytes of ");
  ctml_cm_print_u64(ctml_cm_stack_size());
  ctml_cm_print("\n");
  if (sum != 130560U || used < 1024 || used > 1024 + 128) {
    ctml_cm_print("FAIL expected 1024..1152 bytes\n");
    return 1;
  }
  return 0;
}

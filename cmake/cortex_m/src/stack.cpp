// Stack painting. The stack is the top __stack_size bytes of RAM (cmake/cortex_m/ld/common.ld).
#include <ctml_cm/stack.hpp>

extern "C" std::uint32_t __StackLimit[], __StackTop[];

namespace {
constexpr std::uint32_t paint = 0xC7C7C7C7U;
}  // namespace

// Paints [__StackLimit, sp) with the pattern. Naked assembly: compiled C++ may push its frame after
// reading sp (shrink-wrapping) and paint over it. Armv6-M instructions only.
extern "C" [[gnu::naked]] void ctml_cm_stack_paint_unused(void) {
#if defined(__riscv)
  asm volatile(
      "  la t0, __StackLimit\n"
      "  li t1, 0xC7C7C7C7\n"
      "  mv t2, sp\n"
      "1:\n"
      "  bgeu t0, t2, 2f\n"
      "  sw t1, 0(t0)\n"
      "  addi t0, t0, 4\n"
      "  j 1b\n"
      "2:\n"
      "  ret\n");
#else
  asm volatile(
      ".syntax unified\n"
      "  ldr r0, =__StackLimit\n"
      "  ldr r1, =0xC7C7C7C7\n"
      "  mov r2, sp\n"
      "1:\n"
      "  cmp r0, r2\n"
      "  bhs 2f\n"
      "  str r1, [r0]\n"
      "  adds r0, #4\n"
      "  b 1b\n"
      "2:\n"
      "  bx lr\n"
      "  .ltorg\n");
#endif
}

extern "C" std::size_t ctml_cm_stack_used(std::uintptr_t mark) {
  const volatile std::uint32_t* word = __StackLimit;
  while (reinterpret_cast<std::uintptr_t>(word) < mark && *word == paint) ++word;
  if (word == __StackLimit) return SIZE_MAX;
  return mark - reinterpret_cast<std::uintptr_t>(word);
}

extern "C" std::size_t ctml_cm_stack_size(void) {
  return static_cast<std::size_t>(reinterpret_cast<std::uintptr_t>(__StackTop) -
                                  reinterpret_cast<std::uintptr_t>(__StackLimit));
}

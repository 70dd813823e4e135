// Stack painting. The stack is the top __stack_size bytes of RAM (cmake/cortex_m/ld/common.ld).
#include <ctml_cm/stack.hpp>

extern "C" std::uint32_t __StackLimit[], __StackTop[];

namespace {
constexpr std::uint32_t paint = 0xC7C7C7C7U;
}  // namespace

extern "C" [[gnu::noinline]] void ctml_cm_stack_paint_unused(void) {
  std::uintptr_t sp;
  asm volatile("mov %0, sp" : "=r"(sp));
  // Up to this leaf function's own stack pointer: nothing below it is live (no interrupts are
  // enabled). Its own frame, just below the caller's, stays unpainted; that only makes the
  // measured use an upper bound by a few words.
  volatile std::uint32_t* word = __StackLimit;
  while (reinterpret_cast<std::uintptr_t>(word) < sp) *word++ = paint;
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

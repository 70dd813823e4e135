// Stack painting. The stack is the top __stack_size bytes of RAM (cmake/cortex_m/ld/common.ld).
#include <ctml_cm/stack.hpp>

extern "C" std::uint32_t __StackLimit[], __StackTop[];

namespace {
constexpr std::uint32_t paint = 0xC7C7C7C7U;
// Margin below the painter's stack pointer (its own locals and the call it returns from).
constexpr std::uintptr_t own_frame_bytes = 64;
}  // namespace

extern "C" [[gnu::noinline]] void ctml_cm_stack_paint_unused(void) {
  std::uintptr_t sp;
  asm volatile("mov %0, sp" : "=r"(sp));
  // Stops short of this function's own frame; the words left unpainted just below the caller
  // only make the measured use an upper bound.
  volatile std::uint32_t* word = __StackLimit;
  while (reinterpret_cast<std::uintptr_t>(word) + own_frame_bytes < sp) *word++ = paint;
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

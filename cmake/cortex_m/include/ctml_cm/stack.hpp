#pragma once
// Stack high-water mark by painting: fill the unused stack with a pattern, run, then find the
// deepest word that changed.
#include <cstddef>
#include <cstdint>

extern "C" {
/// Paints the unused stack (below the calling function's frame).
void ctml_cm_stack_paint_unused(void);
/// Bytes of stack used below `mark` since the paint. SIZE_MAX if the whole stack was used.
std::size_t ctml_cm_stack_used(std::uintptr_t mark);
/// Size of the stack region the linker script reserves.
std::size_t ctml_cm_stack_size(void);
}

/// Paints the stack below the caller; returns the caller's stack pointer, the mark to measure from.
/// Inline, so the mark is the stack pointer of the code that then runs the measured call.
[[gnu::always_inline]] inline std::uintptr_t ctml_cm_stack_paint() {
  std::uintptr_t sp;
#if defined(__riscv)
  asm volatile("mv %0, sp" : "=r"(sp));
#else
  asm volatile("mov %0, sp" : "=r"(sp));
#endif
  ctml_cm_stack_paint_unused();
  return sp;
}

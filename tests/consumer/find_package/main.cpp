// Built against an installed ctml: the generated header, a budget, one inference.
#include <cstdio>

#include "kws.hpp"

using namespace ctml::literals;
static_assert(ctml::fits<kws, ctml::budget{.ram = 16_KiB, .flash = 32_KiB}>);
static ctml::arena<kws> arena;

int main() {
  kws::invoke(arena);
  std::printf("consumer: arena %zu bytes, first score %d\n", kws::arena_bytes, arena.output()[0]);
  return 0;
}

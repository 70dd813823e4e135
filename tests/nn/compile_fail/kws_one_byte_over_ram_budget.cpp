// FIRST-ERROR: ctml::fits: the model needs more RAM
// EXPECT: ram_bytes_exceed_budget<kws, 16000(UL)?, 15999(UL)?>
// ERRORS: 1
// The imported KWS model needs a 16,000-byte arena; a budget one byte smaller must not build. The
// only error names the mistake, the model and both numbers (GCC in the note below the error line,
// Clang in it), in a program that goes on to run the model.
#include "kws.hpp"

#ifdef CTML_COMPILE_FAIL_OK
static_assert(ctml::fits<kws, ctml::budget{.ram = 16'000}>);
#else
static_assert(ctml::fits<kws, ctml::budget{.ram = 15'999}>);
#endif

ctml::arena<kws> arena;
int main() {
  kws::invoke(arena);
  return arena.output()[0];
}

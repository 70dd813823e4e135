// FIRST-ERROR: ctml::scheduled<Model, budget>: no schedule of the model fits the RAM budget
// EXPECT: ram_budget_below_smallest_schedule<kws, 8640(UL)?, 8639(UL)?, 1(UL)?>
// ERRORS: 1
// With every convolution in place, KWS needs 8,640 bytes (portable kernels): one 25x5x64 tensor and
// the depthwise layers' ring of two rows (layer 1 is the first where it peaks). A budget one byte
// smaller has no schedule; the only error says so and names the smallest RAM, the budget and the
// layer, in a program that goes on to run the model.
#include "kws.hpp"

#ifdef CTML_COMPILE_FAIL_OK
struct kws_small final : ctml::scheduled<kws, ctml::budget{.ram = 8'640}> {};
#else
struct kws_small final : ctml::scheduled<kws, ctml::budget{.ram = 8'639}> {};
#endif

ctml::arena<kws_small> arena;
int main() {
  kws_small::invoke(arena);
  return arena.output()[0];
}

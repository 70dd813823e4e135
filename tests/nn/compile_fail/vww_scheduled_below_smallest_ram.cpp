// FIRST-ERROR: ctml::scheduled<Model, budget>: no schedule of the model fits the RAM budget
// EXPECT: ram_budget_below_smallest_schedule<vww, 40704(UL)?, 40703(UL)?, 0(UL)?>
// ERRORS: 1
// VWW's smallest schedule runs layers 0-3 as one patch, row by row (portable kernels): the input,
// the patch's output and its line buffers, 40,704 bytes, peaking at layer 0 (where the patch
// starts). A budget one byte smaller has no schedule; the only error names the smallest RAM, the
// budget and the layer.
#include "vww.hpp"

#ifdef CTML_COMPILE_FAIL_OK
struct vww_small final : ctml::scheduled<vww, ctml::budget{.ram = 40'704}> {};
#else
struct vww_small final : ctml::scheduled<vww, ctml::budget{.ram = 40'703}> {};
#endif

ctml::arena<vww_small> arena;
int main() {
  vww_small::invoke(arena);
  return arena.output()[0];
}

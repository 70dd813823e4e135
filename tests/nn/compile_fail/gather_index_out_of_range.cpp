// FIRST-ERROR: ctml::gather: give at least one index, each in .0, the axis' size.
// EXPECT: gather_index_out_of_range<ctml::gather<1, 0, 4>, ctml::shape<3, 4, 2>
// ERRORS: 1
// Index 4 of an axis of size 4, followed by more layers: one error.
#include <ctml/nn.hpp>

#ifdef CTML_COMPILE_FAIL_OK
using pick = ctml::gather<1, 0, 3>;
#else
using pick = ctml::gather<1, 0, 4>;
#endif

struct model final : ctml::sequential<ctml::input<ctml::shape<3, 4, 2>, float>, pick, ctml::flatten> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return static_cast<int>(arena.output()[0]);
}

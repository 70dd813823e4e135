// FIRST-ERROR: ctml::resize_nearest_neighbor: the input must be .height, width, channels.
// EXPECT: input_rank_mismatch<ctml::resize_nearest_neighbor<8, 8
// ERRORS: 1
// A resize of an input without channels (rank 2, not (H, W, C)), followed by more layers: one error.
#include <ctml/nn.hpp>

#ifdef CTML_COMPILE_FAIL_OK
using in = ctml::input<ctml::shape<4, 4, 1>, float>;
#else
using in = ctml::input<ctml::shape<4, 4>, float>;
#endif

struct model final : ctml::sequential<in, ctml::resize_nearest_neighbor<8, 8>, ctml::flatten> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return static_cast<int>(arena.output()[0]);
}

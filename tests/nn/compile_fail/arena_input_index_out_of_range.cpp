// EXPECT: input_index_out_of_range<two_in, 2, 2>|input_index_out_of_range<two_in, 2UL, 2UL>
// arena.input<I>() with I past the last input of a two-input model.
#include "multi_io_models.hpp"

void fill(ctml::arena<two_in>& arena) {
#ifdef CTML_COMPILE_FAIL_OK
  arena.input<1>()[0] = 1;
#else
  arena.input<2>()[0] = 1;
#endif
}

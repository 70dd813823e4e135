// EXPECT: output_index_out_of_range<two_in, 1, 1>|output_index_out_of_range<two_in, 1UL, 1UL>
// arena.output<1>() of a model with one output.
#include "multi_io_models.hpp"

int read(const ctml::arena<two_in>& arena) {
#ifdef CTML_COMPILE_FAIL_OK
  return arena.output<0>()[0];
#else
  return arena.output<1>()[0];
#endif
}

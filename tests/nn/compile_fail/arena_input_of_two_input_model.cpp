// EXPECT: model_has_several_inputs<two_in, 2|the model has several inputs; write each to input<I>\(\)
// arena.input() (no index) on a model with two inputs: which one is meant?
#include "multi_io_models.hpp"

void fill(ctml::arena<two_in>& arena) {
#ifdef CTML_COMPILE_FAIL_OK
  arena.input<0>()[0] = 1;
#else
  arena.input()[0] = 1;
#endif
}

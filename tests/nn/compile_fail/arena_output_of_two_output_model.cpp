// EXPECT: model_has_several_outputs<two_out, 2|the model has several outputs; read each from output<I>\(\)
// arena.output() (no index) on a model with two outputs.
#include "multi_io_models.hpp"

float read(const ctml::arena<two_out>& arena) {
#ifdef CTML_COMPILE_FAIL_OK
  return arena.output<1>()[0];
#else
  return arena.output()[0];
#endif
}

// FIRST-ERROR: ctml::cast: element types must be int8, int16, int32 or float
// ERRORS: 1
// A cast to double: no ctml layer computes in it (nor does TFLite Micro's CAST), one error.
#include <ctml/nn.hpp>

#ifdef CTML_COMPILE_FAIL_OK
using to_wide = ctml::cast<std::int32_t>;
#else
using to_wide = ctml::cast<double>;
#endif
struct model final : ctml::sequential<ctml::input<ctml::shape<4, 3>, float>, to_wide> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return static_cast<int>(arena.output()[0]);
}

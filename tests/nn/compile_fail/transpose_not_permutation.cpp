// FIRST-ERROR: ctml::transpose: the axes must be a permutation of 0 .. rank - 1
// ERRORS: 1
// Axis 1 named twice (and axis 2 never): not a permutation, one error.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
using perm = ctml::transpose<2, 0, 1>;
#else
using perm = ctml::transpose<1, 0, 1>;
#endif
struct model final
    : ctml::sequential<ctml::input<ctml::shape<4, 3, 2>, std::int8_t, d::q>, perm, ctml::relu> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

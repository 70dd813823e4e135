// FIRST-ERROR: ctml::mean: the input has rank at most 4 and O.axes names at least one of its axes
// EXPECT: invalid_mean_axes<ctml::mean<
// ERRORS: 1
// A global average pool over axes 1 and 2 (W, C of an HWC tensor) written for a rank-2 input, followed by
// more layers: one error that names the layer and the input's shape.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
inline constexpr ctml::quantization out{0.05f, -3};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
using in = ctml::input<ctml::shape<4, 6, 2>, std::int8_t, d::q>;
#else
using in = ctml::input<ctml::shape<4, 6>, std::int8_t, d::q>;
#endif
struct model final
    : ctml::sequential<in, ctml::mean<ctml::mean_options{.axes = 0b110, .keep_dims = false}, d::out>,
                       ctml::relu, ctml::flatten> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

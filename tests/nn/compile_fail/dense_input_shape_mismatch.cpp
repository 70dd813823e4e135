// FIRST-ERROR: ctml::dense: the input's size differs from the weights' input features
// EXPECT: input_shape_mismatch<ctml::dense<.*ctml::shape<64>, ctml::shape<128> ?>
// ERRORS: 1
// Dense weights made for 64 inputs after a flatten of 128 values, in a whole program: the first
// error names the layer, the mistake and both shapes, and it is the only one (the arena and invoke
// below still compile).
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
inline constexpr ctml::dense_weights<std::int8_t, 4, 64> fc{{}, {}, {0.01f}, {0.1f, 0}};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
using in = ctml::input<ctml::shape<2, 4, 8>, std::int8_t, d::q>;
#else
using in = ctml::input<ctml::shape<2, 8, 8>, std::int8_t, d::q>;
#endif
struct model final
    : ctml::sequential<in, ctml::flatten, ctml::dense<ctml::dense_options{.units = 4}, d::fc>> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

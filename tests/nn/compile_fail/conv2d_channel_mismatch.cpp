// FIRST-ERROR: ctml::conv2d: the input's channels differ from the weights' input channels
// EXPECT: input_shape_mismatch<ctml::conv2d<.*ctml::shape<8, 8, 3>, ctml::shape<8, 8, 1> ?>
// ERRORS: 1
// Weights made for 3 input channels on a 1-channel input, followed by more layers: one error.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
inline constexpr ctml::conv2d_weights<std::int8_t, 2, 3, 3, 3> w{{}, {}, {0.01f, 0.01f}, {0.1f, 0}};
inline constexpr ctml::dense_weights<std::int8_t, 4, 72> fc{{}, {}, {0.01f}, {0.1f, 0}};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
using in = ctml::input<ctml::shape<8, 8, 3>, std::int8_t, d::q>;
#else
using in = ctml::input<ctml::shape<8, 8, 1>, std::int8_t, d::q>;
#endif
struct model final
    : ctml::sequential<in, ctml::conv2d<ctml::conv2d_options{.filters = 2, .kernel_size = {3, 3}}, d::w>,
                       ctml::flatten, ctml::dense<ctml::dense_options{.units = 4}, d::fc>> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

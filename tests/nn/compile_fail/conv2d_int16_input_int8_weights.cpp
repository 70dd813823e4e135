// FIRST-ERROR: ctml::conv2d: int16 activations need a weights object declared for them
// EXPECT: element_type_mismatch<ctml::conv2d<.*, short( int)?, (signed char|std::int8_t) ?>
// ERRORS: 1
// An int16 input (TFLite's 16x8 scheme) into a conv2d whose weights object is declared for int8
// activations (int32 bias): one error naming the layer, both element types and the weights object
// to declare, before anything reads the int8-only members.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.001f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::conv2d_weights<std::int16_t, 2, 3, 3, 1> w{{}, {}, {0.01f, 0.01f}, {0.002f, 0}};
#else
inline constexpr ctml::conv2d_weights<std::int8_t, 2, 3, 3, 1> w{{}, {}, {0.01f, 0.01f}, {0.002f, 0}};
#endif
}  // namespace d

struct model final
    : ctml::sequential<ctml::input<ctml::shape<8, 8, 1>, std::int16_t, d::q>,
                       ctml::conv2d<ctml::conv2d_options{.filters = 2, .kernel_size = {3, 3}}, d::w>> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

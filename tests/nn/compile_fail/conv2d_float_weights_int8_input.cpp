// FIRST-ERROR: ctml::conv2d: the input's element type differs from the weights' \(int8 with float\?\)
// EXPECT: element_type_mismatch<ctml::conv2d<.*, (signed char|std::int8_t), float ?>
// ERRORS: 1
// Float weights (a model exported without quantization) under an int8 input: one error naming the
// layer and both element types, before anything reads the int8-only members of the weights.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::conv2d_weights<std::int8_t, 2, 3, 3, 1> w{{}, {}, {0.01f, 0.01f}, {0.1f, 0}};
#else
inline constexpr ctml::conv2d_weights<float, 2, 3, 3, 1> w{{}, {}};
#endif
}  // namespace d

struct model final
    : ctml::sequential<ctml::input<ctml::shape<8, 8, 1>, std::int8_t, d::q>,
                       ctml::conv2d<ctml::conv2d_options{.filters = 2, .kernel_size = {3, 3}}, d::w>> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

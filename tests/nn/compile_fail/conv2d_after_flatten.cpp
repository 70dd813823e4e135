// FIRST-ERROR: ctml::conv2d: input must have rank 3 \[H, W, C\]; a flatten or dense before it\?
// EXPECT: input_rank_mismatch<ctml::conv2d<.*, 3, ctml::shape<64> ?>
// ERRORS: 1
// A conv2d after a flatten: the error says what the layer needs and what it got (rank 1), and the
// layers after it add no errors of their own.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
inline constexpr ctml::conv2d_weights<std::int8_t, 2, 3, 3, 1> w{{}, {}, {0.01f, 0.01f}, {0.1f, 0}};
inline constexpr ctml::dense_weights<std::int8_t, 4, 72> fc{{}, {}, {0.01f}, {0.1f, 0}};
}  // namespace d

struct model final
    : ctml::sequential<ctml::input<ctml::shape<8, 8, 1>, std::int8_t, d::q>,
#ifndef CTML_COMPILE_FAIL_OK
                       ctml::flatten,
#endif
                       ctml::conv2d<ctml::conv2d_options{.filters = 2, .kernel_size = {3, 3}}, d::w>,
                       ctml::flatten, ctml::dense<ctml::dense_options{.units = 4}, d::fc>> {
};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

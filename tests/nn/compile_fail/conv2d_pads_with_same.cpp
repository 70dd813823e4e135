// FIRST-ERROR: ctml::conv2d: \.pads must be >= 0, and only with padding::valid
// ERRORS: 1
// Explicit pads (a PAD folded in) on a SAME convolution, which pads by itself: the two do not add up to
// anything TFLite computes.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.05f, 3};
inline constexpr ctml::conv2d_weights<std::int8_t, 2, 3, 3, 2, 1> w{
    {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9,
     1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {10, -10},
    {0.01f},
    {0.1f, 0}};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
constexpr auto mode = ctml::padding::valid;
#else
constexpr auto mode = ctml::padding::same;
#endif
struct model final
    : ctml::sequential<
          ctml::input<ctml::shape<4, 4, 2>, std::int8_t, d::q>,
          ctml::conv2d<ctml::conv2d_options{.filters = 2,
                                            .kernel_size = {3, 3},
                                            .padding = mode,
                                            .pads = {.top = 1, .bottom = 0, .left = 2, .right = 1}},
                       d::w>> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

// FIRST-ERROR: ctml::conv2d_transpose: \.output_size is not one that a convolution with these
// EXPECT: input_shape_mismatch<ctml::conv2d_transpose<.*ctml::shape<7, 12>, ctml::shape<1, 5, 4> ?>
// ERRORS: 1
// A transposed convolution whose output size no convolution with its kernel, strides and padding
// maps back onto its input (TFLite would compute a padding that makes no sense): one error naming
// the layer, the output size and the input shape.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.001f, 0};
inline constexpr ctml::conv2d_weights<std::int16_t, 2, 3, 4, 4> w{{}, {}, {0.01f, 0.01f}, {0.002f, 0}};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr int rows = 3;
#else
inline constexpr int rows = 7;
#endif
}  // namespace d

struct model final
    : ctml::sequential<
          ctml::input<ctml::shape<1, 5, 4>, std::int16_t, d::q>,
          ctml::conv2d_transpose<
              ctml::conv2d_transpose_options{
                  .filters = 2, .kernel_size = {3, 4}, .strides = {1, 2}, .output_size = {d::rows, 12}},
              d::w>> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

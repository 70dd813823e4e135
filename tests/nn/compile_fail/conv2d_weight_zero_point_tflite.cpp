// FIRST-ERROR: ctml::conv2d: a weight zero point \(in \[-128, 127\]\) needs requantization::onnx
// ERRORS: 1
// A weight zero point (ONNX's asymmetric weights) on a layer in TFLite's arithmetic, whose weights
// are symmetric: the two modes do not mix.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.05f, 3};
inline constexpr ctml::conv2d_weights<std::int8_t, 2, 1, 1, 2, 1> w{
    {1, 2, 3, 4}, {10, -10}, {0.01f}, {0.1f, 0}};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
constexpr auto mode = ctml::requantization::onnx;
#else
constexpr auto mode = ctml::requantization::tflite;
#endif
struct model final
    : ctml::sequential<
          ctml::input<ctml::shape<3, 3, 2>, std::int8_t, d::q>,
          ctml::conv2d<ctml::conv2d_options{.filters = 2, .requantization = mode, .weight_zero_point = 4},
                       d::w>> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

// FIRST-ERROR: ctml::dense: requantization::onnx is an int8 mode; float and int16 layers have one arithmetic
// ERRORS: 1
// ONNX's requantization (quantized ONNX models) asked of a float dense layer: there is nothing to
// requantize, so ctml refuses the mixture rather than silently ignore the option.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::dense_weights<float, 2, 4> w{{1, 2, 3, 4, 5, 6, 7, 8}, {0.5f, -0.5f}};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
constexpr auto mode = ctml::requantization::tflite;
#else
constexpr auto mode = ctml::requantization::onnx;
#endif
struct model final
    : ctml::sequential<ctml::input<ctml::shape<4>, float>,
                       ctml::dense<ctml::dense_options{.units = 2, .requantization = mode}, d::w>> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return static_cast<int>(arena.output()[0]);
}

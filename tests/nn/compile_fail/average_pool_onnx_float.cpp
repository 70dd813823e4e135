// FIRST-ERROR: ctml::average_pool2d: requantization::onnx is an int8 average pooling mode
// ERRORS: 1
// ONNX's arithmetic (a QDQ AveragePool) asked of a float pooling: there is nothing to dequantize or
// quantize, so ctml refuses the mixture rather than silently ignore the option.
#include <ctml/nn.hpp>

#ifdef CTML_COMPILE_FAIL_OK
constexpr auto mode = ctml::requantization::tflite;
#else
constexpr auto mode = ctml::requantization::onnx;
#endif
struct model final : ctml::sequential<ctml::input<ctml::shape<4, 4, 2>, float>,
                                      ctml::average_pool2d<ctml::pool2d_options{
                                          .pool_size = {2, 2}, .strides = {2, 2}, .requantization = mode}>> {
};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return static_cast<int>(arena.output()[0]);
}

// FIRST-ERROR: ctml::dense: int8 needs positive scales and zero points in \[-128, 127\]; int16
// EXPECT: invalid_quantization<ctml::dense<.*
// ERRORS: 1
// An int16 dense layer (TFLite's 16x8) whose input has a non-zero zero point: TFLite's 16x8 kernels
// ignore zero points, so ctml refuses the model rather than compute something else.
#include <ctml/nn.hpp>

namespace d {
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::quantization q{0.001f, 0};
#else
inline constexpr ctml::quantization q{0.001f, 3};
#endif
inline constexpr ctml::dense_weights<std::int16_t, 2, 4> w{
    {1, 2, 3, 4, 5, 6, 7, 8}, {10, -10}, {0.01f}, {0.002f, 0}};
}  // namespace d

struct model final : ctml::sequential<ctml::input<ctml::shape<4>, std::int16_t, d::q>,
                                      ctml::dense<ctml::dense_options{.units = 2}, d::w>> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

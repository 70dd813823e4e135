// FIRST-ERROR: ctml::sigmoid, ctml::tanh: int16 input zero point must be 0
// EXPECT: ctml::sigmoid_tanh_layer<
// ERRORS: 1
// An int16 tanh whose input has a non-zero zero point (TFLite's int16 TANH is symmetric), followed by
// more layers: one error.
#include <ctml/nn.hpp>

namespace d {
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::quantization q{0.001f, 0};
#else
inline constexpr ctml::quantization q{0.001f, 5};
#endif
}  // namespace d

struct model final : ctml::sequential<ctml::input<ctml::shape<4, 6>, std::int16_t, d::q>,
                                      ctml::tanh<ctml::sigmoid_tanh_output_s16>, ctml::flatten> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

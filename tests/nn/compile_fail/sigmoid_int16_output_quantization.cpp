// FIRST-ERROR: ctml::sigmoid, ctml::tanh: int16 output must have scale
// EXPECT: ctml::sigmoid_tanh_layer<
// ERRORS: 1
// An int16 sigmoid with the default (int8) output quantization instead of TFLite's int16 one, Q0.15
// (ctml::sigmoid_tanh_output_s16), followed by more layers: one error.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.001f, 0};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
using activation = ctml::sigmoid<ctml::sigmoid_tanh_output_s16>;
#else
using activation = ctml::sigmoid<>;
#endif

struct model final
    : ctml::sequential<ctml::input<ctml::shape<4, 6>, std::int16_t, d::q>, activation, ctml::flatten> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

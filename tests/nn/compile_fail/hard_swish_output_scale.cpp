// FIRST-ERROR: ctml::hard_swish: invalid quantization
// EXPECT: hard_swish_shift<ctml::hard_swish<
// ERRORS: 1
// An int8 hard_swish whose output scale is below the input's / 128 (TFLite's multiplier would need a left
// shift, which its arithmetic does not have), followed by more layers: one error.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::quantization out{0.002f, -3};
#else
inline constexpr ctml::quantization out{0.0005f, -3};
#endif
}  // namespace d

struct model final : ctml::sequential<ctml::input<ctml::shape<4, 6>, std::int8_t, d::q>,
                                      ctml::hard_swish<d::out>, ctml::relu, ctml::flatten> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

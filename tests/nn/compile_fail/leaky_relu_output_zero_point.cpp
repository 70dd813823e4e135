// FIRST-ERROR: ctml::leaky_relu: the output needs a positive scale and a zero point of the element type
// EXPECT: invalid_quantization<ctml::leaky_relu<
// ERRORS: 1
// An int8 leaky_relu whose output zero point (200) does not fit int8.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::leaky_relu_params lrelu{.alpha = 0.2f, .output = {0.1f, 100}};
#else
inline constexpr ctml::leaky_relu_params lrelu{.alpha = 0.2f, .output = {0.1f, 200}};
#endif
}  // namespace d

struct model final : ctml::sequential<ctml::input<ctml::shape<16>, std::int8_t, d::q>,
                                      ctml::leaky_relu<d::lrelu>, ctml::relu> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

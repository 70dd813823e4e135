// FIRST-ERROR: ctml::softmax: int16 softmax needs an int16 output, zero points 0 and output scale 1/32768
// EXPECT: ctml::softmax<
// ERRORS: 1
// An int16 softmax whose output scale is 1/65536 (the int8 -> int16 softmax's), then more layers: one error.
#include <cstdint>

#include <ctml/nn.hpp>

inline constexpr ctml::quantization q{0.001f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::softmax_params sm{.beta = 1.0f, .output = {1.0f / 32768.0f, 0}};
#else
inline constexpr ctml::softmax_params sm{.beta = 1.0f, .output = {1.0f / 65536.0f, 0}};
#endif

struct model final
    : ctml::sequential<ctml::input<ctml::shape<3, 8>, std::int16_t, q>, ctml::softmax<sm>, ctml::flatten> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return static_cast<int>(arena.output()[0]);
}

// FIRST-ERROR: ctml::concatenation: the inputs must share one quantization
// ERRORS: 1
// Two int8 inputs with different zero points: TFLite Micro copies the bytes without requantizing,
// so ctml refuses the pair (one error, none from the layer after it).
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization qa{0.1f, 3};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::quantization qb{0.1f, 3};
#else
inline constexpr ctml::quantization qb{0.1f, 4};
#endif
}  // namespace d

struct bad final
    : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<2, 3>, std::int8_t, d::qa>>,
                  ctml::node<"b", ctml::input<ctml::shape<2, 5>, std::int8_t, d::qb>>,
                  ctml::node<"c", ctml::concatenation<-1>, "a", "b">, ctml::node<"r", ctml::relu, "c">> {};

ctml::arena<bad> arena;
int main() {
  bad::invoke(arena);
  return arena.output()[0];
}

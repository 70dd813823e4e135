// FIRST-ERROR: ctml::quantize: from float, only to int8 is supported
// ERRORS: 1
// QUANTIZE from float to int16 (ctml converts float to int8 only; int8 -> int16 is a second quantize).
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q8{0.05f, 0};
inline constexpr ctml::quantization q16{0.001f, 0};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
struct model final : ctml::sequential<ctml::input<ctml::shape<16>, float>, ctml::quantize<d::q8>,
                                      ctml::quantize<d::q16, std::int16_t>> {};
#else
struct model final
    : ctml::sequential<ctml::input<ctml::shape<16>, float>, ctml::quantize<d::q16, std::int16_t>> {};
#endif

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return static_cast<int>(arena.output()[0]);
}

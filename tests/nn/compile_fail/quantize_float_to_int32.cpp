// FIRST-ERROR: ctml::quantize: from float, to int8 or int16
// ERRORS: 1
// QUANTIZE from float to int32, which TFLite Micro does not have (int16 -> int32 is a second quantize).
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q16{0.001f, 0};
inline constexpr ctml::quantization q32{0.0001f, 0};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
struct model final
    : ctml::sequential<ctml::input<ctml::shape<16>, float>, ctml::quantize<d::q16, std::int16_t>,
                       ctml::quantize<d::q32, std::int32_t>> {};
#else
struct model final
    : ctml::sequential<ctml::input<ctml::shape<16>, float>, ctml::quantize<d::q32, std::int32_t>> {};
#endif

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return static_cast<int>(arena.output()[0]);
}

// FIRST-ERROR: ctml::prelu: int8 or float
// EXPECT: float_only<ctml::prelu<
// ERRORS: 1
// An int16 PRELU: TFLite's int16 PRELU takes int8 alphas, which ctml::prelu (one element type) does not.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization out{0.002f, 0};
#ifdef CTML_COMPILE_FAIL_OK
using T = std::int8_t;
#else
using T = std::int16_t;
#endif
inline constexpr ctml::constant_operand<T, ctml::shape<4>> alpha{
    .values = {1, 2, 3, 4}, .quant = {0.01f, 0}, .output = {0.002f, 0}};
inline constexpr ctml::quantization in{0.001f, 0};
}  // namespace d

struct model final : ctml::sequential<ctml::input<ctml::shape<3, 4>, d::T, d::in>, ctml::prelu<d::alpha>> {};
static_assert(model::arena_bytes > 0);

// EXPECT: ctml::softmax: int16 output must have scale 1/65536 and zero point -32768
// ERRORS: 1
#include <cstdint>

#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::softmax_params sm{.beta = 1.0f, .output = {1.0f / 65536, -32768}};
#else
inline constexpr ctml::softmax_params sm{.beta = 1.0f, .output = {1.0f / 32768, 0}};  // int16 -> int16's
#endif
}  // namespace d

struct model final
    : ctml::sequential<ctml::input<ctml::shape<10>, std::int8_t, d::q>, ctml::softmax<d::sm, std::int16_t>> {
};
static_assert(model::output_shape::size == 10);

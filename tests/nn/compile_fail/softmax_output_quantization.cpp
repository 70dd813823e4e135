// EXPECT: ctml::softmax: int8 output must have scale 1/256 and zero point -128
// ERRORS: 1
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::softmax_params sm{.beta = 1.0f, .output = {1.0f / 256, -128}};
#else
inline constexpr ctml::softmax_params sm{.beta = 1.0f, .output = {1.0f / 128, 0}};
#endif
}  // namespace d

struct model final : ctml::sequential<ctml::input<ctml::shape<10>, std::int8_t, d::q>, ctml::softmax<d::sm>> {
};
static_assert(model::output_shape::size == 10);

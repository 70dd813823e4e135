// FIRST-ERROR: ctml::l2_normalization: int8 output must have scale 1/128 and zero point 0
// EXPECT: invalid_quantization<ctml::l2_normalization<
// ERRORS: 1
// An int8 l2_normalization asked for an output quantization other than TFLite's fixed one.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::quantization out{1.0f / 128.0f, 0};
#else
inline constexpr ctml::quantization out{1.0f / 128.0f, 3};
#endif
}  // namespace d

struct model final
    : ctml::sequential<ctml::input<ctml::shape<4, 6>, std::int8_t, d::q>, ctml::l2_normalization<d::out>> {};
static_assert(model::arena_bytes > 0);

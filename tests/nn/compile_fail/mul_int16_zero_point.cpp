// EXPECT: int16 zero points 0
// An int16 MUL whose output has a non-zero zero point: TFLite's 16x8 scheme is symmetric.
#include <ctml/ctml.hpp>

namespace d {
inline constexpr ctml::quantization in{0.001f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::quantization out{0.002f, 0};
#else
inline constexpr ctml::quantization out{0.002f, 5};
#endif
}  // namespace d

struct m final : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<8>, std::int16_t, d::in>>,
                             ctml::node<"b", ctml::input<ctml::shape<8>, std::int16_t, d::in>>,
                             ctml::node<"p", ctml::mul<ctml::mul_options{}, d::out>, "a", "b">> {};
static_assert(m::arena_bytes > 0);

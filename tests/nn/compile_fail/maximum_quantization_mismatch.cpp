// FIRST-ERROR: ctml::minimum/maximum: both inputs and the output must have the same quantization
// EXPECT: quantization_differs<ctml::maximum<
// ERRORS: 1
// An int8 MAXIMUM of two tensors quantized differently: TFLite compares the stored integers, so the
// result would mean nothing.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization a{0.1f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::quantization b{0.1f, 0};
#else
inline constexpr ctml::quantization b{0.1f, 4};
#endif
}  // namespace d

struct m final : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<3, 8>, std::int8_t, d::a>>,
                             ctml::node<"b", ctml::input<ctml::shape<8>, std::int8_t, d::b>>,
                             ctml::node<"y", ctml::maximum<>, "a", "b">> {};
static_assert(m::arena_bytes > 0);

// EXPECT: element_type_mismatch<ctml::add<
// ADD of an int8 and an int16 tensor.
#include <ctml/ctml.hpp>

namespace d {
inline constexpr ctml::quantization q{0.001f, 0};
}  // namespace d

struct m final : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<8>, std::int16_t, d::q>>,
#ifdef CTML_COMPILE_FAIL_OK
                             ctml::node<"b", ctml::input<ctml::shape<8>, std::int16_t, d::q>>,
#else
                             ctml::node<"b", ctml::input<ctml::shape<8>, std::int8_t, d::q>>,
#endif
                             ctml::node<"s", ctml::add<ctml::add_options{}, d::q>, "a", "b">> {
};
static_assert(m::arena_bytes > 0);

// FIRST-ERROR: ctml::div: float only
// EXPECT: float_only<ctml::div<
// ERRORS: 1
// An int8 DIV: ctml::div takes float tensors only.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
using T = float;
struct m final
    : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<8>, T>>,
                  ctml::node<"b", ctml::input<ctml::shape<8>, T>>, ctml::node<"y", ctml::div<>, "a", "b">> {};
#else
using T = std::int8_t;
struct m final : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<8>, T, d::q>>,
                             ctml::node<"b", ctml::input<ctml::shape<8>, T, d::q>>,
                             ctml::node<"y", ctml::div<>, "a", "b">> {};
#endif
static_assert(m::arena_bytes > 0);

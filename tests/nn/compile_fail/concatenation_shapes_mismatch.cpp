// EXPECT: concat_shapes_mismatch<ctml::concatenation<1>
// Joined along axis 1, the inputs (2, 3) and (3, 5) differ on axis 0 too.
#include <ctml/nn.hpp>

struct bad final : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<2, 3>, float>>,
#ifdef CTML_COMPILE_FAIL_OK
                               ctml::node<"b", ctml::input<ctml::shape<2, 5>, float>>,
#else
                               ctml::node<"b", ctml::input<ctml::shape<3, 5>, float>>,
#endif
                               ctml::node<"c", ctml::concatenation<1>, "a", "b">> {
};
static_assert(bad::arena_bytes > 0);

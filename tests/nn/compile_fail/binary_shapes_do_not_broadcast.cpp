// EXPECT: shapes_do_not_broadcast<ctml::sub<
// SUB of shapes (3, 4) and (3): aligned at the last axis, 4 and 3 neither match nor are 1.
#include <ctml/ctml.hpp>

struct bad final : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<3, 4>, float>>,
#ifdef CTML_COMPILE_FAIL_OK
                               ctml::node<"b", ctml::input<ctml::shape<4>, float>>,
#else
                               ctml::node<"b", ctml::input<ctml::shape<3>, float>>,
#endif
                               ctml::node<"d", ctml::sub<>, "a", "b">> {
};
static_assert(bad::arena_bytes > 0);

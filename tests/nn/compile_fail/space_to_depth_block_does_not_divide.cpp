// EXPECT: block_does_not_divide<ctml::space_to_depth<2>, 2, ctml::shape<5, 4, 3>
// A height of 5 does not split into blocks of 2: one error.
#include <ctml/nn.hpp>

#ifdef CTML_COMPILE_FAIL_OK
using in = ctml::input<ctml::shape<6, 4, 3>, float>;
#else
using in = ctml::input<ctml::shape<5, 4, 3>, float>;
#endif
struct model final : ctml::sequential<in, ctml::space_to_depth<2>> {};
static_assert(model::arena_bytes > 0);

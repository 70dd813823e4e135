// EXPECT: input_rank_mismatch<ctml::transpose<1, 0>, 2, ctml::shape<4, 3, 2>
// A permutation of two axes for an input of three.
#include <ctml/nn.hpp>

#ifdef CTML_COMPILE_FAIL_OK
using perm = ctml::transpose<1, 0, 2>;
#else
using perm = ctml::transpose<1, 0>;
#endif
struct model final : ctml::sequential<ctml::input<ctml::shape<4, 3, 2>, float>, perm> {};
static_assert(model::arena_bytes > 0);

// FIRST-ERROR: ctml::pad: the paddings name an axis the input does not have
// EXPECT: input_rank_mismatch<ctml::pad<
// ERRORS: 1
// Paddings for a rank-3 (HWC) input on a rank-2 one, followed by more layers: one error that names
// the rank the paddings need and the input's shape.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
using in = ctml::input<ctml::shape<4, 6, 2>, std::int8_t, d::q>;
#else
using in = ctml::input<ctml::shape<4, 6>, std::int8_t, d::q>;
#endif
struct model final
    : ctml::sequential<in, ctml::pad<ctml::pad_options{.before = {0, 1, 1}, .after = {0, 1, 1}}>, ctml::relu,
                       ctml::flatten> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

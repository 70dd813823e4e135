// EXPECT: ModelOf<S, .*with S = big_step|ModelOf<big_step,
// A stateful model invoked with the state of another stateful model: its GRU would use bytes that
// belong to the other model (and may lie past the end of that state).
#include <ctml/ctml.hpp>

namespace d {
inline constexpr ctml::gru_weights<float, 4, 3> small_gru{};
inline constexpr ctml::gru_weights<float, 16, 3> big_gru{};
}  // namespace d

struct small_step final : ctml::sequential<ctml::input<ctml::shape<3>, float>,
                                           ctml::gru<ctml::gru_options{.units = 4}, d::small_gru>> {};
struct big_step final : ctml::sequential<ctml::input<ctml::shape<3>, float>,
                                         ctml::gru<ctml::gru_options{.units = 16}, d::big_gru>> {};

void step(ctml::arena<small_step>& arena, [[maybe_unused]] ctml::state<small_step>& mine,
          [[maybe_unused]] ctml::state<big_step>& other) {
#ifdef CTML_COMPILE_FAIL_OK
  small_step::invoke(arena, mine);
#else
  small_step::invoke(arena, other);
#endif
}

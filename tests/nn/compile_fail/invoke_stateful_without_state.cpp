// EXPECT: StatelessModel<M>.*with M = gru_step|.gru_step. does not satisfy .StatelessModel
// A model with persistent state (a streaming GRU) invoked without its ctml::state: the layer would
// read and write its state through a null pointer. Only the overload taking the state exists.
#include <ctml/ctml.hpp>

namespace d {
inline constexpr ctml::gru_weights<float, 4, 3> gru{};
}  // namespace d

struct gru_step final
    : ctml::sequential<ctml::input<ctml::shape<3>, float>, ctml::gru<ctml::gru_options{.units = 4}, d::gru>> {
};
static_assert(gru_step::state_bytes == 4 * sizeof(float));

void step(ctml::arena<gru_step>& arena, [[maybe_unused]] ctml::state<gru_step>& state) {
#ifdef CTML_COMPILE_FAIL_OK
  gru_step::invoke(arena, state);
#else
  gru_step::invoke(arena);
#endif
}

// EXPECT: ModelOf<M, .*with M = wide|ModelOf<wide,
// A model invoked on the arena of another model: its plan would write past that arena's end.
#include <ctml/ctml.hpp>

namespace d {
inline constexpr ctml::dense_weights<float, 4, 3> narrow_fc{};
inline constexpr ctml::dense_weights<float, 64, 3> wide_fc{};
}  // namespace d

struct narrow final : ctml::sequential<ctml::input<ctml::shape<3>, float>,
                                       ctml::dense<ctml::dense_options{.units = 4}, d::narrow_fc>> {};
struct wide final : ctml::sequential<ctml::input<ctml::shape<3>, float>,
                                     ctml::dense<ctml::dense_options{.units = 64}, d::wide_fc>> {};

void run([[maybe_unused]] ctml::arena<narrow>& mine, [[maybe_unused]] ctml::arena<wide>& other) {
#ifdef CTML_COMPILE_FAIL_OK
  narrow::invoke(mine);
#else
  narrow::invoke(other);
#endif
}

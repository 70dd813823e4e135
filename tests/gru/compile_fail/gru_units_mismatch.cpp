// EXPECT: ctml::gru: weights have a different number of units
// ERRORS: 1
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/gru.hpp>

inline constexpr ctml::gru_weights<float, 5, 2> w{};
#ifdef CTML_COMPILE_FAIL_OK
constexpr int units = 5;
#else
constexpr int units = 4;
#endif
struct m final : ctml::sequential<ctml::input<ctml::shape<3, 2>, float>,
                                  ctml::gru<ctml::gru_options{.units = units}, w>> {};
static_assert(m::arena_bytes > 0);

// EXPECT: ctml::svdf: weights have a different number of units than .units
// ERRORS: 1
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/svdf.hpp>

inline constexpr ctml::svdf_weights<float, 4, 3, 5> w{};
#ifdef CTML_COMPILE_FAIL_OK
constexpr int units = 4;
#else
constexpr int units = 8;  // e.g. the filter count (units * rank) given as units
#endif
struct m final : ctml::sequential<ctml::input<ctml::shape<3>, float>,
                                  ctml::svdf<ctml::svdf_options{.units = units}, w>> {};
static_assert(m::arena_bytes > 0);

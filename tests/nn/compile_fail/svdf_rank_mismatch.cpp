// EXPECT: ctml::svdf: weights have a different rank than .rank
// ERRORS: 1
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/svdf.hpp>

inline constexpr ctml::svdf_weights<float, 4, 3, 5, 2> w{};
#ifdef CTML_COMPILE_FAIL_OK
constexpr int rank = 2;
#else
constexpr int rank = 1;
#endif
struct m final : ctml::sequential<ctml::input<ctml::shape<3>, float>,
                                  ctml::svdf<ctml::svdf_options{.units = 4, .rank = rank}, w>> {};
static_assert(m::arena_bytes > 0);

// EXPECT: input_shape_mismatch<.*gru.*shape<2>.*shape<3>
// ERRORS: 1
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/gru.hpp>

inline constexpr ctml::gru_weights<float, 5, 2> w{};
#ifdef CTML_COMPILE_FAIL_OK
constexpr int features = 2;
#else
constexpr int features = 3;
#endif
struct m final : ctml::sequential<ctml::input<ctml::shape<10, features>, float>,
                                  ctml::gru<ctml::gru_options{.units = 5}, w>> {};
static_assert(m::arena_bytes > 0);

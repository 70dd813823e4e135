// EXPECT: input_shape_mismatch<.*lstm.*shape<2>.*shape<3>
// ERRORS: 1
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/lstm.hpp>

inline constexpr ctml::lstm_weights<float, 4, 2> w{};
#ifdef CTML_COMPILE_FAIL_OK
constexpr int features = 2;
#else
constexpr int features = 3;
#endif
struct m final : ctml::sequential<ctml::input<ctml::shape<10, features>, float>,
                                  ctml::lstm<ctml::lstm_options{.units = 4}, w>> {};
static_assert(m::arena_bytes > 0);

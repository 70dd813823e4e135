// EXPECT: ctml::lstm: return_sequences needs a sequence input
// ERRORS: 1
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/lstm.hpp>

inline constexpr ctml::lstm_weights<float, 4, 2> w{};
#ifdef CTML_COMPILE_FAIL_OK
constexpr bool sequences = false;
#else
constexpr bool sequences = true;
#endif
// A rank-1 input is one time step (streaming): it has no sequence to return.
struct m final
    : ctml::sequential<ctml::input<ctml::shape<2>, float>,
                       ctml::lstm<ctml::lstm_options{.units = 4, .return_sequences = sequences}, w>> {};
static_assert(m::arena_bytes > 0);

// EXPECT: ctml::gru: return_sequences needs a sequence input
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/gru.hpp>

inline constexpr ctml::gru_weights<float, 5, 2> w{};
#ifdef CTML_COMPILE_FAIL_OK
constexpr bool all_states = false;
#else
constexpr bool all_states = true;
#endif
// A one-step (streaming) input has no sequence to return.
struct m final
    : ctml::sequential<ctml::input<ctml::shape<2>, float>,
                       ctml::gru<ctml::gru_options{.units = 5, .return_sequences = all_states}, w>> {};
static_assert(m::state_bytes == 5 * sizeof(float));

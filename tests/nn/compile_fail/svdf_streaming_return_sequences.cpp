// EXPECT: ctml::svdf: return_sequences needs a sequence input
// ERRORS: 1
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/svdf.hpp>

inline constexpr ctml::svdf_weights<float, 4, 3, 5> w{};
#ifdef CTML_COMPILE_FAIL_OK
using in = ctml::input<ctml::shape<10, 3>, float>;  // ten frames
#else
using in = ctml::input<ctml::shape<3>, float>;  // one frame (streaming)
#endif
struct m final
    : ctml::sequential<in, ctml::svdf<ctml::svdf_options{.units = 4, .return_sequences = true}, w>> {};
static_assert(m::arena_bytes > 0);

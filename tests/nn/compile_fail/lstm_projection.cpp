// EXPECT: ctml::lstm: a projection layer \(projection_units, proj_clip\) is not supported
// ERRORS: 1
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/lstm.hpp>

inline constexpr ctml::lstm_weights<float, 4, 2> w{};
#ifdef CTML_COMPILE_FAIL_OK
constexpr float proj_clip = 0.0f;
#else
constexpr float proj_clip = 3.0f;  // TFLite Micro has no projection layer and ignores proj_clip
#endif
struct m final : ctml::sequential<ctml::input<ctml::shape<10, 2>, float>,
                                  ctml::lstm<ctml::lstm_options{.units = 4, .proj_clip = proj_clip}, w>> {};
static_assert(m::arena_bytes > 0);

// EXPECT: ctml::lstm: int16 activations need a weights object declared for them
// ERRORS: 1
#include <cstdint>

#include <ctml/graph/sequential.hpp>
#include <ctml/layers/lstm.hpp>

#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::lstm_weights<std::int16_t, 4, 2> w{.kernel = {},
                                                          .recurrent_kernel = {},
                                                          .bias = {},
                                                          .kernel_scales = {0.01f, 0.01f, 0.01f, 0.01f},
                                                          .recurrent_scales = {0.01f, 0.01f, 0.01f, 0.01f}};
#else
inline constexpr ctml::lstm_weights<float, 4, 2> w{};  // int16 x needs int8 weights, int64 bias (16x8)
#endif
inline constexpr ctml::quantization in{0.0002f, 0};
struct m final : ctml::sequential<ctml::input<ctml::shape<10, 2>, std::int16_t, in>,
                                  ctml::lstm<ctml::lstm_options{.units = 4}, w>> {};
static_assert(m::arena_bytes > 0);

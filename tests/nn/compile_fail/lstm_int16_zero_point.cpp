// EXPECT: ctml::lstm: int16 scales must be positive and int16 zero points 0
// ERRORS: 1
#include <cstdint>

#include <ctml/graph/sequential.hpp>
#include <ctml/layers/lstm.hpp>

#ifdef CTML_COMPILE_FAIL_OK
constexpr int zero_point = 0;
#else
constexpr int zero_point = 3;  // TFLite's 16x8 LSTM is symmetric
#endif
inline constexpr ctml::lstm_weights<std::int16_t, 4, 2> w{.kernel = {},
                                                          .recurrent_kernel = {},
                                                          .bias = {},
                                                          .kernel_scales = {0.01f, 0.01f, 0.01f, 0.01f},
                                                          .recurrent_scales = {0.01f, 0.01f, 0.01f, 0.01f}};
inline constexpr ctml::quantization in{0.0002f, zero_point};
struct m final : ctml::sequential<ctml::input<ctml::shape<10, 2>, std::int16_t, in>,
                                  ctml::lstm<ctml::lstm_options{.units = 4}, w>> {};
static_assert(m::arena_bytes > 0);

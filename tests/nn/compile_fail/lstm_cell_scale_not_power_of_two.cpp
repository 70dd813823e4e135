// EXPECT: ctml::lstm: int8 cell_scale must be a power of two
// ERRORS: 1
#include <cstdint>

#include <ctml/graph/sequential.hpp>
#include <ctml/layers/lstm.hpp>

#ifdef CTML_COMPILE_FAIL_OK
constexpr float cell_scale = 1.0f / 2048.0f;
#else
constexpr float cell_scale = 1.0f / 2000.0f;  // TFLM's integer LSTM takes the cell scale as 2^n
#endif
inline constexpr ctml::lstm_weights<std::int8_t, 4, 2> w{.kernel = {},
                                                         .recurrent_kernel = {},
                                                         .bias = {},
                                                         .kernel_scales = {0.01f, 0.01f, 0.01f, 0.01f},
                                                         .recurrent_scales = {0.01f, 0.01f, 0.01f, 0.01f},
                                                         .cell_scale = cell_scale};
inline constexpr ctml::quantization in{0.02f, 3};
struct m final : ctml::sequential<ctml::input<ctml::shape<10, 2>, std::int8_t, in>,
                                  ctml::lstm<ctml::lstm_options{.units = 4}, w>> {};
static_assert(m::arena_bytes > 0);

// EXPECT: ctml::tanh: int8 output must have scale 1/128 and zero point 0
// ERRORS: 1
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/sigmoid_tanh.hpp>

inline constexpr ctml::quantization in_q{0.1f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::quantization out_q{1.0f / 128, 0};
#else
inline constexpr ctml::quantization out_q{1.0f / 128, 3};  // TFLite's TANH output has zero point 0
#endif
struct m final : ctml::sequential<ctml::input<ctml::shape<8>, std::int8_t, in_q>, ctml::tanh<out_q>> {};
static_assert(m::output_shape::size == 8);

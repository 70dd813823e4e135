// EXPECT: ctml::sigmoid: int8 output must have scale 1/256 and zero point -128
// ERRORS: 1
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/sigmoid_tanh.hpp>

inline constexpr ctml::quantization in_q{0.1f, 0};
#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::quantization out_q{1.0f / 256, -128};
#else
inline constexpr ctml::quantization out_q{1.0f / 128, 0};  // tanh's, not sigmoid's
#endif
struct m final : ctml::sequential<ctml::input<ctml::shape<8>, std::int8_t, in_q>, ctml::sigmoid<out_q>> {};
static_assert(m::output_shape::size == 8);

// EXPECT: ctml::svdf: TFLite Micro's int8 SVDF applies no activation
// ERRORS: 1
#include <cstdint>

#include <ctml/graph/sequential.hpp>
#include <ctml/layers/svdf.hpp>

namespace d {
inline constexpr ctml::quantization q{0.02f, 0};
inline constexpr ctml::svdf_weights<std::int8_t, 4, 3, 5> w{
    .feature = {}, .time = {}, .bias = {}, .feature_scale = 0.01f, .time_scale = 0.001f, .state = {0.5f, 0}};
}  // namespace d
#ifdef CTML_COMPILE_FAIL_OK
constexpr ctml::activation act = ctml::activation::none;
#else
constexpr ctml::activation act = ctml::activation::relu;
#endif
struct m final : ctml::sequential<ctml::input<ctml::shape<3>, std::int8_t, d::q>,
                                  ctml::svdf<ctml::svdf_options{.units = 4, .act = act}, d::w>> {};
static_assert(m::arena_bytes > 0);

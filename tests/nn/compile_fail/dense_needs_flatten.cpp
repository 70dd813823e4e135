// EXPECT: ctml::dense: input must have rank 1; insert ctml::flatten before it
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
inline constexpr ctml::dense_weights<std::int8_t, 4, 64> fc{{}, {}, {0.01f}, {0.1f, 0}};
}  // namespace d

struct model final : ctml::sequential<ctml::input<ctml::shape<4, 4, 4>, std::int8_t, d::q>,
#ifdef CTML_COMPILE_FAIL_OK
                                      ctml::flatten,
#endif
                                      ctml::dense<ctml::dense_options{.units = 4}, d::fc>> {
};
static_assert(model::output_shape::size == 4);

// EXPECT: input_shape_mismatch<ctml::dense<.*ctml::shape<64>, ctml::shape<128> ?>
// A dense layer whose weights expect 64 inputs, after a layer that outputs 128: the error names
// the layer and both shapes.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
inline constexpr ctml::dense_weights<std::int8_t, 4, 64> fc{{}, {}, {0.01f}, {0.1f, 0}};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
struct model final : ctml::sequential<ctml::input<ctml::shape<64>, std::int8_t, d::q>,
                                      ctml::dense<ctml::dense_options{.units = 4}, d::fc>> {};
#else
struct model final : ctml::sequential<ctml::input<ctml::shape<128>, std::int8_t, d::q>,
                                      ctml::dense<ctml::dense_options{.units = 4}, d::fc>> {};
#endif
static_assert(model::output_shape::size == 4);

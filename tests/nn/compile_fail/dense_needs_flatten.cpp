// FIRST-ERROR: ctml::dense: input must have rank 1; insert ctml::flatten before it
// EXPECT: input_rank_mismatch<ctml::dense<.*, 1, ctml::shape<4, 4, 4> ?>
// ERRORS: 1
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

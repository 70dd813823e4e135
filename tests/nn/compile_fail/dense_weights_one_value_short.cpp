// FIRST-ERROR: ctml::dense: an initializer of the weights object lists fewer or more values than it holds
// EXPECT: initializer_length_mismatch<ctml::dense<.*, ctml::weights_member::weights, 6, 5 ?>
// ERRORS: 1
// A hand-written weights initializer one value short: a std::array would silently make the last
// weight zero; ctml::param_array counts the values and the layer refuses the list.
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
inline constexpr ctml::dense_weights<std::int8_t, 2, 3> fc{
#ifdef CTML_COMPILE_FAIL_OK
    .weights = {1, 2, 3, 4, 5, 6},
#else
    .weights = {1, 2, 3, 4, 5},
#endif
    .bias = {0, 0},
    .weight_scales = {0.01f},
    .output = {0.1f, 0}};
}  // namespace d

struct model final : ctml::sequential<ctml::input<ctml::shape<3>, std::int8_t, d::q>,
                                      ctml::dense<ctml::dense_options{.units = 2}, d::fc>> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

// FIRST-ERROR: ctml::strided_slice: the slice is empty along an axis
// ERRORS: 1
// begin 6 on an axis of 4 elements: TensorFlow clamps it to the end, which leaves nothing; ctml
// tensors have no empty axes, so the build stops with one error (and none from the layers after it).
#include <ctml/nn.hpp>

namespace d {
inline constexpr ctml::quantization q{0.1f, 0};
}  // namespace d

#ifdef CTML_COMPILE_FAIL_OK
constexpr ctml::strided_slice_options slice{.begin = {2, 0}, .end = {4, 3}};
#else
constexpr ctml::strided_slice_options slice{.begin = {6, 0}, .end = {8, 3}};
#endif
struct model final : ctml::sequential<ctml::input<ctml::shape<4, 3>, std::int8_t, d::q>,
                                      ctml::strided_slice<slice>, ctml::relu> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return arena.output()[0];
}

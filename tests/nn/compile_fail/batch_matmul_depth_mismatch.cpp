// FIRST-ERROR: ctml::batch_matmul: the operands' depths .after adj_x / adj_y. differ
// EXPECT: batch_matmul_shapes_mismatch<ctml::batch_matmul<
// ERRORS: 1
// An input [1, 3, 5] times a constant [4, 2] (depth 5 against 4), followed by more layers: one error.
#include <ctml/nn.hpp>

#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::constant_operand<float, ctml::shape<5, 2>> c{};
#else
inline constexpr ctml::constant_operand<float, ctml::shape<4, 2>> c{};
#endif

struct model final : ctml::sequential<ctml::input<ctml::shape<3, 5>, float>,
                                      ctml::batch_matmul<ctml::batch_matmul_options{}, c>, ctml::flatten> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return static_cast<int>(arena.output()[0]);
}

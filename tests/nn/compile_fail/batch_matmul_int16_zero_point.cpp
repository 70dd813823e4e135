// FIRST-ERROR: ctml::batch_matmul: int16 needs zero points 0
// EXPECT: invalid_quantization<ctml::batch_matmul<
// ERRORS: 1
// An int16 constant with zero point 3 (TFLite's int16 BATCH_MATMUL is symmetric), then more layers: one
// error.
#include <cstdint>

#include <ctml/nn.hpp>

inline constexpr ctml::quantization q{0.02f, 0};

#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::constant_operand<std::int16_t, ctml::shape<4, 2>> c{
    .values = {}, .quant = {0.01f, 0}, .output = {0.05f, 0}};
#else
inline constexpr ctml::constant_operand<std::int16_t, ctml::shape<4, 2>> c{
    .values = {}, .quant = {0.01f, 3}, .output = {0.05f, 0}};
#endif

struct model final : ctml::sequential<ctml::input<ctml::shape<3, 4>, std::int16_t, q>,
                                      ctml::batch_matmul<ctml::batch_matmul_options{}, c>, ctml::flatten> {};

ctml::arena<model> arena;
int main() {
  model::invoke(arena);
  return static_cast<int>(arena.output()[0]);
}

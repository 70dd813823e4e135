// Small models shared by the multi-input / multi-output compile-fail cases.
#pragma once
#include <ctml/ctml.hpp>

namespace d {
inline constexpr ctml::quantization q{0.05f, 0};
}  // namespace d

// Two inputs, one output.
struct two_in final : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<4>, std::int8_t, d::q>>,
                                  ctml::node<"b", ctml::input<ctml::shape<4>, std::int8_t, d::q>>,
                                  ctml::node<"sum", ctml::add<ctml::add_options{}, d::q>, "a", "b">> {};
// One input, two outputs.
struct two_out final : ctml::graph<ctml::node<"x", ctml::input<ctml::shape<4>, float>>,
                                   ctml::node<"sq", ctml::mul<>, "x", "x">,
                                   ctml::node<"d", ctml::sub<>, "sq", "x">, ctml::outputs<"d", "sq">> {};

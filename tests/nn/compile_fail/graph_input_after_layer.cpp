// EXPECT: list every input node \(ctml::input\) before the first layer node
// A graph input node listed after a layer node.
#include <ctml/ctml.hpp>

#ifdef CTML_COMPILE_FAIL_OK
struct late final
    : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<4>, float>>,
                  ctml::node<"b", ctml::input<ctml::shape<4>, float>>,
                  ctml::node<"neg", ctml::sub<>, "a", "a">, ctml::node<"y", ctml::add<>, "neg", "b">> {};
#else
struct late final
    : ctml::graph<
          ctml::node<"a", ctml::input<ctml::shape<4>, float>>, ctml::node<"neg", ctml::sub<>, "a", "a">,
          ctml::node<"b", ctml::input<ctml::shape<4>, float>>, ctml::node<"y", ctml::add<>, "neg", "b">> {};
#endif
static_assert(late::arena_bytes > 0);

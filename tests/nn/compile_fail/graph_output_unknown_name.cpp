// EXPECT: graph_output_is_not_a_node<.*("prod"|112, 114, 111, 100, 0)
// ctml::outputs names a node the graph does not have.
#include <ctml/ctml.hpp>

struct two final
    : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<4>, float>>,
                  ctml::node<"sum", ctml::add<>, "a", "a">, ctml::node<"diff", ctml::sub<>, "sum", "a">,
#ifdef CTML_COMPILE_FAIL_OK
                  ctml::outputs<"sum", "diff">> {
#else
                  ctml::outputs<"sum", "prod">> {
#endif
};
static_assert(two::output_count == 2);

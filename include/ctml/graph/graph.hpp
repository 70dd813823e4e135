#pragma once
// ctml::graph: a directed acyclic graph of named layers (residual connections, shared tensors).

#include <cstddef>
#include <utility>

#include <ctml/core/fixed_string.hpp>
#include <ctml/graph/model.hpp>

namespace ctml {

/// A named layer and the names of the nodes it reads, for ctml::graph. The first node of a graph is
/// its input: `ctml::node<"input", ctml::input<...>>`.
/// Usage: `ctml::node<"sum", ctml::add<opts, out_q>, "conv2", "input">`
template <fixed_string Name, class Layer, fixed_string... Inputs>
struct node {
  static constexpr auto name = Name;
  using layer = Layer;
};

namespace detail {
// Declared, never defined: shows the unknown name when a node reads a name not defined before it.
template <fixed_string Name>
struct graph_input_not_defined_before_use;

template <fixed_string Wanted, class... Nodes>
consteval std::size_t find_node() {
  std::size_t found = static_cast<std::size_t>(-1), k = 0;
  ((Nodes::name == Wanted && found == static_cast<std::size_t>(-1) ? (found = k, ++k) : ++k), ...);
  return found;
}
template <fixed_string Wanted, class... Nodes>
consteval std::size_t node_index() {
  constexpr std::size_t found = find_node<Wanted, Nodes...>();
  if constexpr (found == static_cast<std::size_t>(-1)) {
    return sizeof(graph_input_not_defined_before_use<Wanted>);
  } else {
    return found;
  }
}

template <class Prefix, class Node>
struct node_edge;
template <class... Before, fixed_string Name, class Layer, fixed_string... Inputs>
struct node_edge<type_list<Before...>, node<Name, Layer, Inputs...>> {
  using type = edge<Layer, node_index<Inputs, Before...>()...>;
};

template <class Done, class... Nodes>
struct graph_edges;
template <class... Done>
struct graph_edges<type_list<Done...>> {
  using type = type_list<>;
};
template <class... Done, class N, class... Rest>
struct graph_edges<type_list<Done...>, N, Rest...> {
  using type = typename prepend<typename node_edge<type_list<Done...>, N>::type,
                                typename graph_edges<type_list<Done..., N>, Rest...>::type>::type;
};

template <class InputNode, class Edges>
struct graph_base;
template <fixed_string Name, class Input, class... Edges>
struct graph_base<node<Name, Input>, type_list<Edges...>> {
  using type = model<Input, Edges...>;
};
}  // namespace detail

/// A model whose layers form a DAG, each node naming the nodes it reads; nodes are listed in
/// execution order and the last one is the output. Shapes are inferred and the arena planned at
/// compile time from every tensor's lifetime, as for ctml::sequential.
/// Usage:
///   struct ic final : ctml::graph<
///       ctml::node<"input", ctml::input<ctml::shape<32, 32, 3>, std::int8_t, d::in_q>>,
///       ctml::node<"c0", ctml::conv2d<...>, "input">,
///       ctml::node<"c1", ctml::conv2d<...>, "c0">,
///       ctml::node<"sum", ctml::add<ctml::add_options{}, d::sum_q>, "c0", "c1">> {};
template <class InputNode, class... Nodes>
struct graph
    : detail::graph_base<InputNode,
                         typename detail::graph_edges<detail::type_list<InputNode>, Nodes...>::type>::type {};

}  // namespace ctml

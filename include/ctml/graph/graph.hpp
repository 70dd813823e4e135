#pragma once
// ctml::graph: a directed acyclic graph of named layers (residual connections, shared tensors), with one
// or several inputs and outputs.

#include <cstddef>
#include <type_traits>
#include <utility>

#include <ctml/core/fixed_string.hpp>
#include <ctml/graph/model.hpp>

namespace ctml {

/// A named layer and the names of the nodes it reads, for ctml::graph. A graph's first nodes are its
/// inputs: `ctml::node<"input", ctml::input<...>>`, one per model input.
/// Usage: `ctml::node<"sum", ctml::add<opts, out_q>, "conv2", "input">`
template <fixed_string Name, class Layer, fixed_string... Inputs>
struct node {
  static constexpr auto name = Name;
  using layer = Layer;
};

/// The nodes a ctml::graph returns, in order: its last entry, for a model with several outputs (or
/// whose output is not its last node). `arena.output<I>()` is the output of the I-th name.
/// Usage: `ctml::graph<..., ctml::outputs<"sum", "diff">>`
template <fixed_string... Names>
struct outputs {
  static_assert(sizeof...(Names) >= 1, "ctml::outputs: name at least one node");
};

namespace detail {
// Declared, never defined: shows the unknown name when a node reads a name not defined before it.
template <fixed_string Name>
struct graph_input_not_defined_before_use;
// Always false: named in the static_assert on an output that is no node of the graph, to show its name.
template <fixed_string Name>
inline constexpr bool graph_output_is_not_a_node = false;

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
template <fixed_string Wanted, class... Nodes>
consteval std::size_t output_index() {
  constexpr std::size_t found = find_node<Wanted, Nodes...>();
  if constexpr (found == static_cast<std::size_t>(-1)) {
    static_assert(graph_output_is_not_a_node<Wanted>,
                  "ctml::outputs<...>: a name is not a node of the graph");
    return sizeof...(Nodes) - 1;  // the last node, so that nothing else fails
  } else {
    return found;
  }
}

// A node whose layer is a ctml::input (it has a tensor spec and no inputs): a model input.
template <class N>
inline constexpr bool is_input_node = false;
template <fixed_string Name, class Layer>
requires requires {
  typename Layer::spec;
}
inline constexpr bool is_input_node<node<Name, Layer>> = true;
template <class E>
inline constexpr bool is_outputs = false;
template <fixed_string... Names>
inline constexpr bool is_outputs<outputs<Names...>> = true;

template <class Prefix, class Node>
struct node_edge;
template <class... Before, fixed_string Name, class Layer, fixed_string... Inputs>
struct node_edge<type_list<Before...>, node<Name, Layer, Inputs...>> {
  using type = edge<Layer, node_index<Inputs, Before...>()...>;
};

// The edges of the layer nodes (input nodes make none; they come first, so a node's position among
// all nodes is its tensor index).
template <class Done, class... Nodes>
struct graph_edges;
template <class... Done>
struct graph_edges<type_list<Done...>> {
  using type = type_list<>;
};
template <bool Input, class Done, class N, class Rest>
struct add_edge {
  using type = typename prepend<typename node_edge<Done, N>::type, Rest>::type;
};
template <class Done, class N, class Rest>
struct add_edge<true, Done, N, Rest> {
  using type = Rest;
};
template <class... Done, class N, class... Rest>
struct graph_edges<type_list<Done...>, N, Rest...> {
  using type = typename add_edge<is_input_node<N>, type_list<Done...>, N,
                                 typename graph_edges<type_list<Done..., N>, Rest...>::type>::type;
};

// The unbound layer of the stand-in model of a graph that failed its checks.
struct failed_graph {
  template <class In, class...>
  using bind = failed_layer<In>;
};

template <class Outs, class... Nodes>
struct graph_outputs;
template <class... Nodes>
struct graph_outputs<void, Nodes...> {  // no ctml::outputs: the last node
  using type = output_list<sizeof...(Nodes) - 1>;
};
template <fixed_string... Names, class... Nodes>
struct graph_outputs<outputs<Names...>, Nodes...> {
  using type = output_list<output_index<Names, Nodes...>()...>;
};

template <class Nodes, class Outs>
struct graph_model;
template <class... Nodes, class Outs>
struct graph_model<type_list<Nodes...>, Outs> {
  static constexpr std::size_t input_count = (std::size_t{0} + ... + (is_input_node<Nodes> ? 1 : 0));
  static constexpr bool inputs_first = [] {
    constexpr bool in[] = {is_input_node<Nodes>...};
    for (std::size_t i = 0; i < sizeof...(Nodes); ++i)
      if (in[i] && i >= input_count) return false;
    return true;
  }();
  static_assert(input_count >= 1,
                "ctml::graph: the first node must be ctml::node<\"name\", ctml::input<...>>");
  static_assert(inputs_first, "ctml::graph: list every input node (ctml::input) before the first layer node");
  template <class Edges, std::size_t... I>
  struct make;
  template <class... Edges, std::size_t... I>
  struct make<type_list<Edges...>, I...> {
    using type = model<type_list<typename type_at<I, type_list<Nodes...>>::type::layer...>,
                       typename graph_outputs<Outs, Nodes...>::type, Edges...>;
  };
  template <class Edges, class Seq>
  struct make_seq;
  template <class Edges, std::size_t... I>
  struct make_seq<Edges, std::index_sequence<I...>> {
    using type = typename make<Edges, I...>::type;
  };
  struct checked {
    using type = typename make_seq<typename graph_edges<type_list<>, Nodes...>::type,
                                   std::make_index_sequence<input_count>>::type;
  };
  // After a failed check above, a one-layer stand-in model, so that the static_assert stays the only error.
  struct failed {
    using type = model<type_list<input<shape<1>, float>>, output_list<1>, edge<failed_graph, 0>>;
  };
  using type = typename std::conditional_t<input_count >= 1 && inputs_first, checked, failed>::type;
};

// Splits a trailing ctml::outputs off the entries.
template <class Nodes, class... Entries>
struct graph_base;
template <class... Nodes>
struct graph_base<type_list<Nodes...>> {
  using type = typename graph_model<type_list<Nodes...>, void>::type;
};
template <class... Nodes, class E, class... Rest>
struct graph_base<type_list<Nodes...>, E, Rest...> {
  static_assert(!is_outputs<E> || sizeof...(Rest) == 0,
                "ctml::graph: ctml::outputs<...> must be the last entry");
  using type =
      typename std::conditional_t<is_outputs<E> && sizeof...(Rest) == 0, graph_model<type_list<Nodes...>, E>,
                                  graph_base<type_list<Nodes..., E>, Rest...>>::type;
};
}  // namespace detail

/// A model whose layers form a DAG, each node naming the nodes it reads; nodes are listed in
/// execution order, after the input nodes (one per model input). The last node is the output, or the
/// nodes a final `ctml::outputs<...>` names. Shapes are inferred and the arena planned at compile time
/// from every tensor's lifetime (each input stays alive until its last reader), as for
/// ctml::sequential.
/// Usage:
///   struct ic final : ctml::graph<
///       ctml::node<"input", ctml::input<ctml::shape<32, 32, 3>, std::int8_t, d::in_q>>,
///       ctml::node<"c0", ctml::conv2d<...>, "input">,
///       ctml::node<"c1", ctml::conv2d<...>, "c0">,
///       ctml::node<"sum", ctml::add<ctml::add_options{}, d::sum_q>, "c0", "c1">> {};
///   struct two final : ctml::graph<
///       ctml::node<"a", ctml::input<ctml::shape<8>, float>>,
///       ctml::node<"b", ctml::input<ctml::shape<8>, float>>,
///       ctml::node<"sum", ctml::add<>, "a", "b">,
///       ctml::node<"prod", ctml::mul<>, "a", "b">,
///       ctml::outputs<"sum", "prod">> {};
///   arena.input<0>(), arena.input<1>() before two::invoke(arena); arena.output<1>() after.
template <class InputNode, class... Nodes>
struct graph : detail::graph_base<detail::type_list<>, InputNode, Nodes...>::type {};

}  // namespace ctml

#pragma once
// The machinery every model shares (ctml::sequential, ctml::graph): binding layers to their inputs
// (shape inference), the compile-time memory plan, the per-layer table, and running an inference.
// A model is a list of *edges*: edge k runs a layer on tensors `Inputs...` (0 is the model input,
// j > 0 the output of edge j - 1) and produces tensor k + 1. Edges are in execution order.

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include <ctml/graph/arena.hpp>
#include <ctml/graph/planner.hpp>
#include <ctml/graph/type_list.hpp>
#include <ctml/layers/input.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

/// One row of a model's per-layer table (what `ctml::print_summary` prints).
struct layer_info {
  const char* name;
  std::array<int, 4> shape;  ///< output shape, `rank` entries used
  std::size_t rank;
  std::size_t params;        ///< trainable parameters (weights + biases)
  std::size_t macs;          ///< multiply-accumulates per inference
  std::size_t weight_bytes;  ///< flash the layer's constants take
  std::size_t offset;        ///< arena offset of the output tensor
  std::size_t bytes;         ///< output tensor bytes
};

namespace detail {

/// A layer applied to tensors `Inputs...` of the model (see the top of this header).
template <class Layer, std::size_t... Inputs>
struct edge {
  static_assert(sizeof...(Inputs) >= 1, "ctml: every layer needs at least one input tensor");
};

template <class B>
constexpr std::size_t params_of() {
  if constexpr (requires { B::params; })
    return B::params;
  else
    return 0;
}
template <class Spec>
constexpr std::array<int, 4> dims4() {
  std::array<int, 4> d{};
  for (std::size_t i = 0; i < Spec::shape::rank && i < 4; ++i) d[i] = Spec::shape::dims[i];
  return d;
}

// Layer `Layer` bound to input specs `In...`; once an earlier layer failed its checks, a
// failed_layer instead: later errors would only follow from the first, which stays the only one.
template <bool Failed, class Layer, class... In>
struct bind_one {
  static_assert(
      requires { typename Layer::template bind<In...>; },
      "ctml: a model entry is not a ctml layer taking this many inputs (see layers/layer.hpp)");
  using type = typename Layer::template bind<In...>;
  static_assert(BoundLayer<type>, "ctml: a layer does not implement the layer protocol (layers/layer.hpp)");
};
template <class Layer, class In0, class... In>
struct bind_one<true, Layer, In0, In...> {
  using type = failed_layer<In0>;
};

// Binds edges left to right. `Specs` is the list of tensor specs known so far (tensor j at j).
template <bool Failed, class Specs, class... Edges>
struct bind_edges {
  using type = type_list<>;
};
template <bool Failed, class... Specs, class Layer, std::size_t... In, class... Rest>
struct bind_edges<Failed, type_list<Specs...>, edge<Layer, In...>, Rest...> {
  static_assert(((In < sizeof...(Specs)) && ...), "ctml: a layer reads a tensor that is produced later");
  using bound = typename bind_one<Failed, Layer, typename type_at<In, type_list<Specs...>>::type...>::type;
  using type =
      typename prepend<bound,
                       typename bind_edges<Failed || is_failed_layer<bound>,
                                           type_list<Specs..., typename bound::output>, Rest...>::type>::type;
};

template <class Edge>
struct edge_inputs;
template <class Layer, std::size_t... In>
struct edge_inputs<edge<Layer, In...>> {
  static constexpr std::array<std::size_t, sizeof...(In)> value{In...};
};

/// The model behind ctml::sequential and ctml::graph.
template <class Input, class... Edges>
struct model {
  static_assert(
      requires { typename Input::spec; },
      "ctml: the first entry of a model must be ctml::input<shape, type[, quantization]>");
  static_assert(sizeof...(Edges) >= 1, "ctml: a model needs at least one layer");

  using input_spec = typename Input::spec;
  using bound_layers = typename bind_edges<false, type_list<input_spec>, Edges...>::type;
  static constexpr std::size_t layer_count = sizeof...(Edges);
  template <std::size_t I>
  using layer = typename type_at<I, bound_layers>::type;
  using output_spec = typename layer<layer_count - 1>::output;
  using input_type = typename input_spec::value_type;
  using output_type = typename output_spec::value_type;
  using input_shape = typename input_spec::shape;
  using output_shape = typename output_spec::shape;

 private:
  template <class F, std::size_t... I>
  static constexpr auto for_layers(F f, std::index_sequence<I...>) {
    return f.template operator()<layer<I>...>();
  }
  template <class F>
  static constexpr auto for_layers(F f) {
    return for_layers(f, std::make_index_sequence<layer_count>{});
  }
  static constexpr std::array<std::array<std::size_t, 4>, layer_count> inputs_of = [] {
    std::array<std::array<std::size_t, 4>, layer_count> table{};
    std::size_t k = 0;
    ((
         table[k] =
             [] {
               std::array<std::size_t, 4> r{};
               for (std::size_t i = 0; i < 4; ++i)
                 r[i] = i < edge_inputs<Edges>::value.size() ? edge_inputs<Edges>::value[i]
                                                             : static_cast<std::size_t>(-1);
               return r;
             }(),
         ++k),
     ...);
    return table;
  }();
  // The last edge reading each tensor (the model output is read "after" the last edge).
  static constexpr std::array<int, layer_count + 1> last_use = [] {
    std::array<int, layer_count + 1> last{};
    for (auto& l : last) l = -1;
    for (std::size_t k = 0; k < layer_count; ++k)
      for (std::size_t tensor : inputs_of[k])
        if (tensor != static_cast<std::size_t>(-1)) last[tensor] = static_cast<int>(k);
    last[layer_count] = static_cast<int>(layer_count);
    return last;
  }();

  // Tensors: 0 is the input, k + 1 the output of edge k, then one scratch buffer per edge.
  static constexpr std::size_t tensor_count = 2 * layer_count + 1;
  struct plan_t {
    std::array<std::size_t, tensor_count> offsets{};
    std::size_t arena_bytes = 0;
  };
  static constexpr plan_t plan = [] {
    std::array<tensor_lifetime, tensor_count> t{};
    t[0] = {input_spec::bytes, -1, last_use[0], -1};
    std::size_t k = 0;
    for_layers([&]<class... B>() {
      ((t[k + 1] = {B::output::bytes, static_cast<int>(k), last_use[k + 1],
                    // Run in place over the first input when the layer allows it and nothing later
                    // reads that input (the input is not the model's, which the caller owns).
                    B::in_place && inputs_of[k][0] != 0 && last_use[inputs_of[k][0]] == static_cast<int>(k)
                        ? static_cast<int>(inputs_of[k][0])
                        : -1},
        t[layer_count + 1 + k] = {B::scratch_bytes, static_cast<int>(k), static_cast<int>(k), -1}, ++k),
       ...);
      return 0;
    });
    std::array<std::size_t, tensor_count> order{};
    std::array<tensor_lifetime, tensor_count> merged{};
    plan_t p;
    p.arena_bytes = plan_arena(t.data(), tensor_count, p.offsets.data(), order.data(), merged.data());
    return p;
  }();
  static constexpr std::array<std::size_t, layer_count> state_offsets = [] {
    std::array<std::size_t, layer_count> s{};
    std::size_t at = 0, i = 0;
    for_layers([&]<class... B>() {
      ((s[i++] = at, at += align_up(B::state_bytes)), ...);
      return 0;
    });
    return s;
  }();

 public:
  /// Bytes of the arena one inference needs: every activation and scratch buffer, planned from
  /// their lifetimes (buffers not alive at the same time share bytes).
  static constexpr std::size_t arena_bytes = plan.arena_bytes;
  /// Bytes of persistent layer state (recurrent layers) kept between inferences, outside the arena.
  static constexpr std::size_t state_bytes =
      for_layers([]<class... B>() { return (std::size_t{0} + ... + align_up(B::state_bytes)); });
  /// Flash bytes of constants the kernels read (weights, biases, requantization multipliers).
  static constexpr std::size_t weight_bytes =
      for_layers([]<class... B>() { return (std::size_t{0} + ... + B::weight_bytes); });
  /// Trainable parameters, as Keras counts them.
  static constexpr std::size_t params =
      for_layers([]<class... B>() { return (std::size_t{0} + ... + detail::params_of<B>()); });
  /// Multiply-accumulates per inference.
  static constexpr std::size_t macs =
      for_layers([]<class... B>() { return (std::size_t{0} + ... + B::macs); });
  /// RAM the model needs: arena plus state.
  static constexpr std::size_t ram_bytes = arena_bytes + state_bytes;
  /// The names every ctml model kind shares (ctml::Budgeted, docs/memory.md): the constants in flash
  /// (= weight_bytes) and the RAM used only during one inference (= arena_bytes).
  static constexpr std::size_t flash_bytes = weight_bytes;
  static constexpr std::size_t scratch_bytes = arena_bytes;
  /// Number of layers (one row of `layers` each).
  static constexpr std::size_t num_layers = layer_count;
  /// Arena offsets of the input and output tensors.
  static constexpr std::size_t input_offset = plan.offsets[0];
  static constexpr std::size_t output_offset = plan.offsets[layer_count];
  /// Arena offset of each tensor (0: input, k + 1: output of layer k); for tools that draw the plan.
  static constexpr std::array<std::size_t, layer_count + 1> tensor_offsets = [] {
    std::array<std::size_t, layer_count + 1> o{};
    for (std::size_t i = 0; i <= layer_count; ++i) o[i] = plan.offsets[i];
    return o;
  }();
  /// Index of the last layer that reads each tensor (layer_count for the model output).
  static constexpr std::array<int, layer_count + 1> tensor_last_use = last_use;

  /// The per-layer table: name, output shape, params, MACs, flash, arena offset and bytes.
  static constexpr std::array<layer_info, layer_count> layers = [] {
    std::array<layer_info, layer_count> rows{};
    std::size_t i = 0;
    for_layers([&]<class... B>() {
      ((rows[i] = {B::name, dims4<typename B::output>(), B::output::shape::rank, params_of<B>(), B::macs,
                   B::weight_bytes, plan.offsets[i + 1], B::output::bytes},
        ++i),
       ...);
      return 0;
    });
    return rows;
  }();

  /// Runs one inference in `arena`: write the input to `arena.input()` first, read the result from
  /// `arena.output()` after; the input may be overwritten. Stateless models take the arena alone,
  /// stateful ones (`state_bytes > 0`: recurrent layers) also their `ctml::state`; any other
  /// combination does not compile. `observe(layer_index, output_bytes)`, if given, is called after
  /// each layer (tests, profiling). Usage (docs/memory.md, "Running a model"):
  ///   static ctml::arena<kws> arena;  kws::invoke(arena);
  ///   static ctml::state<monitor> state;  monitor::invoke(arena, state);
  template <ModelOf<model> M, LayerObserver Observer = ignore_layers>
  requires StatelessModel<M>
  static void invoke(ctml::arena<M>& arena, Observer&& observe = {}) noexcept {
    run_layers(arena.data(), nullptr, observe, std::make_index_sequence<layer_count>{});
  }
  template <ModelOf<model> M, ModelOf<model> S, LayerObserver Observer = ignore_layers>
  requires StatefulModel<M>
  static void invoke(ctml::arena<M>& arena, ctml::state<S>& state, Observer&& observe = {}) noexcept {
    run_layers(arena.data(), state.data(), observe, std::make_index_sequence<layer_count>{});
  }

 private:
  // Clears the persistent state of every stateful layer: `ctml::state<Model>::reset()`, the only
  // caller, so no raw pointer reaches the layers from outside.
  template <class>
  friend struct ctml::state;
  static void reset(std::byte* state) noexcept {
    reset_layers(state, std::make_index_sequence<layer_count>{});
  }
  template <class Observer, std::size_t... I>
  static void run_layers(std::byte* arena, std::byte* state, Observer& observe,
                         std::index_sequence<I...>) noexcept {
    (run_layer<I>(arena, state, observe,
                  std::make_index_sequence<
                      edge_inputs<typename type_at<I, type_list<Edges...>>::type>::value.size()>{}),
     ...);
  }
  template <std::size_t I, class Observer, std::size_t... J>
  static void run_layer(std::byte* arena, std::byte* state, Observer& observe,
                        std::index_sequence<J...>) noexcept {
    using B = layer<I>;
    using out_t = typename B::output::value_type;
    using in_t = typename B::input::value_type;
    auto* y = reinterpret_cast<out_t*>(arena + plan.offsets[I + 1]);
    std::byte* scratch = arena + plan.offsets[layer_count + 1 + I];
    if constexpr (B::state_bytes > 0) {
      B::run(reinterpret_cast<const in_t*>(arena + plan.offsets[inputs_of[I][J]])..., y, scratch,
             state + state_offsets[I]);
    } else {
      B::run(reinterpret_cast<const in_t*>(arena + plan.offsets[inputs_of[I][J]])..., y, scratch);
    }
    (void)state;
    observe(I, std::span<const std::byte>(arena + plan.offsets[I + 1], B::output::bytes));
  }
  template <std::size_t... I>
  static void reset_layers(std::byte* state, std::index_sequence<I...>) noexcept {
    (reset_one<I>(state), ...);
  }
  template <std::size_t I>
  static void reset_one(std::byte* state) noexcept {
    if constexpr (layer<I>::state_bytes > 0) layer<I>::reset(state + state_offsets[I]);
  }
};

}  // namespace detail
}  // namespace ctml

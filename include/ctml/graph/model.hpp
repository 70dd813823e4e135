#pragma once
// The machinery every model shares (ctml::sequential, ctml::graph): binding layers to their inputs
// (shape inference), the compile-time memory plan, the per-layer table, and running an inference.
// A model has NI inputs and is a list of *edges*: edge k runs a layer on tensors `Inputs...` (j < NI
// is model input j, j >= NI the output of edge j - NI) and produces tensor NI + k. Edges are in
// execution order. Its outputs are a list of tensors (by default the output of the last edge).

#include <algorithm>
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
  bool in_place;             ///< the output is written over the input's bytes (docs/memory.md)
  /// Weighted layers (conv2d, depthwise_conv2d, dense): weight values, how many are not zero, whether
  /// the layer's kernel is a sparse one (docs/pruning.md), the MACs it performs, and the flash its
  /// constants would take with the dense kernel. 0, false, `macs`, `weight_bytes` for the others.
  std::size_t weights = 0;
  std::size_t nonzero_weights = 0;
  bool sparse = false;
  std::size_t macs_run = 0;
  std::size_t dense_weight_bytes = 0;
};

namespace detail {

/// The tensors a model returns (see the top of this header), in order.
template <std::size_t... Tensors>
struct output_list {};

/// A layer applied to tensors `Inputs...` of the model (see the top of this header).
template <class Layer, std::size_t... Inputs>
struct edge {
  static_assert(sizeof...(Inputs) >= 1, "ctml: every layer needs at least one input tensor");
};

/// Whether bound layer B can also run in place over its input with a few rows of scratch (a conv
/// that ctml::scheduled may turn in place: layers/in_place.hpp).
template <class B>
inline constexpr bool has_in_place_variant = requires {
  requires B::in_place_variant::supported;
};

template <class B>
constexpr std::size_t params_of() {
  if constexpr (requires { B::params; })
    return B::params;
  else
    return 0;
}
/// B's row of the table, with what its weights say about sparsity when B tells (layers with weights).
template <class B>
constexpr layer_info sparsity_of(layer_info row) {
  row.macs_run = row.macs;
  row.dense_weight_bytes = row.weight_bytes;
  if constexpr (requires {
                  B::weight_count, B::nonzero_weights, B::sparse_kernel, B::macs_run, B::dense_weight_bytes;
                }) {
    row.weights = B::weight_count;
    row.nonzero_weights = B::nonzero_weights;
    row.sparse = B::sparse_kernel;
    row.macs_run = B::macs_run;
    row.dense_weight_bytes = B::dense_weight_bytes;
  }
  return row;
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

template <class Input>
struct input_spec_of {
  static_assert(
      requires { typename Input::spec; },
      "ctml: the first entry of a model must be ctml::input<shape, type[, quantization]>");
  using type = typename Input::spec;
};

/// The model behind ctml::sequential and ctml::graph: inputs `Inputs...` (ctml::input), the tensors
/// it returns, and its edges.
template <class Inputs, class Outputs, class... Edges>
struct model;
template <class... Inputs, std::size_t... Outputs, class... Edges>
struct model<type_list<Inputs...>, output_list<Outputs...>, Edges...> {
  static_assert(sizeof...(Inputs) >= 1, "ctml: a model needs at least one input");
  static_assert(sizeof...(Outputs) >= 1, "ctml: a model needs at least one output");
  static_assert(sizeof...(Edges) >= 1, "ctml: a model needs at least one layer");
  static_assert(((Outputs >= sizeof...(Inputs) && Outputs < sizeof...(Inputs) + sizeof...(Edges)) && ...),
                "ctml: a model output must be the output of one of its layers");

  /// Number of model inputs and outputs (`arena.input<I>()`, `arena.output<I>()`).
  static constexpr std::size_t input_count = sizeof...(Inputs);
  static constexpr std::size_t output_count = sizeof...(Outputs);
  /// The tensor spec of input `I` (shape, element type, quantization).
  template <std::size_t I>
  using input_spec_at = typename type_at<I, type_list<typename input_spec_of<Inputs>::type...>>::type;
  using bound_layers =
      typename bind_edges<false, type_list<typename input_spec_of<Inputs>::type...>, Edges...>::type;
  static constexpr std::size_t layer_count = sizeof...(Edges);
  template <std::size_t I>
  using layer = typename type_at<I, bound_layers>::type;

 private:
  static constexpr std::size_t ni = input_count;
  static constexpr std::array<std::size_t, output_count> output_tensor_list{Outputs...};

 public:
  /// The tensor spec of output `I`.
  template <std::size_t I>
  using output_spec_at = typename layer<output_tensor_list[I] - ni>::output;
  /// Input 0 and output 0 (the only ones of a one-input, one-output model).
  using input_spec = input_spec_at<0>;
  using output_spec = output_spec_at<0>;
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
  // The most inputs one edge reads (CONCATENATION takes up to 10; most layers one or two).
  static constexpr std::size_t max_edge_inputs =
      std::max({std::size_t{1}, edge_inputs<Edges>::value.size()...});
  static constexpr std::array<std::array<std::size_t, max_edge_inputs>, layer_count> inputs_of = [] {
    std::array<std::array<std::size_t, max_edge_inputs>, layer_count> table{};
    std::size_t k = 0;
    ((
         table[k] =
             [] {
               std::array<std::size_t, max_edge_inputs> r{};
               for (std::size_t i = 0; i < max_edge_inputs; ++i)
                 r[i] = i < edge_inputs<Edges>::value.size() ? edge_inputs<Edges>::value[i]
                                                             : static_cast<std::size_t>(-1);
               return r;
             }(),
         ++k),
     ...);
    return table;
  }();
  // The last edge reading each tensor: model inputs stay alive until their last reader; the model
  // outputs are read "after" the last edge.
  static constexpr std::array<int, ni + layer_count> last_use = [] {
    std::array<int, ni + layer_count> last{};
    for (auto& l : last) l = -1;
    for (std::size_t k = 0; k < layer_count; ++k)
      for (std::size_t tensor : inputs_of[k])
        if (tensor != static_cast<std::size_t>(-1)) last[tensor] = static_cast<int>(k);
    for (std::size_t out : output_tensor_list) last[out] = static_cast<int>(layer_count);
    return last;
  }();

  // Tensors: the ni inputs, then ni + k the output of edge k, then one scratch buffer per edge.
  static constexpr std::size_t tensor_count = ni + 2 * layer_count;
  using layer_mask = std::array<bool, layer_count>;
  // The lifetimes the planner places; the layers of `convs_in_place` run as their in-place variant
  // (ctml::scheduled asks what-if questions with it, `Scheduling`; the model's own plan sets none,
  // and does not instantiate the in-place variants at all).
  template <bool Scheduling>
  static constexpr std::array<tensor_lifetime, tensor_count> lifetimes(const layer_mask& convs_in_place) {
    std::array<tensor_lifetime, tensor_count> t{};
    {
      // Every input is written before the first edge runs.
      std::size_t i = 0;
      ((t[i] = {input_spec_of<Inputs>::type::bytes, -1, last_use[i], -1}, ++i), ...);
    }
    std::size_t k = 0;
    for_layers([&]<class... B>() {
      ((t[ni + k] = {B::output::bytes, static_cast<int>(k), last_use[ni + k],
                     // Run in place over the first input when the layer allows it and nothing later
                     // reads that input (not a model input, which the caller owns).
                     (B::in_place || convs_in_place[k]) && inputs_of[k][0] >= ni &&
                             last_use[inputs_of[k][0]] == static_cast<int>(k)
                         ? static_cast<int>(inputs_of[k][0])
                         : -1},
        t[ni + layer_count + k] = {scratch_of<Scheduling, B>(convs_in_place[k]), static_cast<int>(k),
                                   static_cast<int>(k), -1},
        ++k),
       ...);
      return 0;
    });
    return t;
  }
  template <bool Scheduling, class B>
  static constexpr std::size_t scratch_of(bool in_place) {
    if constexpr (Scheduling) {
      if constexpr (has_in_place_variant<B>)
        if (in_place) return B::in_place_variant::scratch_bytes;
    }
    (void)in_place;
    return B::scratch_bytes;
  }
  struct plan_t {
    std::array<std::size_t, tensor_count> offsets{};
    std::size_t arena_bytes = 0;
  };
  template <bool Scheduling>
  static constexpr plan_t plan_with(const layer_mask& convs_in_place) {
    const auto t = lifetimes<Scheduling>(convs_in_place);
    std::array<std::size_t, tensor_count> order{};
    std::array<tensor_lifetime, tensor_count> merged{};
    plan_t p;
    p.arena_bytes = plan_arena(t.data(), tensor_count, p.offsets.data(), order.data(), merged.data());
    return p;
  }
  static constexpr plan_t plan = plan_with<false>(layer_mask{});

 public:
  /// For ctml::scheduled (graph/scheduled.hpp): which layers could run in place over their input with
  /// a few rows of scratch (a conv whose input nothing else reads), and what it costs each (bytes
  /// copied, see layers/in_place.hpp).
  static constexpr layer_mask in_place_choices = [] {
    layer_mask m{};
    std::size_t k = 0;
    for_layers([&]<class... B>() {
      ((m[k] = has_in_place_variant<B> && inputs_of[k][0] >= ni &&
               last_use[inputs_of[k][0]] == static_cast<int>(k),
        ++k),
       ...);
      return 0;
    });
    return m;
  }();
  static constexpr std::array<std::size_t, layer_count> in_place_costs = [] {
    std::array<std::size_t, layer_count> c{};
    std::size_t k = 0;
    for_layers([&]<class... B>() {
      ((c[k++] = has_in_place_variant<B> ? B::output::bytes : 0), ...);
      return 0;
    });
    return c;
  }();
  /// The arena bytes of the plan where the layers of `convs_in_place` (among in_place_choices) run in place.
  static constexpr std::size_t arena_bytes_with(const layer_mask& convs_in_place) {
    return plan_with<true>(convs_in_place).arena_bytes;
  }
  /// The bytes alive while each layer runs (its inputs still read later, its output, its scratch)
  /// when the layers of `convs_in_place` run in place: where the arena peaks.
  static constexpr std::array<std::size_t, layer_count> live_bytes_with(const layer_mask& convs_in_place) {
    const auto t = lifetimes<true>(convs_in_place);
    std::array<tensor_lifetime, tensor_count> merged{};
    merge_aliases(t.data(), tensor_count, merged.data());
    std::array<std::size_t, layer_count> live{};
    for (std::size_t k = 0; k < layer_count; ++k)
      live[k] = live_bytes(merged.data(), tensor_count, static_cast<int>(k));
    return live;
  }

 private:
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
  /// Arena offsets of every input and every output tensor.
  static constexpr std::array<std::size_t, input_count> input_offsets = [] {
    std::array<std::size_t, input_count> o{};
    for (std::size_t i = 0; i < input_count; ++i) o[i] = plan.offsets[i];
    return o;
  }();
  static constexpr std::array<std::size_t, output_count> output_offsets = [] {
    std::array<std::size_t, output_count> o{};
    for (std::size_t i = 0; i < output_count; ++i) o[i] = plan.offsets[output_tensor_list[i]];
    return o;
  }();
  /// Arena offsets of input 0 and output 0.
  static constexpr std::size_t input_offset = input_offsets[0];
  static constexpr std::size_t output_offset = output_offsets[0];
  /// Tensor index of each output (see tensor_offsets).
  static constexpr std::array<std::size_t, output_count> output_tensors = output_tensor_list;
  /// Arena offset of each tensor (i < input_count: input i, input_count + k: output of layer k; with
  /// one input, 0 is the input and k + 1 the output of layer k); for tools that draw the plan.
  static constexpr std::array<std::size_t, ni + layer_count> tensor_offsets = [] {
    std::array<std::size_t, ni + layer_count> o{};
    for (std::size_t i = 0; i < ni + layer_count; ++i) o[i] = plan.offsets[i];
    return o;
  }();
  /// Index of the last layer that reads each tensor (layer_count for the model outputs, -1 for an
  /// input nothing reads).
  static constexpr std::array<int, ni + layer_count> tensor_last_use = last_use;
  /// Bytes of each input and each output (also counted in arena_bytes).
  static constexpr std::array<std::size_t, input_count> input_bytes{input_spec_of<Inputs>::type::bytes...};
  static constexpr std::array<std::size_t, output_count> output_bytes = [] {
    std::array<std::size_t, output_count> b{};
    std::size_t i = 0;
    for_layers([&]<class... B>() {
      std::array<std::size_t, layer_count> all{B::output::bytes...};
      for (std::size_t out : output_tensor_list) b[i++] = all[out - ni];
      return 0;
    });
    return b;
  }();

  /// One row per model input (name "input", shape, arena offset and bytes), for summaries.
  static constexpr std::array<layer_info, input_count> input_table = [] {
    std::array<layer_info, input_count> rows{layer_info{
        "input", dims4<typename input_spec_of<Inputs>::type>(), input_spec_of<Inputs>::type::shape::rank, 0,
        0, 0, 0, input_spec_of<Inputs>::type::bytes, false}...};
    for (std::size_t i = 0; i < input_count; ++i) rows[i].offset = plan.offsets[i];
    return rows;
  }();
  /// The per-layer table: name, output shape, params, MACs, flash, arena offset and bytes.
  static constexpr std::array<layer_info, layer_count> layers = [] {
    std::array<layer_info, layer_count> rows{};
    const auto t = lifetimes<false>(layer_mask{});
    std::size_t i = 0;
    for_layers([&]<class... B>() {
      ((rows[i] = sparsity_of<B>({B::name, dims4<typename B::output>(), B::output::shape::rank,
                                  params_of<B>(), B::macs, B::weight_bytes, plan.offsets[ni + i],
                                  B::output::bytes, t[ni + i].alias >= 0}),
        ++i),
       ...);
      return 0;
    });
    return rows;
  }();

  /// Runs one inference in `arena`: write the input to `arena.input()` first (each input to
  /// `arena.input<I>()` for several), read the result from `arena.output()` (`arena.output<I>()`)
  /// after; the inputs may be overwritten. Stateless models take the arena alone,
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
    auto* y = reinterpret_cast<out_t*>(arena + plan.offsets[ni + I]);
    std::byte* scratch = arena + plan.offsets[ni + layer_count + I];
    if constexpr (B::state_bytes > 0) {
      B::run(reinterpret_cast<const in_t*>(arena + plan.offsets[inputs_of[I][J]])..., y, scratch,
             state + state_offsets[I]);
    } else {
      B::run(reinterpret_cast<const in_t*>(arena + plan.offsets[inputs_of[I][J]])..., y, scratch);
    }
    (void)state;
    observe(I, std::span<const std::byte>(arena + plan.offsets[ni + I], B::output::bytes));
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

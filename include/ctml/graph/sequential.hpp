#pragma once
// ctml::sequential: a chain of layers with compile-time shape inference and a compile-time memory plan.

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

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

// Binds each layer to the output of the one before it: shape inference, one layer at a time.
template <class In, class... Ls>
struct bind_chain {
  using type = type_list<>;
};
template <class In, class L, class... Ls>
struct bind_chain<In, L, Ls...> {
  static_assert(
      requires { typename L::template bind<In>; },
      "ctml::sequential: every entry after ctml::input must be a ctml layer (with a nested bind<In>)");
  using bound = typename L::template bind<In>;
  static_assert(BoundLayer<bound>,
                "ctml::sequential: a layer does not implement the layer protocol (layers/layer.hpp)");
  using type = typename prepend<bound, typename bind_chain<typename bound::output, Ls...>::type>::type;
};

template <class B>
constexpr std::size_t params_of() {
  if constexpr (requires { B::params; })
    return B::params;
  else
    return 0;
}
template <class B>
constexpr bool aliases_input() {
  if constexpr (requires { B::alias; })
    return B::alias;
  else
    return false;
}

template <class Spec>
constexpr std::array<int, 4> dims4() {
  std::array<int, 4> d{};
  for (std::size_t i = 0; i < Spec::shape::rank && i < 4; ++i) d[i] = Spec::shape::dims[i];
  return d;
}

}  // namespace detail

/// A model made of a chain of layers, like `keras.Sequential`. Each layer's input shape is the
/// previous layer's output shape, checked at compile time. Give the model a strong name:
///   struct kws final : ctml::sequential<ctml::input<ctml::shape<49, 10, 1>, std::int8_t, q>,
///                                       ctml::conv2d<...>, ..., ctml::softmax<>> {};
///   static ctml::arena<kws> arena;  std::ranges::copy(features, arena.input().begin());
///   kws::invoke(arena);  auto scores = arena.output();
/// Compile-time facts: `arena_bytes`, `state_bytes`, `weight_bytes`, `macs`, `layers` (a table).
template <class Input, class... Layers>
struct sequential {
  static_assert(
      requires { typename Input::spec; },
      "ctml::sequential: the first entry must be ctml::input<shape, type[, quantization]>");
  static_assert(sizeof...(Layers) >= 1, "ctml::sequential: a model needs at least one layer");

  using input_spec = typename Input::spec;
  using bound_layers = typename detail::bind_chain<input_spec, Layers...>::type;
  static constexpr std::size_t layer_count = sizeof...(Layers);
  template <std::size_t I>
  using layer = typename detail::type_at<I, bound_layers>::type;
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

  // Tensors: 0 is the input, i + 1 the output of layer i, then one scratch buffer per layer.
  static constexpr std::size_t tensor_count = 2 * layer_count + 1;
  struct plan_t {
    std::array<std::size_t, tensor_count> offsets{};
    std::size_t arena_bytes = 0;
  };
  static constexpr plan_t plan = [] {
    std::array<tensor_lifetime, tensor_count> t{};
    t[0] = {input_spec::bytes, -1, 0, -1};
    std::size_t i = 0;
    for_layers([&]<class... B>() {
      ((t[i + 1] = {B::output::bytes, static_cast<int>(i), static_cast<int>(i) + 1,
                    B::in_place ? static_cast<int>(i) : -1},
        t[layer_count + 1 + i] = {B::scratch_bytes, static_cast<int>(i), static_cast<int>(i), -1}, ++i),
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
  /// Arena offsets of the input and output tensors.
  static constexpr std::size_t input_offset = plan.offsets[0];
  static constexpr std::size_t output_offset = plan.offsets[layer_count];

  /// The per-layer table: name, output shape, params, MACs, flash, arena offset and bytes.
  static constexpr std::array<layer_info, layer_count> layers = [] {
    std::array<layer_info, layer_count> rows{};
    std::size_t i = 0;
    for_layers([&]<class... B>() {
      ((rows[i] = {B::name, detail::dims4<typename B::output>(), B::output::shape::rank,
                   detail::params_of<B>(), B::macs, B::weight_bytes, plan.offsets[i + 1], B::output::bytes},
        ++i),
       ...);
      return 0;
    });
    return rows;
  }();

  /// Runs one inference on `arena` (arena_bytes bytes, 16-byte aligned). The input must have been
  /// written at `input_offset`; the output is at `output_offset`. The input may be overwritten.
  /// `observe(layer_index, output_bytes)` is called after each layer (for tests and profiling).
  template <class Observer>
  static void invoke(std::byte* arena, std::byte* state, Observer&& observe) noexcept {
    run_layers(arena, state, observe, std::make_index_sequence<layer_count>{});
  }
  static void invoke(std::byte* arena, std::byte* state = nullptr) noexcept {
    invoke(arena, state, [](std::size_t, std::span<const std::byte>) {});
  }

  /// The same, on a `ctml::arena<Model>` (and `ctml::state<Model>` for stateful models).
  template <class A>
  requires requires(A& a) {
    { a.data() } -> std::same_as<std::byte*>;
  }
  static void invoke(A& arena) noexcept { invoke(arena.data()); }
  template <class A, class Observer>
  requires requires(A& a) {
    { a.data() } -> std::same_as<std::byte*>;
  } && std::invocable<Observer&, std::size_t, std::span<const std::byte>>
  static void invoke(A& arena, Observer&& observe) noexcept { invoke(arena.data(), nullptr, observe); }
  template <class A, class S>
  requires requires(A& a, S& s) {
    { a.data() } -> std::same_as<std::byte*>;
    { s.data() } -> std::same_as<std::byte*>;
    s.reset();
  }
  static void invoke(A& arena, S& state) noexcept { invoke(arena.data(), state.data()); }

  /// Clears the persistent state of every stateful layer.
  static void reset(std::byte* state) noexcept {
    reset_layers(state, std::make_index_sequence<layer_count>{});
  }

 private:
  template <class Observer, std::size_t... I>
  static void run_layers(std::byte* arena, std::byte* state, Observer& observe,
                         std::index_sequence<I...>) noexcept {
    (run_layer<I>(arena, state, observe), ...);
  }
  template <std::size_t I, class Observer>
  static void run_layer(std::byte* arena, std::byte* state, Observer& observe) noexcept {
    using B = layer<I>;
    using in_t = typename B::input::value_type;
    using out_t = typename B::output::value_type;
    const auto* x = reinterpret_cast<const in_t*>(arena + plan.offsets[I]);
    auto* y = reinterpret_cast<out_t*>(arena + plan.offsets[I + 1]);
    std::byte* scratch = arena + plan.offsets[layer_count + 1 + I];
    if constexpr (B::state_bytes > 0)
      B::run(x, y, scratch, state + state_offsets[I]);
    else
      B::run(x, y, scratch);
    (void)state;
    observe(I, std::span<const std::byte>(arena + plan.offsets[I + 1], B::output::bytes));
  }
  template <std::size_t... I>
  static void reset_layers(std::byte* state, std::index_sequence<I...>) noexcept {
    ((layer<I>::state_bytes > 0 ? reset_one<I>(state) : void()), ...);
  }
  template <std::size_t I>
  static void reset_one(std::byte* state) noexcept {
    if constexpr (layer<I>::state_bytes > 0) layer<I>::reset(state + state_offsets[I]);
  }
};

}  // namespace ctml

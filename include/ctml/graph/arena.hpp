#pragma once
// ctml::arena<Model>: the user-owned buffer one inference runs in; ctml::state<Model>: persistent layer
// state; the concepts `Model::invoke` is constrained with (docs/memory.md, "Running a model").

#include <concepts>
#include <cstddef>
#include <span>

namespace ctml {

/// `M` is the model `Model` under a strong name (`struct kws final : ctml::sequential<...> {};` is a
/// model of its base) or `Model` itself. Usage: `template <ctml::ModelOf<base> M>`.
/// Two strong names for the very same layer list share one base, hence one plan and one arena layout.
template <class M, class Model>
concept ModelOf = std::derived_from<M, Model>;
/// A model without persistent state (`state_bytes == 0`): invoked with its arena alone.
template <class M>
concept StatelessModel = M::state_bytes == 0;
/// A model with persistent state (`state_bytes > 0`, recurrent layers): invoked with its arena and its
/// `ctml::state`. Usage: `static_assert(ctml::StatefulModel<monitor>);`
template <class M>
concept StatefulModel = M::state_bytes != 0;
/// What `Model::invoke(arena, observe)` calls after each layer: `observe(layer_index, output_bytes)`.
template <class F>
concept LayerObserver = std::invocable<F&, std::size_t, std::span<const std::byte>>;
/// The observer `Model::invoke` uses when none is given: does nothing, costs nothing.
struct ignore_layers {
  void operator()(std::size_t, std::span<const std::byte>) const noexcept {}
};

namespace detail {
// Always false. Named in the failing static_assert of arena.input<I>() / arena.output<I>() so that the
// compiler prints the model, the index asked for and how many there are.
template <class Model, std::size_t Index, std::size_t Count>
inline constexpr bool input_index_out_of_range = false;
template <class Model, std::size_t Index, std::size_t Count>
inline constexpr bool output_index_out_of_range = false;
template <class Model, std::size_t Count>
inline constexpr bool model_has_several_inputs = false;
template <class Model, std::size_t Count>
inline constexpr bool model_has_several_outputs = false;
}  // namespace detail

/// Storage for a model's activations, sized and planned at compile time (`Model::arena_bytes`).
/// Static or global, so it can go to any linker section:
///   [[gnu::section(".dtcm")]] static ctml::arena<kws> arena;
///   std::ranges::copy(mfcc, arena.input().begin()); kws::invoke(arena); int best = argmax(arena.output());
/// A model with several inputs or outputs (ctml::graph) names each by its index, in the order of the
/// graph's input nodes and of its ctml::outputs<...>:
///   std::ranges::copy(x, arena.input<0>().begin()); std::ranges::copy(y, arena.input<1>().begin());
///   two::invoke(arena); auto diff = arena.output<1>();
template <class Model>
struct arena {
  using input_type = typename Model::input_type;
  using output_type = typename Model::output_type;
  static constexpr std::size_t input_size = Model::input_spec::size;
  static constexpr std::size_t output_size = Model::output_spec::size;
  /// How many inputs and outputs the model has.
  static constexpr std::size_t input_count = Model::input_count;
  static constexpr std::size_t output_count = Model::output_count;

  alignas(16) std::byte bytes[Model::arena_bytes];

  std::byte* data() noexcept { return bytes; }
  static constexpr std::size_t size() noexcept { return Model::arena_bytes; }

  /// Where to write input `I` before `Model::invoke` (it may be overwritten by the inference).
  template <std::size_t I>
  auto input() noexcept {
    if constexpr (I >= input_count)
      static_assert(detail::input_index_out_of_range<Model, I, input_count>,
                    "ctml::arena<Model>::input<I>(): I must be less than Model::input_count");
    using spec = typename Model::template input_spec_at<(I < input_count ? I : 0)>;
    using T = typename spec::value_type;
    return std::span<T, spec::size>(
        reinterpret_cast<T*>(bytes + Model::input_offsets[I < input_count ? I : 0]), spec::size);
  }
  /// Output `I` of the last `Model::invoke`.
  template <std::size_t I>
  auto output() const noexcept {
    if constexpr (I >= output_count)
      static_assert(detail::output_index_out_of_range<Model, I, output_count>,
                    "ctml::arena<Model>::output<I>(): I must be less than Model::output_count");
    using spec = typename Model::template output_spec_at<(I < output_count ? I : 0)>;
    using T = typename spec::value_type;
    return std::span<const T, spec::size>(
        reinterpret_cast<const T*>(bytes + Model::output_offsets[I < output_count ? I : 0]), spec::size);
  }

  /// Where to write the input before `Model::invoke` (it may be overwritten by the inference). Only
  /// for a model with one input (`input<I>()` otherwise).
  std::span<input_type, input_size> input() noexcept {
    if constexpr (input_count != 1)
      static_assert(detail::model_has_several_inputs<Model, input_count>,
                    "ctml::arena<Model>::input(): the model has several inputs; write each to input<I>()");
    return std::span<input_type, input_size>(reinterpret_cast<input_type*>(bytes + Model::input_offset),
                                             input_size);
  }
  /// The result of the last `Model::invoke`. Only for a model with one output (`output<I>()` otherwise).
  std::span<const output_type, output_size> output() const noexcept {
    if constexpr (output_count != 1)
      static_assert(
          detail::model_has_several_outputs<Model, output_count>,
          "ctml::arena<Model>::output(): the model has several outputs; read each from output<I>()");
    return std::span<const output_type, output_size>(
        reinterpret_cast<const output_type*>(bytes + Model::output_offset), output_size);
  }
};

/// Persistent state of a model's recurrent layers (`Model::state_bytes`), kept between inferences.
/// Zero-initialized when static; `reset()` restores the layers' initial state (zeros, or the initial
/// state the model was given). Usage:
///   static ctml::state<monitor> state;  state.reset();  monitor::invoke(arena, state);
template <class Model>
struct state {
  static_assert(StatefulModel<Model>,
                "ctml::state<Model>: the model has no state (state_bytes == 0); call Model::invoke(arena)");
  alignas(16) std::byte bytes[Model::state_bytes > 0 ? Model::state_bytes : 1];
  std::byte* data() noexcept { return bytes; }
  void reset() noexcept { Model::reset(bytes); }
};

}  // namespace ctml

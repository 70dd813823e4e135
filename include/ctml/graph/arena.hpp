#pragma once
// ctml::arena<Model>: the user-owned buffer one inference runs in; ctml::state<Model>: persistent layer
// state.

#include <cstddef>
#include <span>

namespace ctml {

/// Storage for a model's activations, sized and planned at compile time (`Model::arena_bytes`).
/// Static or global, so it can go to any linker section:
///   [[gnu::section(".dtcm")]] static ctml::arena<kws> arena;
///   std::ranges::copy(mfcc, arena.input().begin()); kws::invoke(arena); int best = argmax(arena.output());
template <class Model>
struct arena {
  using input_type = typename Model::input_type;
  using output_type = typename Model::output_type;
  static constexpr std::size_t input_size = Model::input_spec::size;
  static constexpr std::size_t output_size = Model::output_spec::size;

  alignas(16) std::byte bytes[Model::arena_bytes];

  std::byte* data() noexcept { return bytes; }
  static constexpr std::size_t size() noexcept { return Model::arena_bytes; }

  /// Where to write the input before `Model::invoke` (it may be overwritten by the inference).
  std::span<input_type, input_size> input() noexcept {
    return std::span<input_type, input_size>(reinterpret_cast<input_type*>(bytes + Model::input_offset),
                                             input_size);
  }
  /// The result of the last `Model::invoke`.
  std::span<const output_type, output_size> output() const noexcept {
    return std::span<const output_type, output_size>(
        reinterpret_cast<const output_type*>(bytes + Model::output_offset), output_size);
  }
};

/// Persistent state of a model's recurrent layers (`Model::state_bytes`), kept between inferences.
template <class Model>
struct state {
  alignas(16) std::byte bytes[Model::state_bytes > 0 ? Model::state_bytes : 1];
  std::byte* data() noexcept { return bytes; }
  void reset() noexcept { Model::reset(bytes); }
};

/// Runs one inference of `Model` in `a`. Usage: `ctml::invoke(arena)` or `kws::invoke(arena)`.
template <class Model>
void invoke(arena<Model>& a) noexcept {
  Model::invoke(a.data());
}
template <class Model>
void invoke(arena<Model>& a, state<Model>& s) noexcept {
  Model::invoke(a.data(), s.data());
}

}  // namespace ctml

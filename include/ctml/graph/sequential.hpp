#pragma once
// ctml::sequential: a chain of layers with compile-time shape inference and a compile-time memory plan.

#include <cstddef>
#include <utility>

#include <ctml/graph/model.hpp>

namespace ctml {

namespace detail {
template <class Input, class Layers, class Seq>
struct sequential_base;
template <class Input, class... Layers, std::size_t... I>
struct sequential_base<Input, type_list<Layers...>, std::index_sequence<I...>> {
  // Layer I reads tensor I (the previous output); the model returns the last layer's output.
  using type = model<type_list<Input>, output_list<sizeof...(Layers)>, edge<Layers, I>...>;
};
}  // namespace detail

/// A model made of a chain of layers, like `keras.Sequential`. Each layer's input shape is the
/// previous layer's output shape, checked at compile time. Give the model a strong name:
///   struct kws final : ctml::sequential<ctml::input<ctml::shape<49, 10, 1>, std::int8_t, q>,
///                                       ctml::conv2d<...>, ..., ctml::softmax<>> {};
///   static ctml::arena<kws> arena;  std::ranges::copy(features, arena.input().begin());
///   kws::invoke(arena);  auto scores = arena.output();
/// Compile-time facts: `arena_bytes`, `state_bytes`, `weight_bytes`, `macs`, `params`, `layers` (a table).
template <class Input, class... Layers>
struct sequential : detail::sequential_base<Input, detail::type_list<Layers...>,
                                            std::make_index_sequence<sizeof...(Layers)>>::type {};

}  // namespace ctml

#pragma once
// ctml::scheduled<Model, budget>: the same model with the schedule that fits a RAM budget at the
// least cost: convolutions turned in place (layers/in_place.hpp) only where the budget needs them
// (docs/memory.md, "A RAM budget").

#include <array>
#include <cstddef>
#include <utility>

#include <ctml/graph/budget.hpp>
#include <ctml/graph/model.hpp>

namespace ctml {

namespace detail {

// Layer L (unbound) run in place: its in-place variant (layers/in_place.hpp).
template <class L>
struct in_place_conv {
  template <class In>
  using bind = typename L::template bind<In>::in_place_variant;
};
template <class E, bool InPlace>
struct edge_in_place {
  using type = E;
};
template <class L, std::size_t... In>
struct edge_in_place<edge<L, In...>, true> {
  using type = edge<in_place_conv<L>, In...>;
};

// The ctml model type behind a strong name (`struct kws final : ctml::sequential<...> {}`).
template <class I, class O, class... E>
model<I, O, E...> model_base(const model<I, O, E...>*);
template <class M>
using model_base_t = decltype(model_base(static_cast<const M*>(nullptr)));

template <std::size_t N>
struct schedule {
  std::array<bool, N> in_place{};
  bool fits = false;
  std::size_t ram = 0;           ///< RAM of the chosen schedule
  std::size_t smallest_ram = 0;  ///< RAM with every layer that can run in place doing so
  std::size_t peak_layer = 0;    ///< the layer at which that smallest schedule peaks
};

template <std::size_t N>
constexpr std::size_t argmax(const std::array<std::size_t, N>& v) {
  std::size_t best = 0;
  for (std::size_t k = 1; k < N; ++k)
    if (v[k] > v[best]) best = k;
  return best;
}

// The cost model: a layer run in place copies its output once more (ring -> place) and calls its
// kernel once per output row, so the cost of a schedule is the bytes its in-place layers copy. The
// search: while the plan exceeds the budget, turn in place every layer that can and runs where the
// live bytes peak (no plan is smaller than that peak); then undo, most expensive first, every layer
// that the budget does not need.
template <class M>
constexpr schedule<M::layer_count> choose_schedule(std::size_t ram) {
  constexpr std::size_t n = M::layer_count;
  using mask = std::array<bool, n>;
  auto ram_of = [](const mask& m) { return M::arena_bytes_with(m) + M::state_bytes; };
  schedule<n> s;
  const mask all = M::in_place_choices;
  s.smallest_ram = ram_of(all);
  s.peak_layer = argmax(M::live_bytes_with(all));
  mask m{};
  if (ram_of(m) <= ram) {
    s.fits = true;
    s.ram = ram_of(m);
    return s;
  }
  if (s.smallest_ram > ram) {
    s.in_place = all;
    s.ram = s.smallest_ram;
    return s;
  }
  for (std::size_t step = 0; step < n && ram_of(m) > ram; ++step) {
    const auto live = M::live_bytes_with(m);
    const std::size_t peak = live[argmax(live)];
    bool changed = false;
    for (std::size_t k = 0; k < n; ++k)
      if (live[k] == peak && all[k] && !m[k]) m[k] = changed = true;
    if (!changed) break;
  }
  if (ram_of(m) > ram) m = all;
  std::array<bool, n> tried{};
  for (std::size_t step = 0; step < n; ++step) {
    std::size_t pick = n;
    for (std::size_t k = 0; k < n; ++k)
      if (m[k] && !tried[k] && (pick == n || M::in_place_costs[k] > M::in_place_costs[pick])) pick = k;
    if (pick == n) break;
    tried[pick] = true;
    m[pick] = false;
    if (ram_of(m) > ram) m[pick] = true;
  }
  s.in_place = m;
  s.ram = ram_of(m);
  s.fits = true;
  return s;
}

// Always false. Named in the failing static_assert so that the compiler prints the model, the RAM of
// its smallest schedule, the budget and the layer where that schedule peaks by the message, e.g.
// `ram_budget_below_smallest_schedule<kws, 8656, 8192, 0>`.
template <class Model, std::size_t SmallestRam, std::size_t Budget, std::size_t PeakLayer>
inline constexpr bool ram_budget_below_smallest_schedule = false;

// The error when no schedule fits; true otherwise, and after the error, so that it stays the only
// one. The numbers are template parameters so that both compilers print them.
template <class Model, bool Fits, std::size_t SmallestRam, std::size_t Budget, std::size_t PeakLayer>
consteval bool check_schedule() {
  if constexpr (!Fits)
    static_assert(ram_budget_below_smallest_schedule<Model, SmallestRam, Budget, PeakLayer>,
                  "ctml::scheduled<Model, budget>: no schedule of the model fits the RAM budget, even with "
                  "every convolution that can run in place doing so; the numbers: the smallest RAM, the "
                  "budget, and the layer where that smallest schedule peaks (see docs/memory.md)");
  return true;
}

template <class Model, class Base, budget B, class Seq>
struct scheduled_model;
template <class Model, class I, class O, class... E, budget B, std::size_t... K>
struct scheduled_model<Model, model<I, O, E...>, B, std::index_sequence<K...>> {
  static constexpr auto s = choose_schedule<model<I, O, E...>>(B.ram);
  static_assert(check_schedule<Model, s.fits, s.smallest_ram, B.ram, s.peak_layer>());
  using type = model<I, O, typename edge_in_place<E, s.in_place[K]>::type...>;
};

}  // namespace detail

/// The least RAM (arena + state) any schedule of `Model` needs: every convolution that can run in
/// place doing so; the budget below which ctml::scheduled<Model, budget> does not compile.
/// Usage: `static_assert(ctml::smallest_ram<kws> <= 9'216);`
template <class Model>
inline constexpr std::size_t smallest_ram =
    detail::choose_schedule<detail::model_base_t<Model>>(0).smallest_ram;

/// `Model` (a ctml::sequential or ctml::graph) with the schedule that fits RAM budget `B` at the
/// least cost. Without a budget a model runs every layer out of place, the fastest; with one, the
/// convolutions at the arena's peak run in place over their input a row at a time (a few rows of
/// scratch instead of a second tensor, bit-exact, at the cost of copying their output once) until
/// the plan fits. A budget no schedule fits is a compile error naming the smallest RAM reachable.
/// The result is a model like any other: same layers, `invoke`, `ctml::arena<>`, summary. Usage:
///   struct kws_small final : ctml::scheduled<kws, ctml::budget{.ram = 9'216}> {};
///   static ctml::arena<kws_small> arena;  kws_small::invoke(arena);
template <class Model, budget B>
struct scheduled : detail::scheduled_model<Model, detail::model_base_t<Model>, B,
                                           std::make_index_sequence<Model::layer_count>>::type {};

}  // namespace ctml

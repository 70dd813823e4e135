#pragma once
// ctml::scheduled<Model, budget>: the same model with the schedule that fits a RAM budget at the
// least cost: convolutions turned in place (layers/in_place.hpp) only where the budget needs them,
// and, when that is not enough, the first layers run as one patch, row by row (layers/patch.hpp)
// (docs/memory.md, "A RAM budget" and "Patch-based execution").

#include <array>
#include <cstddef>
#include <utility>

#include <ctml/graph/budget.hpp>
#include <ctml/graph/model.hpp>
#include <ctml/layers/patch.hpp>

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
                  "every convolution that can run in place doing so and the first layers run as a patch; "
                  "the numbers: the smallest RAM, the budget, and the layer where that smallest schedule "
                  "peaks (see docs/memory.md)");
  return true;
}

// ---- Patch-based execution (layers/patch.hpp): the model's first E layers run as one, row by row.

template <class Edge>
struct edge_layer;
template <class L, std::size_t... In>
struct edge_layer<edge<L, In...>> {
  using type = L;
};
// Edge E reading tensors renumbered after the first `Fused` + 1 layers became one.
template <class Edge, std::size_t Ni, std::size_t Fused>
struct renumber_edge;
template <class L, std::size_t... In, std::size_t Ni, std::size_t Fused>
struct renumber_edge<edge<L, In...>, Ni, Fused> {
  using type = edge<L, (In < Ni ? In : In - Fused)...>;
};
template <class M>
struct model_parts;
template <class... I, std::size_t... Out, class... E>
struct model_parts<model<type_list<I...>, output_list<Out...>, E...>> {
  static constexpr std::size_t ni = sizeof...(I);
  using edges = type_list<E...>;
  static constexpr std::size_t n = sizeof...(E);
  static constexpr std::array<std::size_t, sizeof...(Out)> outputs{Out...};
};

/// The model M with its first E layers (E >= 2) run as one patch (E == 0: M itself).
template <class M, std::size_t E, class Head = std::make_index_sequence<E>,
          class Tail = std::make_index_sequence<model_parts<M>::n - E>>
struct fuse_prefix {
  using type = M;
};
template <class... I, std::size_t... Out, class... Es, std::size_t E, std::size_t... H, std::size_t... T>
requires(E >= 2) struct fuse_prefix<model<type_list<I...>, output_list<Out...>, Es...>, E,
                                    std::index_sequence<H...>, std::index_sequence<T...>> {
  static constexpr std::size_t ni = sizeof...(I);
  using edges = type_list<Es...>;
  using chain = patch_chain<typename edge_layer<typename type_at<H, edges>::type>::type...>;
  using type = model<type_list<I...>, output_list<(Out < ni ? Out : Out - (E - 1))...>,
                     edge<chain, edge_inputs<typename type_at<0, edges>::type>::value[0]>,
                     typename renumber_edge<typename type_at<E + T, edges>::type, ni, E - 1>::type...>;
};
template <class M, std::size_t E>
using fuse_prefix_t = typename fuse_prefix<M, E>::type;

// Whether the first E layers of M form a chain a patch can run: each reads only the one before
// (the first one tensor), nothing else reads their outputs but the next, and they are convolutions
// (patch_supported).
template <class M, std::size_t... K>
constexpr bool patch_layers_supported(std::index_sequence<K...>) {
  return patch_supported<typename M::template layer<K>...>();
}
template <class M, std::size_t E>
constexpr bool chain_links() {
  using P = model_parts<M>;
  bool ok = true;
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    const auto check = [&]<class Edge>(std::size_t k) {
      constexpr auto in = edge_inputs<Edge>::value;
      if (k < E && (in.size() != 1 || (k > 0 && in[0] != P::ni + k - 1))) ok = false;
      // Tensors inside the chain (outputs of layers 0..E-2) are read only by the next layer.
      for (std::size_t t : in)
        if (t >= P::ni && t - P::ni + 1 < E && k != t - P::ni + 1) ok = false;
    };
    (check.template operator()<typename type_at<K, typename P::edges>::type>(K), ...);
  }
  (std::make_index_sequence<P::n>{});
  for (std::size_t out : P::outputs)
    if (out >= P::ni && out - P::ni + 1 < E) ok = false;
  return ok;
}
template <class M, std::size_t E>
constexpr bool patchable() {
  if constexpr (E < 2 || E > model_parts<M>::n)
    return false;
  else if constexpr (!chain_links<M, E>())
    return false;
  else
    return patch_layers_supported<M>(std::make_index_sequence<E>{});
}

/// How a schedule runs one layer of the model.
enum class layer_run : unsigned char {
  out_of_place,  ///< into a tensor of its own
  in_place,      ///< over its input (layers/in_place.hpp)
  patch,         ///< row by row, as part of the patch of the model's first layers
};

/// One schedule the search considers: the first `patch` layers run as a patch (0: none), then the
/// in-place search (choose_schedule) on the rest. `layers` is indexed by the model's own layers
/// (N of them), so that a schedule with a patch reads like one without.
template <std::size_t N>
struct candidate {
  bool valid = false;
  std::size_t patch = 0;
  bool fits = false;
  std::size_t ram = 0;
  std::size_t smallest_ram = 0;
  std::size_t peak_layer = 0;  ///< in the model's own numbering
  std::size_t cost = 0;        ///< bytes copied: in-place rings, line-buffer shifts
  std::array<layer_run, N> layers{};
};
template <class M, std::size_t E>
constexpr candidate<M::layer_count> candidate_of(std::size_t ram) {
  if constexpr (E == 0 || patchable<M, E>()) {
    using F = fuse_prefix_t<M, E>;
    const auto s = choose_schedule<F>(ram);
    candidate<M::layer_count> c{true, E, s.fits, s.ram, s.smallest_ram, s.peak_layer, 0, {}};
    if constexpr (E > 0) {
      c.cost = F::template layer<0>::copy_bytes;
      c.peak_layer = s.peak_layer == 0 ? 0 : s.peak_layer + E - 1;
    }
    for (std::size_t k = 0; k < F::layer_count; ++k)
      if (s.in_place[k]) c.cost += F::in_place_costs[k];
    // Layer k of F (k >= 1) is the model's layer k + E - 1; F's layer 0 is the patch.
    for (std::size_t k = 0; k < M::layer_count; ++k) {
      if (k < E)
        c.layers[k] = layer_run::patch;
      else if (s.in_place[E == 0 ? k : k - E + 1])
        c.layers[k] = layer_run::in_place;
    }
    return c;
  } else {
    return {};
  }
}

/// The longest chain the search tries as a patch.
inline constexpr std::size_t max_patch_layers = 8;

template <class M>
constexpr std::size_t patch_candidates = model_parts<M>::n < 2
                                             ? 0
                                             : std::min(max_patch_layers, model_parts<M>::n) - 1;
template <class M, std::size_t... E>
constexpr std::array<candidate<M::layer_count>, sizeof...(E)> patch_candidates_of(std::size_t ram,
                                                                                  std::index_sequence<E...>) {
  return {candidate_of<M, E + 2>(ram)...};
}
/// Every patch the search weighs for budget `ram`: the model's first 2, 3, ... layers, each followed
/// by the in-place search on the rest (`valid` false where those layers cannot be a patch).
template <class M>
constexpr std::array<candidate<M::layer_count>, patch_candidates<M>> patch_candidates_of(std::size_t ram) {
  return patch_candidates_of<M>(ram, std::make_index_sequence<patch_candidates<M>>{});
}

// Without a budget, or one the in-place search meets alone, no patch (the plain candidate); else
// among the candidates that fit, the one that copies the fewest bytes; if none fits, the one with
// the smallest RAM (for the error).
template <class M>
constexpr candidate<M::layer_count> choose_patch(std::size_t ram) {
  candidate<M::layer_count> best{};
  for (const auto& c : patch_candidates_of<M>(ram))
    if (c.valid && c.fits && (!best.fits || c.cost < best.cost)) best = c;
  return best;
}
template <class M>
constexpr candidate<M::layer_count> smallest_candidate() {
  candidate<M::layer_count> best = candidate_of<M, 0>(0);
  for (const auto& c : patch_candidates_of<M>(0))
    if (c.valid && c.smallest_ram < best.smallest_ram) best = c;
  return best;
}
template <class M>
constexpr candidate<M::layer_count> smallest_schedule = smallest_candidate<M>();

/// What a schedule's patch does, for print_summary and tests: `layers` (0: no patch) layers from
/// the first run as one, row by row (layers/patch.hpp).
struct patch_report {
  std::size_t layers = 0;           ///< the model's layers 0 .. layers - 1 run as one patch
  std::size_t line_bytes = 0;       ///< line buffers (intermediate rows alive at once)
  std::size_t halo_rows = 0;        ///< rows consecutive output rows share: kept, not recomputed
  std::size_t recomputed_rows = 0;  ///< rows computed more than once (0: the halo is kept)
  std::size_t shifted_bytes = 0;    ///< bytes the line buffers move per inference
};
template <class F, std::size_t E>
constexpr patch_report report_of() {
  if constexpr (E == 0) {
    return {};
  } else {
    using P = typename F::template layer<0>;
    return {E, P::line_bytes, P::halo_rows, P::recomputed_rows, P::copy_bytes};
  }
}

// When the plain schedule does not fit: the patch candidate that fits at the least cost, else the
// smallest schedule (`fits` false).
template <class M>
constexpr candidate<M::layer_count> patched_schedule(std::size_t ram) {
  const auto patched = choose_patch<M>(ram);
  return patched.fits ? patched : smallest_schedule<M>;
}
/// The whole search for RAM budget `ram`, at run time (the schedules of docs/memory.md's curve); what
/// ctml::scheduled does at compile time (`search`): the plain schedule (in-place convolutions only) if
/// it fits; else the patch candidate that fits at the least cost; else the smallest schedule, `fits`
/// false.
template <class M>
constexpr candidate<M::layer_count> search_schedule(std::size_t ram) {
  const candidate<M::layer_count> plain = candidate_of<M, 0>(ram);
  return plain.fits ? plain : patched_schedule<M>(ram);
}
// At compile time the two steps are separate constant expressions (each within Clang's default
// constexpr step limit for VWW), and a budget the plain schedule meets builds no fused model.
template <class M, std::size_t Ram, bool PlainFits = choose_schedule<M>(Ram).fits>
struct search {
  static constexpr candidate<M::layer_count> c = candidate_of<M, 0>(Ram);
};
template <class M, std::size_t Ram>
struct search<M, Ram, false> {
  static constexpr candidate<M::layer_count> c = patched_schedule<M>(Ram);
};

template <class Model, class Base, budget B, class Seq>
struct scheduled_model;
template <class Model, class I, class O, class... E, budget B, std::size_t... K>
struct scheduled_model<Model, model<I, O, E...>, B, std::index_sequence<K...>> {
  static constexpr auto s = choose_schedule<model<I, O, E...>>(B.ram);
  using type = model<I, O, typename edge_in_place<E, s.in_place[K]>::type...>;
};
// Every layer of model M that can run in place doing so (M::in_place_choices), whatever the budget:
// what tests use to put each in-place variant through a model's reference bytes.
template <class M, class Seq = std::make_index_sequence<M::layer_count>>
struct every_in_place;
template <class I, class O, class... E, std::size_t... K>
struct every_in_place<model<I, O, E...>, std::index_sequence<K...>> {
  using type = model<I, O, typename edge_in_place<E, model<I, O, E...>::in_place_choices[K]>::type...>;
};
/// `Model` (a strong name too) with every layer that can run in place doing so. Usage (tests):
/// `using kws_every = ctml::detail::every_in_place_t<kws>;`
template <class Model>
using every_in_place_t = typename every_in_place<model_base_t<Model>>::type;

template <class Model, budget B>
struct schedule_of {
  using M = model_base_t<Model>;
  static constexpr auto c = search<M, B.ram>::c;
  static_assert(check_schedule<Model, c.fits, c.smallest_ram, B.ram, c.peak_layer>());
  using base = fuse_prefix_t<M, c.fits ? c.patch : 0>;
  using type = typename scheduled_model<Model, base, B, std::make_index_sequence<base::layer_count>>::type;
  static constexpr patch_report patch = report_of < base, c.fits ? c.patch : 0 > ();
};

}  // namespace detail

/// The least RAM (arena + state) any schedule of `Model` needs: every convolution that can run in
/// place doing so, with or without a patch of its first layers (the smaller); the budget below which
/// ctml::scheduled<Model, budget> does not compile.
/// Usage: `static_assert(ctml::smallest_ram<kws> <= 9'216);`
template <class Model>
inline constexpr std::size_t smallest_ram =
    detail::smallest_schedule<detail::model_base_t<Model>>.smallest_ram;

/// `Model` (a ctml::sequential or ctml::graph) with the schedule that fits RAM budget `B` at the
/// least cost. Without a budget a model runs every layer out of place, the fastest; with one, the
/// convolutions at the arena's peak run in place over their input a row at a time (a few rows of
/// scratch instead of a second tensor, bit-exact, at the cost of copying their output once) until
/// the plan fits; if that cannot fit, the model's first layers also run as one patch, row by row,
/// with line buffers instead of their whole tensors (`patch` says which). A budget no schedule fits
/// is a compile error naming the smallest RAM reachable.
/// The result is a model like any other: same layers, `invoke`, `ctml::arena<>`, summary. Usage:
///   struct kws_small final : ctml::scheduled<kws, ctml::budget{.ram = 9'216}> {};
///   static ctml::arena<kws_small> arena;  kws_small::invoke(arena);
template <class Model, budget B>
struct scheduled : detail::schedule_of<Model, B>::type {
  /// The patch of this schedule (`patch.layers == 0`: none); print_summary prints it.
  static constexpr detail::patch_report patch = detail::schedule_of<Model, B>::patch;
};

}  // namespace ctml

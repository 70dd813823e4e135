#pragma once
// Patch-based execution: a chain of convolutions at the start of a network run as one layer, one
// output row at a time, so that only a few rows of each intermediate tensor exist; what
// ctml::scheduled turns the first layers of a model into when a RAM budget is below what running
// them one whole layer at a time needs (docs/memory.md, "Patch-based execution").
//
// The chain's last layer computes its output one row (a band: the layer's geometry cut to that row,
// kernels/geometry.hpp's band_of) at a time, straight into the chain's output. The rows it reads come
// from a line buffer holding the last rows the layer before produced (as many as one output row
// reads, its receptive field along the height); that layer is run a row at a time when its consumer
// needs a row it does not have yet, and so on back to the first layer, which reads the model input
// in place. The halo (rows shared by consecutive output rows) is kept in the line buffers, not
// recomputed: every layer computes each of its rows once, the kernels of the target (portable, Arm
// DSP, Helium, Armv6-M) run on bands of one row with the layer's padding on each edge, and the bytes
// are the layers'. The cost: one kernel call per row, and the line buffers' rows shifted up by one
// row each time a full buffer takes a new row.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>

#include <ctml/graph/planner.hpp>
#include <ctml/graph/type_list.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/layers/in_place.hpp>

namespace ctml::detail {

/// A bound layer a patch can run a row at a time: a convolution with a geometry and run_at<G>.
template <class B>
concept PatchLayer = requires(const typename B::input::value_type* x, typename B::output::value_type* y,
                              std::byte* s) {
  { B::geometry } -> std::convertible_to<kernels::window_geometry>;
  typename B::template kernel_at<B::geometry>;
  B::template run_at<B::geometry>(x, y, s);
};

/// The input rows [lo, hi) output row oy of g reads.
struct row_range {
  int lo, hi;
};
constexpr row_range rows_read(const kernels::window_geometry& g, int oy) {
  const int y0 = oy * g.stride_h - g.pad_top;
  const int y1 = y0 + (g.k_h - 1) * g.dilation_h + 1;
  return {y0 > 0 ? y0 : 0, y1 < g.in_h ? y1 : g.in_h};
}

template <class B>
constexpr std::size_t params_of_layer() {
  if constexpr (requires { B::params; })
    return B::params;
  else
    return 0;
}

/// Bound layers `B...` (each reading the one before) run as one layer, row by row (see the top of
/// this header). `supported` says whether they can; ctml::scheduled only builds supported chains.
/// Usage (graph/scheduled.hpp does this): `using P = ctml::detail::patch_run<B0, B1, B2, B3>;`
template <class... B>
struct patch_run {
  static constexpr std::size_t n = sizeof...(B);
  template <std::size_t I>
  using at = typename type_at<I, type_list<B...>>::type;
  using input = typename at<0>::input;
  using output = typename at<n - 1>::output;
  using T = typename input::value_type;

 private:
  static constexpr std::array<kernels::window_geometry, n> geo{B::geometry...};
  static constexpr bool shape_ok = [] {
    if (n < 2) return false;
    if (!(std::is_same_v<typename B::input::value_type, T> && ...)) return false;
    if (!(std::is_same_v<typename B::output::value_type, T> && ...)) return false;
    if (((B::state_bytes != 0 || B::in_place) || ...)) return false;
    for (const auto& g : geo)
      for (int oy = 0; oy < g.out_h; ++oy)
        if (kernels::band_of(g, oy).g.in_h < 1) return false;
    return true;
  }();
  template <std::size_t I>
  static constexpr kernels::row_split split = kernels::split_rows(geo[I]);
  template <std::size_t I>
  static constexpr auto top_rows = std::make_integer_sequence<int, split<I>.top>{};
  template <std::size_t I>
  static constexpr auto bottom_rows =
      kernels::shifted<split<I>.bottom>(std::make_integer_sequence<int, geo[I].out_h - split<I>.bottom>{});
  template <std::size_t I>
  static constexpr auto middle_rows = kernels::shifted<split<I>.top>(
      std::make_integer_sequence<int, (split<I>.bottom > split<I>.top ? 1 : 0)>{});

  template <std::size_t I, int... Oy>
  static constexpr bool same_layouts(std::integer_sequence<int, Oy...>) {
    using L = at<I>;
    return ((layout_of<typename L::template kernel_at<kernels::band_of(geo[I], Oy).g>>() ==
             layout_of<typename L::kernel>()) &&
            ...);
  }
  template <std::size_t I, int... Oy>
  static constexpr std::size_t max_scratch(std::integer_sequence<int, Oy...>) {
    using L = at<I>;
    return std::max(
        {std::size_t{0}, L::template kernel_at<kernels::band_of(geo[I], Oy).g>::scratch_bytes...});
  }
  template <std::size_t... I>
  static constexpr bool layouts_ok(std::index_sequence<I...>) {
    return ((same_layouts<I>(top_rows<I>) && same_layouts<I>(middle_rows<I>) &&
             same_layouts<I>(bottom_rows<I>)) &&
            ...);
  }
  template <std::size_t... I>
  static constexpr std::size_t kernel_scratch(std::index_sequence<I...>) {
    return std::max({std::size_t{0}, max_scratch<I>(top_rows<I>)..., max_scratch<I>(middle_rows<I>)...,
                     max_scratch<I>(bottom_rows<I>)...});
  }

  // Line buffer I holds the last rows of layer I's output (I < n - 1): as many as one output row of
  // layer I + 1 reads.
  static constexpr std::array<int, n> capacity = [] {
    std::array<int, n> c{};
    for (std::size_t i = 0; i + 1 < n; ++i)
      for (int oy = 0; oy < geo[i + 1].out_h; ++oy) {
        const auto r = rows_read(geo[i + 1], oy);
        c[i] = std::max(c[i], r.hi - r.lo);
      }
    return c;
  }();
  static constexpr std::array<int, n> row_elems = [] {
    std::array<int, n> r{};
    for (std::size_t i = 0; i < n; ++i) r[i] = geo[i].out_w * geo[i].out_c;
    return r;
  }();
  static constexpr std::array<std::size_t, n + 1> line_offsets = [] {
    std::array<std::size_t, n + 1> o{};
    for (std::size_t i = 0; i < n; ++i)
      o[i + 1] = o[i] + align_up(static_cast<std::size_t>(capacity[i]) *
                                 static_cast<std::size_t>(row_elems[i]) * sizeof(T));
    return o;
  }();

 public:
  /// Whether the chain runs this way: every layer a convolution of the same element type, without
  /// state, whose every row band reads at least one input row with the layer's weight layout.
  static constexpr bool supported = [] {
    if constexpr (shape_ok)
      return layouts_ok(std::make_index_sequence<n>{});
    else
      return false;
  }();
  static constexpr const char* name = "patch";
  static constexpr bool in_place = false;
  static constexpr std::size_t state_bytes = 0;
  static constexpr std::size_t macs = (std::size_t{0} + ... + B::macs);  ///< no row is computed twice
  static constexpr std::size_t weight_bytes = (std::size_t{0} + ... + B::weight_bytes);
  static constexpr std::size_t params = (std::size_t{0} + ... + params_of_layer<B>());
  /// Bytes of the line buffers (the intermediate rows alive at once).
  static constexpr std::size_t line_bytes = line_offsets[n];
  /// The line buffers, then the scratch of the row kernels.
  static constexpr std::size_t scratch_bytes = [] {
    if constexpr (supported)
      return line_bytes + kernel_scratch(std::make_index_sequence<n>{});
    else
      return std::size_t{0};
  }();
  /// Halo rows: intermediate rows that an output row reads and the row before it read too, summed
  /// over the chain; a schedule of independent tiles would compute each of them once more. Here they
  /// wait in the line buffers, so `recomputed_rows` is 0.
  static constexpr std::size_t halo_rows = [] {
    std::size_t h = 0;
    for (std::size_t i = 0; i + 1 < n; ++i)
      for (int oy = 1; oy < geo[i + 1].out_h; ++oy) {
        const auto a = rows_read(geo[i + 1], oy - 1), b = rows_read(geo[i + 1], oy);
        if (a.hi > b.lo) h += static_cast<std::size_t>(a.hi - b.lo);
      }
    return h;
  }();
  static constexpr std::size_t recomputed_rows = 0;
  /// What running the chain as a patch costs, for ctml::scheduled: the bytes the line buffers shift
  /// (each row a full buffer takes moves the rows it keeps up by one row).
  static constexpr std::size_t copy_bytes = [] {
    std::size_t c = 0;
    for (std::size_t i = 0; i + 1 < n; ++i)
      if (geo[i].out_h > capacity[i])
        c += static_cast<std::size_t>(geo[i].out_h - capacity[i]) *
             static_cast<std::size_t>(capacity[i] - 1) * static_cast<std::size_t>(row_elems[i]) * sizeof(T);
    return c;
  }();

  /// `x` the chain's input (read only), `y` its output; neither may overlap the scratch.
  static void run(const T* x, T* y, std::byte* scratch) noexcept {
    static_assert(supported, "ctml: this chain of layers cannot run as a patch (patch_run<B...>::supported)");
    cursor c{};
    while (c.next[n - 1] < geo[n - 1].out_h) produce<n - 1>(x, y, scratch, c);
  }

 private:
  // Per layer: the next output row to compute, and the row at the top of its line buffer.
  struct cursor {
    std::array<int, n> next{};
    std::array<int, n> base{};
  };
  template <std::size_t I>
  static T* line(std::byte* scratch) noexcept {
    return reinterpret_cast<T*>(scratch + line_offsets[I]);
  }
  // Computes the next row of layer I (first the rows of layer I - 1 it reads), into the chain's
  // output (the last layer) or at the end of line buffer I.
  template <std::size_t I>
  static void produce(const T* x, T* y, std::byte* scratch, cursor& c) noexcept {
    constexpr kernels::window_geometry g = geo[I];
    const int oy = c.next[I];
    const row_range r = rows_read(g, oy);
    const T* in;
    if constexpr (I == 0) {
      in = x + r.lo * g.in_w * g.in_c;
    } else {
      while (c.next[I - 1] < r.hi) produce<I - 1>(x, y, scratch, c);
      in = line<I - 1>(scratch) + (r.lo - c.base[I - 1]) * row_elems[I - 1];
    }
    T* out;
    if constexpr (I + 1 == n) {
      out = y + oy * row_elems[I];
    } else {
      T* buf = line<I>(scratch);
      if (c.next[I] - c.base[I] == capacity[I]) {  // full: drop the oldest row
        std::memmove(buf, buf + row_elems[I],
                     static_cast<std::size_t>((capacity[I] - 1) * row_elems[I]) * sizeof(T));
        ++c.base[I];
      }
      out = buf + (c.next[I] - c.base[I]) * row_elems[I];
    }
    run_row<I>(oy, in, out, scratch + line_bytes);
    ++c.next[I];
  }
  template <std::size_t I, int... Oy>
  static void run_edge(int oy, const T* in, T* out, std::byte* s,
                       std::integer_sequence<int, Oy...>) noexcept {
    (void)oy, (void)in, (void)out, (void)s;
    (void)((oy == Oy ? (at<I>::template run_at<kernels::band_of(geo[I], Oy).g>(in, out, s), true) : false) ||
           ...);
  }
  template <std::size_t I>
  static void run_row(int oy, const T* in, T* out, std::byte* s) noexcept {
    if (oy < split<I>.top) {
      run_edge<I>(oy, in, out, s, top_rows<I>);
    } else if (oy >= split<I>.bottom) {
      run_edge<I>(oy, in, out, s, bottom_rows<I>);
    } else {
      if constexpr (split<I>.bottom > split<I>.top)
        at<I>::template run_at<kernels::band_of(geo[I], split<I>.top).g>(in, out, s);
    }
  }
};

/// Whether bound layers `B...` run as a patch (patch_run<B...>::supported), false without
/// instantiating it when one of them is not a convolution.
template <class... B>
constexpr bool patch_supported() {
  if constexpr ((PatchLayer<B> && ...))
    return patch_run<B...>::supported;
  else
    return false;
}

// Binds unbound layers `L...` one after the other from input spec In: the patch_run of the chain.
template <class In, class Done, class... L>
struct bind_chain;
template <class In, class... Done>
struct bind_chain<In, type_list<Done...>> {
  using type = patch_run<Done...>;
};
template <class In, class... Done, class L0, class... L>
struct bind_chain<In, type_list<Done...>, L0, L...> {
  using bound = typename L0::template bind<In>;
  using type = typename bind_chain<typename bound::output, type_list<Done..., bound>, L...>::type;
};

/// Unbound layers `L...` (a model's first layers, each reading the one before) as one layer that
/// runs them row by row: what ctml::scheduled puts in place of them when a budget needs it.
/// Usage: `edge<ctml::detail::patch_chain<conv, dw, pw, dw2>, 0>` (graph/scheduled.hpp).
template <class... L>
struct patch_chain {
  template <class In>
  using bind = typename bind_chain<In, type_list<>, L...>::type;
};

}  // namespace ctml::detail

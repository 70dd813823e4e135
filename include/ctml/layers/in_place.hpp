#pragma once
// Convolutions run in place over their input, one output row at a time: what ctml::scheduled turns
// a conv2d or depthwise_conv2d into when a RAM budget asks for less than two live tensors
// (docs/memory.md, "A RAM budget: in-place convolutions").
//
// The layer's own kernel runs on a band of one output row (a window_geometry of the input rows that
// row reads), so every kernel the target selects (portable, Arm DSP, Helium, Armv6-M) is reused as it
// is and the bytes are the out-of-place layer's. The row goes to a small ring of `lag + 1` rows in
// the scratch, and is copied over the input once no later row reads the input bytes under it. With
// stride 1 along the height, input row r is last read by output row r + pad_top, so output row f is
// written after row f + pad_top is computed (lag = pad_top): a 3x3 SAME layer keeps 2 rows, a 1x1
// layer 1 (its pixels regrouped into bands of an even count, see `pointwise`). With stride s, the
// rows still to compute after row r read input rows from (r + 1) s - pad_top on, so the lag is
// usually 0: a stride-2 layer or a pooling layer keeps one row. The output row must be no longer
// than the input row, so that output row f only covers input rows up to f.

#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <ctml/graph/planner.hpp>
#include <ctml/kernels/copy.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>

namespace ctml::detail {

template <class K>
constexpr kernels::weight_layout layout_of() {
  if constexpr (requires { K::layout; })
    return K::layout;
  else
    return kernels::weight_layout::as_imported;
}
/// Whether a band's kernel K reads the layer's prepared weights and biases (those of kernel L).
template <class K, class L>
constexpr bool reads_layer_constants() {
  return layout_of<K>() == layout_of<L>() && kernels::prepares_bias<K> == kernels::prepares_bias<L>;
}

/// Bound layer `B` (conv2d, depthwise_conv2d, average_pool2d, max_pool2d) run in place: the same weights,
/// kernels and bytes, with `in_place = true` and a scratch of a few output rows. `supported` says whether B's
/// geometry allows it (checked at compile time; ctml::scheduled only picks supported layers). B provides
/// `geometry`, `kernel`, `kernel_at<G>` and `run_at<G>(x, y, scratch)`, the layer on geometry G.
/// Usage: `using B2 = ctml::detail::row_in_place<typename L::template bind<In>>;` (graph/scheduled.hpp)
template <class B>
struct row_in_place : B {
 private:
  using T = typename B::input::value_type;
  // A 1x1 layer without padding maps input pixel i to output pixel i, so its rows may be regrouped:
  // bands of a whole number of the kernel's pixel blocks (the input row rounded up: 2 pixels for the
  // Arm DSP kernel, 4 for Helium's; kernels::pixel_block), so that a kernel never computes a partial
  // block inside the layer, and the pixels left over as a tail band.
  static constexpr kernels::window_geometry layer = B::geometry;
  static constexpr bool pointwise = layer.k_h == 1 && layer.k_w == 1 && layer.stride_h == 1 &&
                                    layer.stride_w == 1 && layer.pad_top == 0 && layer.pad_left == 0 &&
                                    layer.in_h == layer.out_h && layer.in_w == layer.out_w;
  static constexpr int layer_pixels = layer.in_h * layer.in_w;
  static constexpr int band_pixels = [] {
    constexpr int block = kernels::pixel_block<typename B::kernel>;
    const int whole = (layer.in_w + block - 1) / block * block;
    return !pointwise ? layer.in_w : (whole < layer_pixels ? whole : layer_pixels);
  }();
  static constexpr int tail = pointwise ? layer_pixels % band_pixels : 0;
  static constexpr kernels::window_geometry g = [] {
    kernels::window_geometry r = layer;
    if (pointwise) {
      r.in_h = r.out_h = layer_pixels / band_pixels;
      r.in_w = r.out_w = band_pixels;
      r.layer_out_h = (layer_pixels + band_pixels - 1) / band_pixels;
    }
    return r;
  }();
  static constexpr kernels::window_geometry tail_g = [] {
    kernels::window_geometry r = g;
    r.in_h = r.out_h = 1;
    r.in_w = r.out_w = tail > 0 ? tail : 1;
    return r;
  }();
  static constexpr int in_row = g.in_w * g.in_c;     // elements of one input row
  static constexpr int out_row = g.out_w * g.out_c;  // elements of one output row
  /// The first input row that output row `oy` reads (< 0: padding).
  static constexpr int first_input_row(int oy) { return oy * g.stride_h - g.pad_top; }
  // Output row f goes to its place once rows up to f + lag are computed: then no row still to compute
  // reads the input bytes under it, [f * out_row, (f + 1) * out_row). Stride 1 and rows as long as
  // the input's: lag = pad_top.
  static constexpr int lag = [] {
    int l = 0;
    for (int f = 0; f < g.out_h; ++f) {
      int r = f;
      while (r + 1 < g.out_h && static_cast<long long>(first_input_row(r + 1)) * in_row <
                                    static_cast<long long>(f + 1) * out_row)
        ++r;
      l = r - f > l ? r - f : l;
    }
    return l;
  }();
  // Output rows per band: 1, or the rows the kernel computes together (kernels::band_rows: Helium's
  // depthwise kernel shares each weight load between two rows). Pointwise layers regroup pixels.
  static constexpr int rows_per_band = pointwise ? 1 : kernels::band_rows<typename B::kernel>;
  static constexpr int band_count = (g.out_h + rows_per_band - 1) / rows_per_band;
  static constexpr int ring_rows = lag + rows_per_band;
  /// Band i: output rows [i * rows_per_band, ...), the last band possibly shorter.
  static constexpr kernels::row_band band(int i) {
    const int oy = i * rows_per_band;
    return kernels::band_of(g, oy, g.out_h - oy < rows_per_band ? g.out_h - oy : rows_per_band);
  }
  // Output rows [0, top) have taps above the input, [bottom, out_h) below it. Bands holding such rows
  // (or fewer rows) each have a geometry of their own (unrolled at compile time); the bands between,
  // [top_bands, middle_end), share one (a loop).
  static constexpr kernels::row_split split = kernels::split_rows(g);
  static constexpr int top = split.top;
  static constexpr int bottom = split.bottom;
  static constexpr int top_bands = (top + rows_per_band - 1) / rows_per_band;
  static constexpr int middle_end = bottom / rows_per_band > top_bands ? bottom / rows_per_band : top_bands;
  static constexpr bool shape_ok = [] {
    if (B::in_place || g.stride_h < 1 || out_row > in_row || rows_per_band < 1) return false;
    if (!std::is_same_v<typename B::output::value_type, T>) return false;
    for (int i = 0; i < band_count; ++i)
      if (band(i).g.in_h < 1) return false;
    return true;
  }();
  template <int... I>
  static constexpr bool same_layouts(std::integer_sequence<int, I...>) {
    return (reads_layer_constants<typename B::template kernel_at<band(I).g>, typename B::kernel>() && ...);
  }
  template <int... I>
  static constexpr std::size_t max_scratch(std::integer_sequence<int, I...>) {
    std::size_t m = 0;
    ((m = B::template kernel_at<band(I).g>::scratch_bytes > m
              ? B::template kernel_at<band(I).g>::scratch_bytes
              : m),
     ...);
    return m;
  }
  // The distinct band geometries: the top bands, one middle band (if any), the bottom bands.
  static constexpr auto top_rows = std::make_integer_sequence<int, top_bands>{};
  static constexpr auto bottom_rows =
      kernels::shifted<middle_end>(std::make_integer_sequence<int, band_count - middle_end>{});
  static constexpr auto middle_row = std::make_integer_sequence<int, (middle_end > top_bands ? 1 : 0)>{};
  static constexpr auto middle_rows = kernels::shifted<top_bands>(middle_row);

  static constexpr bool layouts_ok = [] {
    // Weight layouts (and prepared biases) transform the weights by kernel size and channels only,
    // never by rows, so the layer's prepared weights serve every band whose kernel asks for the same
    // layout.
    if constexpr (shape_ok)
      return same_layouts(top_rows) && same_layouts(middle_rows) && same_layouts(bottom_rows) &&
             (tail == 0 ||
              reads_layer_constants<typename B::template kernel_at<tail_g>, typename B::kernel>());
    else
      return false;
  }();
  // The kernel runs the layer over its own input (kernels::runs_in_place, Helium's depthwise): one
  // call, its own ring.
  static constexpr bool by_kernel = [] {
    if constexpr (requires { B::kernel_runs_in_place; })
      return B::kernel_runs_in_place && !B::in_place && std::is_same_v<typename B::output::value_type, T> &&
             B::output::bytes == B::input::bytes;
    else
      return false;
  }();
  static constexpr std::size_t ring_bytes =
      align_up(static_cast<std::size_t>(ring_rows) * static_cast<std::size_t>(out_row) * sizeof(T));

 public:
  /// Whether B's geometry runs in place this way: an output row no longer than an input row, every band's
  /// kernel reading the layer's weight layout, not in place already; or B's kernel runs the layer over its
  /// own input (kernels::runs_in_place).
  static constexpr bool supported = by_kernel || (shape_ok && layouts_ok);
  static constexpr bool in_place = true;
  /// The ring of output rows, then the scratch of the band kernels.
  static constexpr std::size_t scratch_bytes = [] {
    if constexpr (by_kernel)
      return align_up(B::kernel::in_place_scratch_bytes);
    else if constexpr (supported)
      return ring_bytes + std::max({max_scratch(top_rows), max_scratch(middle_rows), max_scratch(bottom_rows),
                                    tail > 0 ? B::template kernel_at<tail_g>::scratch_bytes : 0});
    else
      return B::scratch_bytes;
  }();
  /// What running in place costs over the layer, for ctml::scheduled: bytes copied (each output
  /// byte once, from the ring to its place), plus a kernel call per output row.
  static constexpr std::size_t copy_bytes = B::output::bytes;

  /// `x` and `y` may be the same bytes (the planner aliases them); any other buffers work too.
  static void run(const T* x, T* y, std::byte* scratch) noexcept {
    static_assert(supported, "ctml: this layer cannot run in place (row_in_place<B>::supported)");
    if constexpr (by_kernel) {
      if (x != y) kernels::copy_kernel<>::run(x, y, B::input::bytes);
      B::run_in_place_by_kernel(y, scratch);
    } else {
      run_bands(x, y, scratch);
    }
  }

 private:
  static void run_bands(const T* x, T* y, std::byte* scratch) noexcept {
    T* ring = reinterpret_cast<T*>(scratch);
    std::byte* kernel_scratch = scratch + ring_bytes;
    run_rows(x, y, ring, kernel_scratch, top_rows);
    if constexpr (middle_end > top_bands) {
      for (int i = top_bands; i < middle_end; ++i) {
        const int oy = i * rows_per_band;
        B::template run_at<band(top_bands).g>(x + first_input_row(oy) * in_row, slot(ring, oy),
                                              kernel_scratch);
        done(y, ring, oy, rows_per_band);
      }
    }
    run_rows(x, y, ring, kernel_scratch, bottom_rows);
    // The last `lag` rows: nothing reads the input any more.
    for (int f = g.out_h - lag < 0 ? 0 : g.out_h - lag; f < g.out_h; ++f) flush(y, ring, f);
    if constexpr (tail > 0) {  // a pointwise layer's last pixels, after every other output is in place
      constexpr int first = layer_pixels - tail;
      B::template run_at<tail_g>(x + first * g.in_c, ring, kernel_scratch);
      copy(ring, y + first * g.out_c, tail * g.out_c);
    }
  }
  // `n` elements from `src` to `dst` (not overlapping), with the target's copy kernel.
  static void copy(const T* src, T* dst, int n) noexcept {
    kernels::copy_kernel<>::run(src, dst, static_cast<std::size_t>(n) * sizeof(T));
  }
  // One row per band: output row oy in ring slot oy % ring_rows. Bands of several rows: the kernel
  // writes a band's rows after the `lag` rows still waiting at the start of the ring (slot lag), so
  // that they are contiguous; `done` then moves the rows still waiting back to the start.
  static T* slot(T* ring, int oy) noexcept {
    if constexpr (rows_per_band == 1)
      return ring + (oy % ring_rows) * out_row;
    else
      return (void)oy, ring + lag * out_row;
  }
  static void flush(T* y, T* ring, int f) noexcept {
    const int s = rows_per_band == 1 ? f % ring_rows : f - (g.out_h - lag);
    copy(ring + s * out_row, y + f * out_row, out_row);
  }
  // Rows [oy, oy + rows) are computed: the input bytes of rows up to oy + rows - 1 - lag are read no
  // more, so those output rows go to their place.
  static void done(T* y, T* ring, int oy, int rows) noexcept {
    if constexpr (rows_per_band == 1) {
      (void)rows;
      if (oy >= lag) flush(y, ring, oy - lag);
    } else {
      const int first = oy - lag;  // the output row in slot 0
      const int from = first < 0 ? -first : 0;
      if (rows > from) copy(ring + from * out_row, y + (first + from) * out_row, (rows - from) * out_row);
      if constexpr (lag > 0)  // may overlap (lag > rows): a forward copy, the ring before the source
        kernels::copy_kernel<>::run_forward(ring + rows * out_row, ring,
                                            static_cast<std::size_t>(lag * out_row) * sizeof(T));
    }
  }
  template <int... I>
  static void run_rows(const T* x, T* y, T* ring, std::byte* kernel_scratch,
                       std::integer_sequence<int, I...>) noexcept {
    (void)x, (void)y, (void)ring, (void)kernel_scratch;  // no bands in this sequence
    ((B::template run_at<band(I).g>(x + band(I).first_row * in_row, slot(ring, I * rows_per_band),
                                    kernel_scratch),
      done(y, ring, I * rows_per_band, band(I).g.out_h)),
     ...);
  }
};

}  // namespace ctml::detail

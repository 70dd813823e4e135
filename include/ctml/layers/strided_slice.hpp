#pragma once
// ctml::strided_slice: TFLite's STRIDED_SLICE (begin, end, strides and the begin, end and
// shrink-axis masks), resolved at compile time into start, stride and count per axis.

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/shape.hpp>
#include <ctml/kernels/strided_slice.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

/// The slice of a ctml::strided_slice, per axis of the input (outermost first, batch excluded), with
/// TFLite's meaning: `begin`, `end` (exclusive; negative counts from the end; clamped to the axis),
/// `strides` (negative walks backwards; 0 is taken as 1, so `.strides = {2}` leaves the others at 1), bit d
/// of `begin_mask` / `end_mask` ignores begin[d] / end[d] (the whole axis), bit d of `shrink_axis_mask` takes
/// the one element begin[d] and drops the axis. Entries past the input's rank stay at their defaults.
/// (TFLite's ellipsis and new-axis masks are not taken: TFLite Micro ignores them.)
struct strided_slice_options {
  std::array<int, 4> begin{};
  std::array<int, 4> end{};
  std::array<int, 4> strides{1, 1, 1, 1};
  unsigned begin_mask = 0, end_mask = 0, shrink_axis_mask = 0;
};

namespace detail {
/// One axis of a strided slice resolved as TFLite Micro's kernel resolves it.
struct slice_axis {
  int start = 0, stride = 1, count = 0;
  bool shrink = false;
  bool shrink_out_of_range = false;
};
constexpr slice_axis resolve_slice_axis(const strided_slice_options& o, std::size_t d, int n) {
  slice_axis a;
  a.stride = o.strides[d] == 0 ? 1 : o.strides[d];
  auto clamp = [&](int v) {
    const int lo = a.stride > 0 ? 0 : -1, hi = a.stride > 0 ? n : n - 1;
    return v < lo ? lo : (v > hi ? hi : v);
  };
  int start = o.begin[d] < 0 ? o.begin[d] + n : o.begin[d];
  start = clamp(start);
  if (o.begin_mask & (1u << d)) start = a.stride > 0 ? 0 : n - 1;
  int stop = 0;
  a.shrink = (o.shrink_axis_mask & (1u << d)) != 0;
  if (a.shrink) {
    a.shrink_out_of_range = start < 0 || start >= n || a.stride < 0;
    stop = start + 1;
  } else {
    stop = clamp(o.end[d] < 0 ? o.end[d] + n : o.end[d]);
    if (o.end_mask & (1u << d)) stop = a.stride > 0 ? n : -1;
  }
  const int span = a.stride > 0 ? stop - start : start - stop;
  const int step = a.stride > 0 ? a.stride : -a.stride;
  a.start = start;
  a.count = span <= 0 ? 0 : (span + step - 1) / step;
  return a;
}
}  // namespace detail

/// Takes a strided slice of the input, like `x[b0:e0:s0, b1:e1:s1, ...]` in TensorFlow (TFLite's
/// STRIDED_SLICE). Everything is resolved at compile time: the output shape, and the start, stride
/// and element count of every axis. Element types int8, int16, int32, float (quantization kept);
/// rank 1 to 4 (batch excluded); no scratch. A shrunk axis out of range, an empty result or an axis the
/// input does not have stops the build. Usage:
/// `ctml::strided_slice<ctml::strided_slice_options{.begin = {2, 0, 0}, .end = {8, 0, 0}, .end_mask =
/// 0b110}>`
template <strided_slice_options O>
struct strided_slice {
  template <TensorSpec In>
  struct resolved {
    static constexpr std::size_t rank = In::shape::rank;
    static constexpr std::array<detail::slice_axis, 4> axes = [] {
      std::array<detail::slice_axis, 4> a{};
      for (std::size_t d = 0; d < rank && d < 4; ++d)
        a[d] = detail::resolve_slice_axis(O, d, In::shape::dims[d]);
      return a;
    }();
    static constexpr std::size_t named = [] {  // 1 + the last axis the options set
      std::size_t n = 0;
      for (std::size_t d = 0; d < 4; ++d)
        if (O.begin[d] != 0 || O.end[d] != 0 || (O.strides[d] != 1 && O.strides[d] != 0) ||
            ((O.begin_mask | O.end_mask | O.shrink_axis_mask) & (1u << d)) != 0)
          n = d + 1;
      if (((O.begin_mask | O.end_mask | O.shrink_axis_mask) >> 4) != 0) n = 5;
      return n;
    }();
    static constexpr bool bad_shrink = [] {
      for (std::size_t d = 0; d < rank && d < 4; ++d)
        if (axes[d].shrink && axes[d].shrink_out_of_range) return true;
      return false;
    }();
    static constexpr bool empty = [] {
      for (std::size_t d = 0; d < rank && d < 4; ++d)
        if (axes[d].count == 0) return true;
      return false;
    }();
    static constexpr std::size_t out_rank = [] {
      std::size_t n = 0;
      for (std::size_t d = 0; d < rank && d < 4; ++d) n += axes[d].shrink ? 0u : 1u;
      return n;
    }();
  };

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    using R = resolved<In>;
    if constexpr (!(std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                    std::is_same_v<T, std::int32_t> || std::is_same_v<T, float>)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::strided_slice: element type must be int8, int16, int32 or float");
      return false;
    } else if constexpr (R::rank > 4) {
      static_assert(detail::input_rank_mismatch<strided_slice, 4, typename In::shape>,
                    "ctml::strided_slice: the input has more than 4 axes (TFLite Micro slices at most 4 "
                    "with the batch)");
      return false;
    } else if constexpr (R::named > R::rank) {
      static_assert(detail::input_rank_mismatch<strided_slice, R::named, typename In::shape>,
                    "ctml::strided_slice: the options name an axis the input does not have (axes count "
                    "without the batch)");
      return false;
    } else if constexpr (R::bad_shrink) {
      static_assert(detail::dependent_false<In>,
                    "ctml::strided_slice: a shrunk axis needs begin inside the axis and a positive stride");
      return false;
    } else if constexpr (R::empty) {
      static_assert(detail::dependent_false<In>,
                    "ctml::strided_slice: the slice is empty along an axis (begin, end and stride select "
                    "no element; ctml tensors have no empty axes)");
      return false;
    } else if constexpr (R::out_rank == 0) {
      static_assert(detail::dependent_false<In>,
                    "ctml::strided_slice: every axis is shrunk; keep one (ctml tensors have rank >= 1)");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    using R = resolved<In>;
    static constexpr std::array<int, R::out_rank> out_dims = [] {
      std::array<int, R::out_rank> d{};
      std::size_t k = 0;
      for (std::size_t i = 0; i < R::rank; ++i)
        if (!R::axes[i].shrink) d[k++] = R::axes[i].count;
      return d;
    }();
    // The geometry as rank 4: the input's axes last (a shrunk axis reads its one element).
    static constexpr kernels::slice_geometry geometry = [] {
      kernels::slice_geometry g;
      for (std::size_t i = 0; i < R::rank; ++i) {
        const std::size_t k = 4 - R::rank + i;
        g.in[k] = In::shape::dims[i];
        g.start[k] = R::axes[i].start;
        g.stride[k] = R::axes[i].stride;
        g.count[k] = R::axes[i].count;
      }
      return g;
    }();

    using input = In;
    using output = tensor_spec<shape_of<out_dims>, T, quant_ref_of<In>>;
    static constexpr const char* name = "strided_slice";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;
    using kernel = kernels::strided_slice_kernel<T, geometry>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const T* x, T* y, std::byte* scratch) noexcept { kernel::run(x, y, scratch); }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml

#pragma once
// ctml::transpose: TFLite's TRANSPOSE, a permutation of the axes resolved at compile time.

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/shape.hpp>
#include <ctml/kernels/transpose.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

namespace detail {
template <class Layer, class Shape, int... Perm>
inline constexpr bool invalid_permutation = false;
}  // namespace detail

/// Permutes the axes of the input (batch excluded): output axis d is input axis `Perm[d]`, like
/// `keras.layers.Permute` with 0-based axes (TFLite's TRANSPOSE with `perm = {0, Perm + 1...}`).
/// Element types int8, int16, int32, float (quantization kept); rank 1 to 4; no scratch.
/// Usage: `ctml::transpose<2, 0, 1>` (HWC to CHW)
template <int... Perm>
struct transpose {
  static constexpr std::array<int, sizeof...(Perm)> perm{Perm...};

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    constexpr bool is_permutation = [] {
      std::array<bool, sizeof...(Perm)> seen{};
      for (int p : perm) {
        if (p < 0 || p >= static_cast<int>(sizeof...(Perm)) || seen[static_cast<std::size_t>(p)])
          return false;
        seen[static_cast<std::size_t>(p)] = true;
      }
      return true;
    }();
    if constexpr (!(std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                    std::is_same_v<T, std::int32_t> || std::is_same_v<T, float>)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::transpose: element type must be int8, int16, int32 or float");
      return false;
    } else if constexpr (In::shape::rank > 4) {
      static_assert(detail::input_rank_mismatch<transpose, 4, typename In::shape>,
                    "ctml::transpose: the input has more than 4 axes (TFLite Micro transposes at most 5 "
                    "with the batch)");
      return false;
    } else if constexpr (sizeof...(Perm) != In::shape::rank) {
      static_assert(detail::input_rank_mismatch<transpose, sizeof...(Perm), typename In::shape>,
                    "ctml::transpose: the permutation must name every axis of the input once (axes "
                    "count without the batch)");
      return false;
    } else if constexpr (!is_permutation) {
      static_assert(detail::invalid_permutation<transpose, typename In::shape, Perm...>,
                    "ctml::transpose: the axes must be a permutation of 0 .. rank - 1");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr std::size_t rank = In::shape::rank;
    static constexpr std::array<int, rank> out_dims = [] {
      std::array<int, rank> d{};
      for (std::size_t i = 0; i < rank; ++i) d[i] = In::shape::dims[static_cast<std::size_t>(perm[i])];
      return d;
    }();
    // Output axis d steps through the input by the stride of input axis perm[d] (rank 4, axes last).
    static constexpr kernels::transpose_geometry geometry = [] {
      std::array<int, rank> in_stride{};
      int s = 1;
      for (std::size_t i = rank; i-- > 0;) {
        in_stride[i] = s;
        s *= In::shape::dims[i];
      }
      kernels::transpose_geometry g;
      for (std::size_t i = 0; i < rank; ++i) {
        g.count[4 - rank + i] = out_dims[i];
        g.stride[4 - rank + i] = in_stride[static_cast<std::size_t>(perm[i])];
      }
      return g;
    }();

    using input = In;
    using output = tensor_spec<shape_of<out_dims>, T, quant_ref_of<In>>;
    static constexpr const char* name = "transpose";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;
    using kernel = kernels::transpose_kernel<T, geometry>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const T* x, T* y, std::byte* scratch) noexcept { kernel::run(x, y, scratch); }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml

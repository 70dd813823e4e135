#pragma once
// ctml::concatenation: TFLite's CONCATENATION, joining 1 to 10 tensors along one axis.

#include <array>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include <ctml/core/shape.hpp>
#include <ctml/kernels/concatenation.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

namespace detail {
template <class T>
inline constexpr bool concat_element = std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                                       std::is_same_v<T, std::int32_t> || std::is_same_v<T, float>;
template <class A, class... Rest>
struct first_of {
  using type = A;
};
template <class Layer, class... Shapes>
inline constexpr bool concat_shapes_mismatch = false;
template <class Layer, class... Types>
inline constexpr bool concat_types_mismatch = false;
}  // namespace detail

/// Joins its inputs along axis `Axis` (batch excluded; negative counts from the end), like
/// `keras.layers.Concatenate(axis)` (TFLite's CONCATENATION). Takes 1 to 10 inputs of the same element
/// type (int8, int16, int32, float) and rank (1 to 5), equal in every dimension but the axis. The bytes
/// are copied, never requantized, as TFLite Micro does: int8 inputs must share one quantization, int16
/// inputs too (with zero point 0); the output keeps it. No scratch. Usage in a graph:
/// `ctml::node<"y", ctml::concatenation<-1>, "a", "b">`
template <int Axis>
struct concatenation {
  template <TensorSpec... In>
  struct resolved {
    using first = typename detail::first_of<In...>::type;
    static constexpr std::size_t n = sizeof...(In);
    static constexpr std::size_t rank = first::shape::rank;
    static constexpr int axis = Axis < 0 ? Axis + static_cast<int>(rank) : Axis;
    static constexpr bool axis_ok = axis >= 0 && axis < static_cast<int>(rank);
    static constexpr bool same_rank = ((In::shape::rank == rank) && ...);
    static constexpr bool same_dims = [] {
      if constexpr (!same_rank || !axis_ok) {
        return false;
      } else {
        bool ok = true;
        (
            [&] {
              for (std::size_t d = 0; d < rank; ++d)
                if (static_cast<int>(d) != axis && In::shape::dims[d] != first::shape::dims[d]) ok = false;
            }(),
            ...);
        return ok;
      }
    }();
    static constexpr bool same_quant =
        ((In::quant.scale == first::quant.scale && In::quant.zero_point == first::quant.zero_point) && ...);
  };

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec... In>
  static consteval bool valid() {
    using R = resolved<In...>;
    using First = typename R::first;
    using T = typename First::value_type;
    if constexpr (R::n > 10) {
      static_assert(detail::dependent_false<First>,
                    "ctml::concatenation: at most 10 inputs (TFLite Micro's limit)");
      return false;
    } else if constexpr (!(std::is_same_v<typename In::value_type, T> && ...)) {
      static_assert(detail::concat_types_mismatch<concatenation, typename In::value_type...>,
                    "ctml::concatenation: every input must have the same element type");
      return false;
    } else if constexpr (!detail::concat_element<T>) {
      static_assert(detail::dependent_false<First>,
                    "ctml::concatenation: element type must be int8, int16, int32 or float");
      return false;
    } else if constexpr (R::rank > 5) {
      static_assert(detail::input_rank_mismatch<concatenation, 5, typename First::shape>,
                    "ctml::concatenation: the input has more than 5 axes (TFLite Micro joins at most 6 "
                    "with the batch)");
      return false;
    } else if constexpr (!R::axis_ok) {
      static_assert(detail::input_rank_mismatch<concatenation, R::rank, typename First::shape>,
                    "ctml::concatenation: the axis is outside the input's rank (axes count without the "
                    "batch; -rank <= Axis < rank)");
      return false;
    } else if constexpr (!R::same_rank || !R::same_dims) {
      static_assert(detail::concat_shapes_mismatch<concatenation, typename In::shape...>,
                    "ctml::concatenation: the inputs must have the same rank and the same dimensions "
                    "except along the axis");
      return false;
    } else if constexpr (!std::is_same_v<T, float> && !R::same_quant) {
      static_assert(detail::invalid_quantization<concatenation, First>,
                    "ctml::concatenation: the inputs must share one quantization (TFLite Micro copies the "
                    "bytes without requantizing)");
      return false;
    } else if constexpr (std::is_same_v<T, std::int16_t> && First::quant.zero_point != 0) {
      static_assert(detail::invalid_quantization<concatenation, First>,
                    "ctml::concatenation: int16 inputs must have zero point 0 (TFLite's 16x8 scheme)");
      return false;
    }
    return true;
  }

  template <TensorSpec... In>
  struct bound {
    using R = resolved<In...>;
    using First = typename R::first;
    using T = typename First::value_type;
    static constexpr std::size_t n = R::n;
    static constexpr std::array<int, R::rank> out_dims = [] {
      std::array<int, R::rank> d{};
      for (std::size_t i = 0; i < R::rank; ++i) d[i] = First::shape::dims[i];
      d[static_cast<std::size_t>(R::axis)] = (In::shape::dims[static_cast<std::size_t>(R::axis)] + ...);
      return d;
    }();
    static constexpr kernels::concat_geometry<n> geometry = [] {
      kernels::concat_geometry<n> g;
      for (int d = 0; d < R::axis; ++d) g.outer *= First::shape::dims[static_cast<std::size_t>(d)];
      std::size_t i = 0;
      ((g.block[i++] = static_cast<int>(In::shape::size) / g.outer), ...);
      return g;
    }();

    using input = First;
    using output = tensor_spec<shape_of<out_dims>, T, quant_ref_of<First>>;
    static constexpr const char* name = "concatenation";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;
    using kernel = kernels::concatenation_kernel<T, n, geometry>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    /// run(x0, ..., x(n-1), y, scratch): the inputs in order, then the output and the scratch.
    template <class... P>
    static void run(P... p) noexcept {
      static_assert(sizeof...(P) == n + 2, "ctml::concatenation: run takes every input, the output, scratch");
      const std::tuple<P...> args{p...};
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        kernel::run(std::array<const T*, n>{std::get<I>(args)...}, std::get<n>(args), std::get<n + 1>(args));
      }
      (std::make_index_sequence<n>{});
    }
  };
  template <TensorSpec... In>
  using bind = detail::bind_checked<valid<In...>(), bound<In...>, typename detail::first_of<In...>::type>;
};

}  // namespace ctml

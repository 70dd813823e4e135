#pragma once
// ctml::shape: tensor dimensions as a type (NHWC order, batch dimension omitted).

#include <array>
#include <cstddef>
#include <type_traits>

namespace ctml {

/// Tensor dimensions known at compile time, outermost first (NHWC without N).
/// Usage: `using mfcc = ctml::shape<49, 10, 1>; static_assert(mfcc::size == 490);`
template <int... Dims>
struct shape {
  static_assert(sizeof...(Dims) >= 1, "ctml::shape: a shape needs at least one dimension");
  static_assert(((Dims > 0) && ...), "ctml::shape: every dimension must be positive");

  static constexpr std::size_t rank = sizeof...(Dims);
  static constexpr std::array<int, rank> dims{Dims...};
  /// Number of elements.
  static constexpr std::size_t size = (std::size_t{1} * ... * static_cast<std::size_t>(Dims));

  /// Dimension `i`, counted from the outermost.
  static constexpr int dim(std::size_t i) { return dims[i]; }
};

namespace detail {
template <class T>
struct is_shape : std::false_type {};
template <int... D>
struct is_shape<shape<D...>> : std::true_type {};

// Builds shape<...> from a constexpr std::array of dims.
template <auto Dims, class Seq = std::make_index_sequence<Dims.size()>>
struct shape_from_array;
template <auto Dims, std::size_t... I>
struct shape_from_array<Dims, std::index_sequence<I...>> {
  using type = shape<Dims[I]...>;
};
}  // namespace detail

/// Satisfied by every `ctml::shape<...>`.
template <class T>
concept Shape = detail::is_shape<T>::value;

/// The shape whose dimensions are the elements of a constexpr array.
/// Usage: `ctml::shape_of<std::array{25, 5, 64}>` is `ctml::shape<25, 5, 64>`.
template <auto Dims>
using shape_of = typename detail::shape_from_array<Dims>::type;

/// Height/width/channels view of a rank-1..3 shape: rank 1 is [1, 1, C], rank 2 is [1, W, C].
struct hwc {
  int h, w, c;
  constexpr std::size_t size() const {
    return static_cast<std::size_t>(h) * static_cast<std::size_t>(w) * static_cast<std::size_t>(c);
  }
};

/// The `hwc` view of a shape; rank 4 and above are rejected at compile time.
template <Shape S>
consteval hwc as_hwc() {
  static_assert(S::rank <= 3, "ctml: image layers take shapes of rank 1 to 3 ([H, W, C] without batch)");
  if constexpr (S::rank == 1) {
    return {1, 1, S::dims[0]};
  } else if constexpr (S::rank == 2) {
    return {1, S::dims[0], S::dims[1]};
  } else {
    return {S::dims[0], S::dims[1], S::dims[2]};
  }
}

}  // namespace ctml

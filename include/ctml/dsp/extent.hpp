#pragma once
// The compile-time length of a contiguous range, for DSP entry points that deduce their size from
// their arguments: C arrays, std::array and fixed-extent std::span have one; anything else (vectors,
// dynamic spans) has none (0), and the entry points that need it say so at compile time.

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>

namespace ctml::dsp {

namespace detail {
template <typename R>
struct static_extent : std::integral_constant<std::size_t, 0> {};
template <typename T, std::size_t N>
struct static_extent<T[N]> : std::integral_constant<std::size_t, N> {};
template <typename T, std::size_t N>
struct static_extent<std::array<T, N>> : std::integral_constant<std::size_t, N> {};
template <typename T, std::size_t N>
struct static_extent<std::span<T, N>>
    : std::integral_constant<std::size_t, N == std::dynamic_extent ? 0 : N> {};
}  // namespace detail

/// Number of elements of R known at compile time, 0 if R's length is a run-time value.
/// Usage: `static_assert(ctml::dsp::static_extent_v<std::array<float, 512>> == 512);`
template <typename R>
inline constexpr std::size_t static_extent_v = detail::static_extent<std::remove_cvref_t<R>>::value;

}  // namespace ctml::dsp

#pragma once
// A minimal type list for the model templates (no <tuple> needed on freestanding targets).

#include <cstddef>
#include <type_traits>

namespace ctml::detail {

template <class... T>
struct type_list {
  static constexpr std::size_t size = sizeof...(T);
};

template <std::size_t I, class List>
struct type_at;
template <class Head, class... Tail>
struct type_at<0, type_list<Head, Tail...>> {
  using type = Head;
};
template <std::size_t I, class Head, class... Tail>
struct type_at<I, type_list<Head, Tail...>> : type_at<I - 1, type_list<Tail...>> {};

template <class T, class List>
struct prepend;
template <class T, class... U>
struct prepend<T, type_list<U...>> {
  using type = type_list<T, U...>;
};

}  // namespace ctml::detail

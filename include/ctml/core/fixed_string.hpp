#pragma once
// ctml::fixed_string: a string usable as a template argument (graph node names).

#include <cstddef>

namespace ctml {

/// A compile-time string literal wrapper. Usage: `template <ctml::fixed_string Name> struct node;`
template <std::size_t N>
struct fixed_string {
  char data[N]{};

  consteval fixed_string(const char (&s)[N]) {  // NOLINT(google-explicit-constructor): literal sugar
    for (std::size_t i = 0; i < N; ++i) data[i] = s[i];
  }
  static constexpr std::size_t size() { return N - 1; }
  constexpr const char* c_str() const { return data; }

  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& o) const {
    if constexpr (M != N) {
      return false;
    } else {
      for (std::size_t i = 0; i < N; ++i)
        if (data[i] != o.data[i]) return false;
      return true;
    }
  }
};

}  // namespace ctml

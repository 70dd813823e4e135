#pragma once
// Byte-count literals for budgets: `16_KiB`, `1_MiB`.

#include <cstddef>

namespace ctml {
inline namespace literals {

/// Kibibytes. Usage: `using namespace ctml::literals; static_assert(kws::arena_bytes <= 16_KiB);`
consteval std::size_t operator""_KiB(unsigned long long n) {
  return static_cast<std::size_t>(n) * 1024u;
}
/// Mebibytes.
consteval std::size_t operator""_MiB(unsigned long long n) {
  return static_cast<std::size_t>(n) * 1024u * 1024u;
}
/// Bytes, for symmetry in budget tables.
consteval std::size_t operator""_B(unsigned long long n) {
  return static_cast<std::size_t>(n);
}

}  // namespace literals
}  // namespace ctml

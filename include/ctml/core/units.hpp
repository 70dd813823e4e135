#pragma once
// Byte-count literals for budgets: `16_KiB`, `1_MiB`; ctml::hertz, the one type for sample rates and
// frequencies (`16_kHz`, `1600_Hz`).

#include <cstddef>

namespace ctml {

/// A sample rate or frequency in hertz: what every ctml::dsp function, options struct and filter
/// designer takes for one. Written `16_kHz`, `1600_Hz`, `2.5_Hz` (ctml::literals) or `ctml::hertz{fs}`;
/// a plain number converts implicitly (it is read as hertz), so `butter_lowpass<4>(40.0, 1000.0)`
/// still compiles. Usage: `ctml::dsp::butter_lowpass<4>(40_Hz, 1_kHz)`.
struct hertz {
  double value = 0.0;
  constexpr hertz() = default;
  constexpr hertz(double hz) : value(hz) {}  // implicit: a number is hertz
  friend constexpr bool operator==(hertz, hertz) = default;
};

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

/// Hertz. Usage: `using namespace ctml::literals; ctml::dsp::welch<256> w{{.sample_rate = 1600_Hz}};`
consteval hertz operator""_Hz(unsigned long long n) {
  return hertz{static_cast<double>(n)};
}
consteval hertz operator""_Hz(long double v) {
  return hertz{static_cast<double>(v)};
}
/// Kilohertz: `16_kHz` is 16000 Hz.
consteval hertz operator""_kHz(unsigned long long n) {
  return hertz{static_cast<double>(n) * 1000.0};
}
consteval hertz operator""_kHz(long double v) {
  return hertz{static_cast<double>(v * 1000.0L)};
}

}  // namespace literals
}  // namespace ctml

#pragma once
// The complex sample type of ctml::dsp: two Ts, real then imaginary (the layout of std::complex,
// CMSIS-DSP and numpy's complex64), without pulling <complex> into firmware.

#include <cstdint>

namespace ctml::dsp {

/// A complex value stored as {re, im}.
/// Usage: `ctml::dsp::complex<float> z{1.0f, -2.0f};`
template <typename T>
struct complex {
  T re;
  T im;
  friend constexpr bool operator==(const complex&, const complex&) = default;
};

using complex_f32 = complex<float>;
using complex_q15 = complex<std::int16_t>;

}  // namespace ctml::dsp

#pragma once
// TFLite's int16 LOGISTIC and TANH arithmetic (TFLite Micro's reference kernels): a 256-entry table of
// the sigmoid, linearly interpolated; tanh(x) = 2 sigmoid(2x) - 1 through the same table. Shared by
// the graph ops (ctml::sigmoid, ctml::tanh on int16) and the int8 LSTM's int16 gates.

#include <array>
#include <cstdint>

#include <ctml/core/math.hpp>

namespace ctml::kernels::reference {

/// The 256-entry sigmoid table of TFLite's int16 LOGISTIC / TANH, sigmoid(k / 24) in Q0.16 for
/// linear interpolation, derived here: each node is raised by half the chord's error at the middle
/// of its segment (the interpolation then errs on both sides instead of one), rounded; the last node
/// is 2^16 - 1, the saturated value. (This reproduces TFLite's table exactly; the nearest rounding
/// of sigmoid(k / 24) alone differs in 44 entries.)
inline constexpr std::array<std::uint16_t, 256> sigmoid_table_u16 = [] {
  std::array<std::uint16_t, 256> t{};
  auto f = [](double x) { return 65536.0 / (1.0 + math::exp(-x / 24.0)); };
  for (int k = 0; k < 255; ++k) {
    const double sag = f(k + 0.5) - (f(k) + f(k + 1)) / 2.0;
    t[static_cast<std::size_t>(k)] = static_cast<std::uint16_t>(math::round(f(k) + sag / 2.0));
  }
  t[255] = 65535;
  return t;
}();

/// TFLite's int16 logistic of a Q3.12 input: the table interpolated, Q0.15 output.
constexpr std::int16_t sigmoid_s16(std::int16_t x) noexcept {
  const std::int32_t v = std::int32_t{x} * 3;  // Q3.12 * 3: table steps of 1/24 are 512 units
  const auto a = static_cast<std::uint32_t>(v < 0 ? -v : v);
  const std::uint32_t k = a >> 9;
  std::uint32_t r = 0x7FFFu << 10;
  if (k < 255) {
    const std::uint32_t lo = sigmoid_table_u16[k], hi = sigmoid_table_u16[k + 1];
    r = (lo << 9) + (a & 0x1FFu) * (hi - lo);
  }
  r = v >= 0 ? r + (1u << 9) : (1u << 25) - r + (1u << 9) - 1;
  return static_cast<std::int16_t>(r >> 10);
}

/// TFLite's int16 tanh of an input with scale 2^scale_power (Q3.12 for the gates: -12; the cell
/// state's power of two for tanh(c)), Q0.15 output: tanh(x) = 2 sigmoid(2x) - 1 through the table.
template <int ScalePower>
constexpr std::int16_t tanh_s16(std::int16_t x) noexcept {
  // TFLM: left shift (15 + power) - 3; a non-negative shift s multiplies by 3 << s, a negative one
  // multiplies by 3 and rounds s bits away.
  constexpr int shift = 15 + ScalePower - 3;
  std::int32_t v = 0;
  if constexpr (shift >= 0) {
    v = std::int32_t{x} * (3 << shift);
  } else {
    v = (std::int32_t{x} * 3 + (1 << (-shift - 1))) >> -shift;
  }
  const auto a = static_cast<std::uint32_t>(v < 0 ? -v : v);
  const std::uint32_t k = a >> 8;
  std::int32_t r = 0xFFFF << 8;
  if (k < 255) {
    const std::uint32_t lo = sigmoid_table_u16[k], hi = sigmoid_table_u16[k + 1];
    r = static_cast<std::int32_t>((lo << 8) + (a & 0xFFu) * (hi - lo));
  }
  r = v >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
  return static_cast<std::int16_t>(r >> 8);
}

/// How an int16 LOGISTIC / TANH input of some scale is brought to the table's fixed point (TFLite
/// Micro's Prepare): x * multiplier, rounded `shift` bits away.
struct s16_activation_input {
  std::int32_t multiplier;
  int shift;
};

/// TFLite Micro's input scaling of int16 LOGISTIC (`tanh` false) or TANH for input scale `scale`:
/// for the power-of-two scales the kernels take directly (2^-12; for TANH also 2^-11) the multiplier
/// is 3 << shift, else scale * 3 * 4096 doubled until above 32767 / 2, truncated (at most 32767
/// for scale <= 32767 / 12288, which the callers check).
/// Usage: `constexpr auto in = s16_activation_scaling(0.001, false);`
constexpr s16_activation_input s16_activation_scaling(double scale, bool tanh) noexcept {
  const double l = math::log2(scale);
  const double r = math::round(l);
  const bool pot = math::abs(l - r) < 1e-3;
  const int left_shift = 12 + static_cast<int>(r);
  if (pot && (left_shift == 0 || (tanh && left_shift == 1))) return {3 << left_shift, 0};
  double m = scale * 4096.0 * 3.0;
  int shift = 0;
  while (m <= 32767.0 / 2.0 && shift <= 30) {
    ++shift;
    m *= 2.0;
  }
  return {static_cast<std::int32_t>(m), shift};
}

/// The table input of TFLite's int16 LOGISTIC / TANH: x * multiplier, rounded `shift` bits away.
constexpr std::int32_t s16_activation_scale(std::int16_t x, s16_activation_input in) noexcept {
  const std::int32_t round = in.shift > 0 ? std::int32_t{1} << (in.shift - 1) : 0;
  return (std::int32_t{x} * in.multiplier + round) >> in.shift;
}

/// TFLite's int16 LOGISTIC: Q0.15 output (scale 2^-15, zero point 0) for any input scale.
constexpr std::int16_t logistic_s16(std::int16_t x, s16_activation_input in) noexcept {
  const std::int32_t v = s16_activation_scale(x, in);
  const auto a = static_cast<std::uint32_t>(v < 0 ? -v : v);
  const std::uint32_t k = a >> 9;
  std::uint32_t r = 0x7FFFu << 10;
  if (k < 255) {
    const std::uint32_t lo = sigmoid_table_u16[k], hi = sigmoid_table_u16[k + 1];
    r = (lo << 9) + (a & 0x1FFu) * (hi - lo);
  }
  r = v >= 0 ? r + (1u << 9) : (1u << 25) - r + (1u << 9) - 1;
  return static_cast<std::int16_t>(r >> 10);
}

/// TFLite's int16 TANH: Q0.15 output (scale 2^-15, zero point 0) for any input scale.
constexpr std::int16_t tanh_s16(std::int16_t x, s16_activation_input in) noexcept {
  const std::int32_t v = s16_activation_scale(x, in);
  const auto a = static_cast<std::uint32_t>(v < 0 ? -v : v);
  const std::uint32_t k = a >> 8;
  std::int32_t r = 0xFFFF << 8;
  if (k < 255) {
    const std::uint32_t lo = sigmoid_table_u16[k], hi = sigmoid_table_u16[k + 1];
    r = static_cast<std::int32_t>((lo << 8) + (a & 0xFFu) * (hi - lo));
  }
  r = v >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
  return static_cast<std::int16_t>(r >> 8);
}

}  // namespace ctml::kernels::reference

#pragma once
// The per-input term of TFLite's quantized ADD as a compile-time table. The rescaled input
// MBQM((x + offset) << left_shift, M_in) (double rounding) depends on one int8 value only, so per
// input it is 256 int32 entries computed at compile time (1 KB of flash; layers with the same
// constants share it). The arm_dsp kernel reads it with scalar loads, the arm_mve kernel with
// gather loads; both are bit-identical to reference::add_s8 (same arithmetic per entry).

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::detail {

/// The rescaled input term of every int8 value, indexed by the value's byte (x & 0xff).
/// Usage: `add_input_table<K.input1_offset, K.left_shift, K.input1>::values[u8]`.
template <std::int32_t Offset, int LeftShift, multiplier M>
struct add_input_table {
  alignas(16) static constexpr std::array<std::int32_t, 256> values = [] {
    std::array<std::int32_t, 256> t{};
    for (int u = 0; u < 256; ++u) {
      const std::int32_t x = (u < 128 ? u : u - 256) + Offset;
      t[static_cast<std::size_t>(u)] =
          multiply_by_quantized_multiplier(x * (std::int32_t{1} << LeftShift), M);
    }
    return t;
  }();
};

}  // namespace ctml::kernels::detail

#pragma once
// Reference int16 softmax (TFLite's 16x8 SOFTMAX): the input difference to the row's maximum rescaled to
// [-10, 0], exp and the reciprocal of the sum from TFLite's two interpolated int16 tables, Q0.15 output.

#include <bit>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/kernels/reference/softmax_s16_tables.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::reference {

/// An interpolated lookup in a 513-entry int16 table over the int16 range (TFLite's int16 LUT lookup):
/// entry 256 + (v >> 7), plus the slope to the next entry times the low 7 bits, rounded.
constexpr std::int16_t table_lookup_s16(std::int16_t v, const std::int16_t* table) noexcept {
  const int index = 256 + (v >> 7);
  const int low = v & 0x7f;
  const int base = table[index];
  const int slope = table[index + 1] - base;
  return static_cast<std::int16_t>(base + ((slope * low + 64) >> 7));
}

/// int16 softmax over the last axis (`Rows` rows of `Depth`), zero points 0, output Q0.15; `m`: the input
/// scale x beta / (10 / 65535), TFLite's multiplier.
template <int Rows, int Depth>
void softmax_s16(const std::int16_t* in, multiplier m, std::int16_t* out) noexcept {
  for (int r = 0; r < Rows; ++r) {
    const std::int16_t* x = in + r * Depth;
    std::int16_t* y = out + r * Depth;
    std::int16_t max = -32768;
    for (int c = 0; c < Depth; ++c) max = x[c] > max ? x[c] : max;
    // exp of each difference (the output holds them until the sum is known), summed in Q16.15.
    std::int32_t sum = 0;
    for (int c = 0; c < Depth; ++c) {
      std::int32_t d = multiply_by_quantized_multiplier(std::int32_t{x[c]} - max, m) + 32767;
      d = d < -32768 ? -32768 : (d > 32767 ? 32767 : d);
      y[c] = table_lookup_s16(static_cast<std::int16_t>(d), softmax_s16_exp_table.data());
      sum += y[c];
    }
    // 1 / sum from the table of 1 / (1 + x): the sum normalized to [1, 2), less 1, centred on the int16
    // range.
    const int headroom_plus_one = std::countl_zero(static_cast<std::uint32_t>(sum));
    const auto shifted =
        static_cast<std::int32_t>(((std::int64_t{sum} << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    std::int32_t centred = shifted - ((1 << 15) + (1 << 16));
    centred = centred < -32768 ? -32768 : (centred > 32767 ? 32767 : centred);
    const std::int16_t reciprocal =
        table_lookup_s16(static_cast<std::int16_t>(centred), softmax_s16_reciprocal_table.data());
    const int right_shift = 31 - headroom_plus_one;
    const std::int64_t round = std::int64_t{1} << (right_shift - 1);
    for (int c = 0; c < Depth; ++c) {
      const auto v = static_cast<std::int32_t>((std::int64_t{y[c]} * reciprocal + round) >> right_shift);
      y[c] = static_cast<std::int16_t>(v < 0 ? 0 : (v > 32767 ? 32767 : v));
    }
  }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

/// The int16 softmax of `Rows` rows of `Depth` on architecture `A` (reference only).
/// Usage: `kernels::softmax_s16_kernel<1, 12>::run(in, m, out, scratch);`
template <int Rows, int Depth, arch A = target_arch>
struct softmax_s16_kernel : softmax_s16_kernel<Rows, Depth, fallback_of(A)> {};

template <int Rows, int Depth>
struct softmax_s16_kernel<Rows, Depth, arch::generic> : no_scratch {
  static void run(const std::int16_t* in, multiplier m, std::int16_t* out, std::byte* /*scratch*/) noexcept {
    reference::softmax_s16<Rows, Depth>(in, m, out);
  }
};

}  // namespace ctml::kernels

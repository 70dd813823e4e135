#pragma once
// Reference L2_NORMALIZATION kernels: each vector along the last axis divided by its L2 norm, float and
// int8 (TFLite's integer arithmetic: the int32 sum of squares, gemmlowp's fixed-point Newton-Raphson
// inverse square root, output scale 1/128), bit-exact with TFLite Micro.

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels {

namespace reference {

/// gemmlowp's SaturatingRoundingMultiplyByPOT with a positive exponent: x * 2^e, saturating.
constexpr std::int32_t saturating_shift_left(std::int32_t x, int e) {
  const std::int32_t threshold = static_cast<std::int32_t>((std::int64_t{1} << (31 - e)) - 1);
  if (x > threshold) return std::numeric_limits<std::int32_t>::max();
  if (x < -threshold) return std::numeric_limits<std::int32_t>::min();
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << e);
}

/// 1 / sqrt(x) as a quantized multiplier (TFLite's GetInvSqrtQuantizedMultiplierExp with the reverse shift):
/// x normalised by pairs of bits into [2^27, 2^29), five Newton-Raphson steps in Q3.28 fixed point from 1,
/// times sqrt(1/2). x <= 1 gives the largest multiplier.
constexpr multiplier inv_sqrt_multiplier(std::int32_t x) {
  if (x <= 1) return {std::numeric_limits<std::int32_t>::max(), 0};
  int shift = 11;
  while (x >= (1 << 29)) {
    x /= 4;
    ++shift;
  }
  const int pairs = (std::countl_zero(static_cast<std::uint32_t>(x)) - 1) / 2 - 1;
  shift -= pairs;
  x <<= 2 * pairs;
  // Q3.28 values; a product of Qa and Qb numbers is Q(a + b), rescaled back to Q3 by saturating shifts.
  const std::int32_t in = x >> 1;
  const std::int32_t half_in = rounding_divide_by_pot(in, 1);
  constexpr std::int32_t half_three = (1 << 28) + (1 << 27);  // 1.5
  std::int32_t r = 1 << 28;                                   // 1.0
  for (int i = 0; i < 5; ++i) {
    const std::int32_t r3 = saturating_shift_left(
        saturating_rounding_doubling_high_mul(saturating_rounding_doubling_high_mul(r, r), r), 6);
    r = saturating_shift_left(saturating_rounding_doubling_high_mul(half_three, r) -
                                  saturating_rounding_doubling_high_mul(half_in, r3),
                              3);
  }
  constexpr std::int32_t half_sqrt2 = 1518500250;  // round(2^31 * sqrt(2) / 2), Q0.31
  r = saturating_rounding_doubling_high_mul(r, half_sqrt2);
  if (shift < 0) {
    r = static_cast<std::int32_t>(static_cast<std::uint32_t>(r) << -shift);
    shift = 0;
  }
  return {r, -shift};
}

/// int8 L2_NORMALIZATION of `outer` vectors of `depth` elements: output scale 1/128, zero point 0.
template <std::size_t Outer, std::size_t Depth>
void l2_normalization_s8(const std::int8_t* in, std::int32_t zero_point, std::int8_t* out) noexcept {
  for (std::size_t o = 0; o < Outer; ++o, in += Depth, out += Depth) {
    std::int32_t acc = 0;
    for (std::size_t i = 0; i < Depth; ++i) {
      const std::int32_t v = std::int32_t{in[i]} - zero_point;
      acc += v * v;
    }
    multiplier m = inv_sqrt_multiplier(acc);
    m.shift += 7;  // to the output's 1/128 steps
    for (std::size_t i = 0; i < Depth; ++i) {
      const std::int32_t r = multiply_by_quantized_multiplier(std::int32_t{in[i]} - zero_point, m);
      out[i] = static_cast<std::int8_t>(r < -128 ? -128 : (r > 127 ? 127 : r));
    }
  }
}

/// Float L2_NORMALIZATION: x / max(sqrt(sum of squares), 1e-6).
template <std::size_t Outer, std::size_t Depth>
void l2_normalization_f32(const float* in, float* out) noexcept {
  for (std::size_t o = 0; o < Outer; ++o, in += Depth, out += Depth) {
    float sum = 0.0f;
    for (std::size_t i = 0; i < Depth; ++i) sum += in[i] * in[i];
    float norm = std::sqrt(sum);
    norm = norm < 1e-6f ? 1e-6f : norm;  // std::max(norm, epsilon) as TFLite (NaN stays NaN)
    for (std::size_t i = 0; i < Depth; ++i) out[i] = in[i] / norm;
  }
}

}  // namespace reference

/// int8 L2_NORMALIZATION on architecture `A`: the customization point of ctml::l2_normalization.
/// Usage: `kernels::l2_normalization_kernel<Outer, Depth>::run(in, zero_point, out, scratch);`
template <std::size_t Outer, std::size_t Depth, arch A = target_arch>
struct l2_normalization_kernel : l2_normalization_kernel<Outer, Depth, fallback_of(A)> {};

template <std::size_t Outer, std::size_t Depth>
struct l2_normalization_kernel<Outer, Depth, arch::generic> : no_scratch {
  static void run(const std::int8_t* in, std::int32_t zero_point, std::int8_t* out,
                  std::byte* /*scratch*/) noexcept {
    reference::l2_normalization_s8<Outer, Depth>(in, zero_point, out);
  }
};

/// Float L2_NORMALIZATION on architecture `A`.
/// Usage: `kernels::l2_normalization_f32_kernel<Outer, Depth>::run(in, out, scratch);`
template <std::size_t Outer, std::size_t Depth, arch A = target_arch>
struct l2_normalization_f32_kernel : l2_normalization_f32_kernel<Outer, Depth, fallback_of(A)> {};

template <std::size_t Outer, std::size_t Depth>
struct l2_normalization_f32_kernel<Outer, Depth, arch::generic> : no_scratch {
  static void run(const float* in, float* out, std::byte* /*scratch*/) noexcept {
    reference::l2_normalization_f32<Outer, Depth>(in, out);
  }
};

}  // namespace ctml::kernels

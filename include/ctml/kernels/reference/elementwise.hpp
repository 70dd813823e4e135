#pragma once
// Reference element-wise kernels: quantized ADD (TFLite's arithmetic, bit-exact), clamps, and
// TFLite's QUANTIZE / DEQUANTIZE (float <-> int8, requantization between int8, int16 and int32).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <ctml/core/arch.hpp>
#include <ctml/core/math.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/quantization.hpp>

namespace ctml::kernels::reference {

/// Compile-time constants of an int8 ADD, as TFLite prepares them (left shift 20, inputs rescaled
/// to twice the larger input scale, the sum rescaled to the output scale). Also those of the int8
/// and int16 ADD, SUB and MUL of kernels/binary.hpp (int16: left shift 15; MUL: `output` alone).
struct add_constants {
  std::int32_t input1_offset, input2_offset, output_offset;
  int left_shift;
  multiplier input1, input2, output;
  std::int32_t act_min, act_max;
};

template <std::size_t N, add_constants K>
void add_s8(const std::int8_t* a, const std::int8_t* b, std::int8_t* out) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    const std::int32_t x1 = (std::int32_t{a[i]} + K.input1_offset) * (std::int32_t{1} << K.left_shift);
    const std::int32_t x2 = (std::int32_t{b[i]} + K.input2_offset) * (std::int32_t{1} << K.left_shift);
    const std::int32_t s1 = multiply_by_quantized_multiplier(x1, K.input1);
    const std::int32_t s2 = multiply_by_quantized_multiplier(x2, K.input2);
    std::int32_t r = multiply_by_quantized_multiplier(s1 + s2, K.output) + K.output_offset;
    r = r < K.act_min ? K.act_min : (r > K.act_max ? K.act_max : r);
    out[i] = static_cast<std::int8_t>(r);
  }
}

/// Clamps every element to [lo, hi] (standalone ReLU-family activations that keep the quantization).
template <std::size_t N, class T>
void clamp(const T* in, T lo, T hi, T* out) noexcept {
  for (std::size_t i = 0; i < N; ++i) out[i] = in[i] < lo ? lo : (in[i] > hi ? hi : in[i]);
}

/// TFLite's float LOGISTIC: 1 / (1 + e^-x), with its cutoffs (1 above 16.619047, e^x below -9) and
/// e^x from the C library, as TFLite's reference kernel: the same bits as TFLite Micro built
/// against the same C library (glibc on the host, newlib on Cortex-M).
inline float logistic_f32(float x) noexcept {
  if (x > 16.619047164916992188f) return 1.0f;
  if (x < -9.0f) return std::exp(x);
  return 1.0f / (1.0f + std::exp(-x));
}
/// TFLite's float TANH: the C library's tanhf.
inline float tanh_f32(float x) noexcept {
  return std::tanh(x);
}

/// TFLite's AffineQuantize, float -> int8 or int16: round(x / scale) + zero_point, clamped. The quotient is a
/// float division, as TFLite Micro's reference kernel computes it (`val / static_cast<float>(scale)`),
/// then rounded half away from zero: 0.25 / 0.1f is 2.5f in float (3), 2.4999999627 in double (2).
/// Where x / scale is beyond int32 or NaN, TFLite's conversion is undefined (x86-64 gives -128, Arm
/// saturates); here it saturates (to the type's maximum or minimum) and NaN gives the minimum.
template <std::size_t N, class To = std::int8_t>
void quantize_f32(const float* in, float scale, std::int32_t zero_point, To* out) noexcept {
  constexpr std::int32_t lo = std::numeric_limits<To>::min(), hi = std::numeric_limits<To>::max();
  // Beyond +-4 * 2^bits the result saturates whatever the zero point (which fits in To).
  constexpr float limit = 4.0f * (static_cast<float>(hi) + 1.0f);
  for (std::size_t i = 0; i < N; ++i) {
    const float q = in[i] / scale;
    std::int32_t r = lo;  // NaN, and below -limit
    if (q >= limit)
      r = hi;
    else if (q > -limit)
      r = static_cast<std::int32_t>(math::round(static_cast<double>(q))) + zero_point;  // exact: q is a float
    out[i] = static_cast<To>(r < lo ? lo : (r > hi ? hi : r));
  }
}

/// ONNX's QuantizeLinear, float -> int8: saturate(round_half_to_even(x / scale) + zero_point), the
/// quotient in float32 (ctml::quantize with requantization::onnx; NaN gives -128).
template <std::size_t N>
void quantize_f32_onnx(const float* in, float scale, std::int32_t zero_point, std::int8_t* out) noexcept {
  const auto lo = static_cast<float>(-128 - zero_point), hi = static_cast<float>(127 - zero_point);
  for (std::size_t i = 0; i < N; ++i)
    out[i] = static_cast<std::int8_t>(round_half_even(in[i] / scale, lo, hi) + zero_point);
}

/// TFLite's Requantize, int8 -> int8 with another scale: (x - in_zp) * M + out_zp, clamped.
template <std::size_t N>
void requantize_s8(const std::int8_t* in, multiplier m, std::int32_t in_zp, std::int32_t out_zp,
                   std::int8_t* out) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    const std::int32_t r = multiply_by_quantized_multiplier(std::int32_t{in[i]} - in_zp, m) + out_zp;
    out[i] = static_cast<std::int8_t>(r < -128 ? -128 : (r > 127 ? 127 : r));
  }
}

/// TFLite's Requantize between integer types (int8, int16, int32 in; int8, int16, int32 out):
/// (x - in_zp) * M + out_zp, clamped to `To`. The two additions wrap where TFLite's int32 arithmetic
/// would overflow (an int32 input far from its zero point) instead of being undefined.
template <std::size_t N, class From, class To>
void requantize_int(const From* in, multiplier m, std::int32_t in_zp, std::int32_t out_zp, To* out) noexcept {
  constexpr std::int32_t lo = std::numeric_limits<To>::min(), hi = std::numeric_limits<To>::max();
  for (std::size_t i = 0; i < N; ++i) {
    const auto x = static_cast<std::int32_t>(static_cast<std::uint32_t>(std::int32_t{in[i]}) -
                                             static_cast<std::uint32_t>(in_zp));
    const auto r =
        static_cast<std::int32_t>(static_cast<std::uint32_t>(multiply_by_quantized_multiplier(x, m)) +
                                  static_cast<std::uint32_t>(out_zp));
    out[i] = static_cast<To>(r < lo ? lo : (r > hi ? hi : r));
  }
}

/// TFLite's Dequantize, int8 or int16 -> float: scale * (x - zero_point). TFLite multiplies in double;
/// the product of a float and a 17-bit integer is exact in double, so one float multiply (rounded once,
/// the same way) gives the same bits without double arithmetic on the device.
template <std::size_t N, class From = std::int8_t>
void dequantize_f32(const From* in, float scale, std::int32_t zero_point, float* out) noexcept {
  for (std::size_t i = 0; i < N; ++i) out[i] = scale * static_cast<float>(std::int32_t{in[i]} - zero_point);
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

using reference::add_constants;

/// The int8 ADD of `N` elements with constants `K` on architecture `A`: the customization point
/// of add (kernels/kernel.hpp). `out` may be `a` (in place).
/// Usage: `kernels::add_s8_kernel<N, K>::run(a, b, out, scratch);`
template <std::size_t N, add_constants K, arch A = target_arch>
struct add_s8_kernel : add_s8_kernel<N, K, fallback_of(A)> {};

template <std::size_t N, add_constants K>
struct add_s8_kernel<N, K, arch::generic> : no_scratch {
  static void run(const std::int8_t* a, const std::int8_t* b, std::int8_t* out,
                  std::byte* /*scratch*/) noexcept {
    reference::add_s8<N, K>(a, b, out);
  }
};

/// Clamping `N` elements of `T` to [lo, hi] on architecture `A` (the ReLU-family activations).
/// Usage: `kernels::clamp_kernel<N, std::int8_t>::run(in, lo, hi, out, scratch);`
template <std::size_t N, class T, arch A = target_arch>
struct clamp_kernel : clamp_kernel<N, T, fallback_of(A)> {};

template <std::size_t N, class T>
struct clamp_kernel<N, T, arch::generic> : no_scratch {
  static void run(const T* in, T lo, T hi, T* out, std::byte* /*scratch*/) noexcept {
    reference::clamp<N, T>(in, lo, hi, out);
  }
};

/// QUANTIZE and DEQUANTIZE of `N` elements on architecture `A`: `run(in, out, scratch)` with the
/// quantizations fixed at compile time (`From`, `To`: float carries no quantization).
/// Usage: `kernels::quantize_kernel<N, float, std::int8_t, q_in, q_out>::run(x, y, scratch);`
template <std::size_t N, class From, class To, quantization QIn, quantization QOut, arch A = target_arch>
struct quantize_kernel : quantize_kernel<N, From, To, QIn, QOut, fallback_of(A)> {};

template <std::size_t N, class To, quantization QIn, quantization QOut>
requires(std::is_same_v<To, std::int8_t> ||
         std::is_same_v<To, std::int16_t>) struct quantize_kernel<N, float, To, QIn, QOut, arch::generic>
    : no_scratch {
  static void run(const float* in, To* out, std::byte* /*scratch*/) noexcept {
    reference::quantize_f32<N, To>(in, QOut.scale, QOut.zero_point, out);
  }
};
/// ONNX's QuantizeLinear of `N` floats to int8 (rounding half to even) on architecture `A`; every
/// target runs the portable kernel. Usage: `kernels::quantize_onnx_kernel<N, q_out>::run(x, y, scratch);`
template <std::size_t N, quantization QOut, arch A = target_arch>
struct quantize_onnx_kernel : quantize_onnx_kernel<N, QOut, fallback_of(A)> {};
template <std::size_t N, quantization QOut>
struct quantize_onnx_kernel<N, QOut, arch::generic> : no_scratch {
  static void run(const float* in, std::int8_t* out, std::byte* /*scratch*/) noexcept {
    reference::quantize_f32_onnx<N>(in, QOut.scale, QOut.zero_point, out);
  }
};
template <std::size_t N, quantization QIn, quantization QOut>
struct quantize_kernel<N, std::int8_t, std::int8_t, QIn, QOut, arch::generic> : no_scratch {
  // TFLite: effective scale in / out in double, QuantizeMultiplier.
  static constexpr multiplier m =
      quantize_multiplier(static_cast<double>(QIn.scale) / static_cast<double>(QOut.scale));
  static void run(const std::int8_t* in, std::int8_t* out, std::byte* /*scratch*/) noexcept {
    reference::requantize_s8<N>(in, m, QIn.zero_point, QOut.zero_point, out);
  }
};
/// Requantization between the other integer pairs TFLite Micro's QUANTIZE takes (int16 <-> int8,
/// int16 -> int16, int16 <-> int32, int8 -> int16 / int32, int32 -> int8).
template <std::size_t N, class From, class To, quantization QIn, quantization QOut>
requires(std::is_integral_v<From>&& std::is_integral_v<To> &&
         !(std::is_same_v<From, std::int8_t> &&
           std::is_same_v<To, std::int8_t>)) struct quantize_kernel<N, From, To, QIn, QOut, arch::generic>
    : no_scratch {
  // TFLite: effective scale in / out in double, QuantizeMultiplier.
  static constexpr multiplier m =
      quantize_multiplier(static_cast<double>(QIn.scale) / static_cast<double>(QOut.scale));
  static void run(const From* in, To* out, std::byte* /*scratch*/) noexcept {
    reference::requantize_int<N, From, To>(in, m, QIn.zero_point, QOut.zero_point, out);
  }
};
template <std::size_t N, class From, quantization QIn, quantization QOut>
requires(std::is_same_v<From, std::int8_t> ||
         std::is_same_v<From, std::int16_t>) struct quantize_kernel<N, From, float, QIn, QOut, arch::generic>
    : no_scratch {
  static void run(const From* in, float* out, std::byte* /*scratch*/) noexcept {
    reference::dequantize_f32<N, From>(in, QIn.scale, QIn.zero_point, out);
  }
};

}  // namespace ctml::kernels

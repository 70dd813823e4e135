#pragma once
// Reference LEAKY_RELU kernels: float, and int8 / int16 with TFLite's two multipliers (identity for
// x >= zero point, alpha below it), bit-exact with TFLM's QuantizeLeakyRelu.

#include <cstddef>
#include <cstdint>
#include <limits>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::reference {

/// Compile-time constants of a quantized LEAKY_RELU, as TFLite prepares them.
struct leaky_relu_constants {
  std::int32_t input_offset, output_offset;  ///< the zero points
  multiplier identity;                       ///< in_scale / out_scale
  multiplier alpha;                          ///< in_scale * alpha / out_scale (negative for alpha < 0)
};

template <std::size_t N, class T, leaky_relu_constants K>
void leaky_relu_quantized(const T* in, T* out) noexcept {
  constexpr std::int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  // TFLite multiplies by |alpha multiplier| and negates after: the rounding is symmetric.
  constexpr multiplier alpha_abs{K.alpha.value < 0 ? -K.alpha.value : K.alpha.value, K.alpha.shift};
  for (std::size_t i = 0; i < N; ++i) {
    const std::int32_t x = std::int32_t{in[i]} - K.input_offset;
    std::int32_t r = K.output_offset;
    if (x >= 0) {
      r += multiply_by_quantized_multiplier(x, K.identity);
    } else {
      const std::int32_t s = multiply_by_quantized_multiplier(x, alpha_abs);
      r += K.alpha.value < 0 ? -s : s;
    }
    out[i] = static_cast<T>(r < lo ? lo : (r > hi ? hi : r));
  }
}

/// x > 0 ? x : x * alpha (TFLite's float LeakyRelu).
template <std::size_t N>
void leaky_relu_f32(const float* in, float alpha, float* out) noexcept {
  for (std::size_t i = 0; i < N; ++i) out[i] = in[i] > 0 ? in[i] : in[i] * alpha;
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

using reference::leaky_relu_constants;

/// Quantized LEAKY_RELU of `N` elements of `T` (int8 or int16) with constants `K` on architecture
/// `A`: the customization point of leaky_relu (kernels/kernel.hpp). `out` may be `in`.
/// Usage: `kernels::leaky_relu_kernel<N, std::int8_t, K>::run(in, out, scratch);`
template <std::size_t N, class T, leaky_relu_constants K, arch A = target_arch>
struct leaky_relu_kernel : leaky_relu_kernel<N, T, K, fallback_of(A)> {};

template <std::size_t N, class T, leaky_relu_constants K>
struct leaky_relu_kernel<N, T, K, arch::generic> : no_scratch {
  static void run(const T* in, T* out, std::byte* /*scratch*/) noexcept {
    reference::leaky_relu_quantized<N, T, K>(in, out);
  }
};

/// Float LEAKY_RELU of `N` elements on architecture `A`. `out` may be `in`.
template <std::size_t N, arch A = target_arch>
struct leaky_relu_f32_kernel : leaky_relu_f32_kernel<N, fallback_of(A)> {};

template <std::size_t N>
struct leaky_relu_f32_kernel<N, arch::generic> : no_scratch {
  static void run(const float* in, float alpha, float* out, std::byte* /*scratch*/) noexcept {
    reference::leaky_relu_f32<N>(in, alpha, out);
  }
};

}  // namespace ctml::kernels

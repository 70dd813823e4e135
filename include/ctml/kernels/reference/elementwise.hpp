#pragma once
// Reference element-wise kernels: quantized ADD (TFLite's arithmetic, bit-exact), clamps.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::reference {

/// Compile-time constants of an int8 ADD, as TFLite prepares them (left shift 20, inputs rescaled
/// to twice the larger input scale, the sum rescaled to the output scale).
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

template <std::size_t N>
void add_f32(const float* a, const float* b, float act_min, float act_max, float* out) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    const float r = a[i] + b[i];
    out[i] = r < act_min ? act_min : (r > act_max ? act_max : r);
  }
}

/// Clamps every element to [lo, hi] (standalone ReLU-family activations that keep the quantization).
template <std::size_t N, class T>
void clamp(const T* in, T lo, T hi, T* out) noexcept {
  for (std::size_t i = 0; i < N; ++i) out[i] = in[i] < lo ? lo : (in[i] > hi ? hi : in[i]);
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

/// The float ADD on architecture `A` (`run` clamps to [act_min, act_max]).
template <std::size_t N, arch A = target_arch>
struct add_f32_kernel : add_f32_kernel<N, fallback_of(A)> {};

template <std::size_t N>
struct add_f32_kernel<N, arch::generic> : no_scratch {
  static void run(const float* a, const float* b, float act_min, float act_max, float* out,
                  std::byte* /*scratch*/) noexcept {
    reference::add_f32<N>(a, b, act_min, act_max, out);
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

}  // namespace ctml::kernels

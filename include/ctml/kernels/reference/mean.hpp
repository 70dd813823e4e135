#pragma once
// Reference MEAN kernels: the average over some axes of a rank <= 4 tensor, float and int8 / int16 with
// TFLite's integer arithmetic (an int32 sum, one multiplier folding in_scale / out_scale and 1 / count),
// bit-exact with TFLite Micro's reduce kernels.

#include <cstddef>
#include <cstdint>
#include <limits>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels {

/// The axes of a MEAN: the input's dims padded to rank 4 with leading 1s, and which of them it averages.
struct mean_geometry {
  int dims[4] = {1, 1, 1, 1};
  bool reduce[4] = {false, false, false, false};
  /// Number of elements averaged into each output element.
  constexpr int count() const {
    int n = 1;
    for (int i = 0; i < 4; ++i) n *= reduce[i] ? dims[i] : 1;
    return n;
  }
};

/// Compile-time constants of a quantized MEAN, as TFLite prepares and evaluates them.
struct mean_constants {
  std::int32_t input_zero_point = 0, output_zero_point = 0;
  multiplier scale{};  ///< in_scale / out_scale / count (TFLite's QuantizedMeanOrSum)
};

namespace reference {

/// Calls `f(output_index, sum)` for every output element (row-major over the kept axes), `sum` the
/// `U` sum of its inputs in row-major order (TFLite's order, which decides the float rounding).
template <mean_geometry G, class U, class T, class F>
void mean_sums(const T* in, F f) noexcept {
  constexpr int s3 = 1, s2 = G.dims[3], s1 = s2 * G.dims[2], s0 = s1 * G.dims[1];
  constexpr int o0 = G.reduce[0] ? 1 : G.dims[0], o1 = G.reduce[1] ? 1 : G.dims[1];
  constexpr int o2 = G.reduce[2] ? 1 : G.dims[2], o3 = G.reduce[3] ? 1 : G.dims[3];
  constexpr int r0 = G.reduce[0] ? G.dims[0] : 1, r1 = G.reduce[1] ? G.dims[1] : 1;
  constexpr int r2 = G.reduce[2] ? G.dims[2] : 1, r3 = G.reduce[3] ? G.dims[3] : 1;
  std::size_t k = 0;
  for (int a0 = 0; a0 < o0; ++a0)
    for (int a1 = 0; a1 < o1; ++a1)
      for (int a2 = 0; a2 < o2; ++a2)
        for (int a3 = 0; a3 < o3; ++a3) {
          const T* base = in + a0 * s0 + a1 * s1 + a2 * s2 + a3 * s3;
          U sum{};
          for (int b0 = 0; b0 < r0; ++b0)
            for (int b1 = 0; b1 < r1; ++b1)
              for (int b2 = 0; b2 < r2; ++b2) {
                const T* p = base + b0 * s0 + b1 * s1 + b2 * s2;
                for (int b3 = 0; b3 < r3; ++b3) sum += static_cast<U>(p[b3 * s3]);
              }
          f(k++, sum);
        }
}

/// Quantized MEAN (int8, int16): (sum - count * input zero point) * K.scale + output zero point, clamped.
template <mean_geometry G, mean_constants K, class T>
void mean_quantized(const T* in, T* out) noexcept {
  constexpr std::int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  constexpr std::int32_t offset = K.input_zero_point * G.count();
  mean_sums<G, std::int32_t>(in, [out](std::size_t k, std::int32_t sum) {
    const std::int32_t r = multiply_by_quantized_multiplier(sum - offset, K.scale) + K.output_zero_point;
    out[k] = static_cast<T>(r < lo ? lo : (r > hi ? hi : r));
  });
}

/// Float MEAN: the float sum divided by the count.
template <mean_geometry G>
void mean_f32(const float* in, float* out) noexcept {
  constexpr auto n = static_cast<float>(G.count());
  mean_sums<G, float>(in, [out](std::size_t k, float sum) { out[k] = sum / n; });
}

}  // namespace reference

/// Quantized (int8, int16) MEAN of geometry `G` on architecture `A`: the customization point of
/// ctml::mean (kernels/kernel.hpp).
/// Usage: `kernels::mean_kernel<G, K, std::int8_t>::run(in, out, scratch);`
template <mean_geometry G, mean_constants K, class T, arch A = target_arch>
struct mean_kernel : mean_kernel<G, K, T, fallback_of(A)> {};

template <mean_geometry G, mean_constants K, class T>
struct mean_kernel<G, K, T, arch::generic> : no_scratch {
  static void run(const T* in, T* out, std::byte* /*scratch*/) noexcept {
    reference::mean_quantized<G, K>(in, out);
  }
};

/// Float MEAN of geometry `G` on architecture `A`.
/// Usage: `kernels::mean_f32_kernel<G>::run(in, out, scratch);`
template <mean_geometry G, arch A = target_arch>
struct mean_f32_kernel : mean_f32_kernel<G, fallback_of(A)> {};

template <mean_geometry G>
struct mean_f32_kernel<G, arch::generic> : no_scratch {
  static void run(const float* in, float* out, std::byte* /*scratch*/) noexcept {
    reference::mean_f32<G>(in, out);
  }
};

}  // namespace ctml::kernels

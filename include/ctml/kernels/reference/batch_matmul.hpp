#pragma once
// Reference BATCH_MATMUL kernels: int8 (TFLite's BatchMatMul with both zero points, int32 accumulator),
// int16 (its 16x8-style int64 accumulator, zero points 0) and float (a sum from 0 in depth order).

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels {

/// One batch of matrix products out[i][j] = sum_k (a(i, k) + a_offset) * (b(j, k) + b_offset), i < M,
/// j < N, k < K, where a(i, k) = A[i * a_row + k * a_depth] and b(j, k) = B[j * b_col + k * b_depth]:
/// the strides say how each operand is stored (its adj flag), so neither is transposed at run time.
struct batch_matmul_geometry {
  int m = 1, n = 1, k = 1;
  int a_row = 1, a_depth = 1;
  int b_col = 1, b_depth = 1;
  std::int32_t a_offset = 0, b_offset = 0;  ///< -zero points (int8; 0 otherwise)
};

}  // namespace ctml::kernels

namespace ctml::kernels::reference {

/// int8 BATCH_MATMUL of `Batches` products: the b-th reads A + a_batch[b], B + b_batch[b] and writes
/// out + b * M * N (row-major [M][N]), each value requantized with `mult` (per tensor).
template <std::size_t Batches, batch_matmul_geometry G, requant_constants Q>
void batch_matmul_s8(const std::int8_t* a, const std::int8_t* b, const std::size_t* a_batch,
                     const std::size_t* b_batch, multiplier mult, std::int8_t* out) noexcept {
  for (std::size_t t = 0; t < Batches; ++t) {
    const std::int8_t* ab = a + a_batch[t];
    const std::int8_t* bb = b + b_batch[t];
    for (int i = 0; i < G.m; ++i) {
      const std::int8_t* ar = ab + i * G.a_row;
      for (int j = 0; j < G.n; ++j) {
        const std::int8_t* bc = bb + j * G.b_col;
        std::int32_t acc = 0;
        for (int k = 0; k < G.k; ++k)
          acc +=
              (std::int32_t{ar[k * G.a_depth]} + G.a_offset) * (std::int32_t{bc[k * G.b_depth]} + G.b_offset);
        *out++ = requantize<Q>(acc, mult);
      }
    }
  }
}

/// int16 BATCH_MATMUL (zero points 0, int64 accumulator, TFLite's 64-bit requantization), as batch_matmul_s8.
template <std::size_t Batches, batch_matmul_geometry G, requant_constants Q>
void batch_matmul_s16(const std::int16_t* a, const std::int16_t* b, const std::size_t* a_batch,
                      const std::size_t* b_batch, multiplier mult, std::int16_t* out) noexcept {
  for (std::size_t t = 0; t < Batches; ++t) {
    const std::int16_t* ab = a + a_batch[t];
    const std::int16_t* bb = b + b_batch[t];
    for (int i = 0; i < G.m; ++i) {
      const std::int16_t* ar = ab + i * G.a_row;
      for (int j = 0; j < G.n; ++j) {
        const std::int16_t* bc = bb + j * G.b_col;
        std::int64_t acc = 0;
        for (int k = 0; k < G.k; ++k)
          acc += std::int64_t{std::int32_t{ar[k * G.a_depth]} * std::int32_t{bc[k * G.b_depth]}};
        *out++ = requantize_s16<Q>(acc, mult);
      }
    }
  }
}

/// float BATCH_MATMUL, as batch_matmul_s8: each sum starts at 0 and adds the products in depth order
/// (TFLite's).
template <std::size_t Batches, batch_matmul_geometry G>
void batch_matmul_f32(const float* a, const float* b, const std::size_t* a_batch, const std::size_t* b_batch,
                      float* out) noexcept {
  for (std::size_t t = 0; t < Batches; ++t) {
    const float* ab = a + a_batch[t];
    const float* bb = b + b_batch[t];
    for (int i = 0; i < G.m; ++i) {
      const float* ar = ab + i * G.a_row;
      for (int j = 0; j < G.n; ++j) {
        const float* bc = bb + j * G.b_col;
        float acc = 0.0f;
        for (int k = 0; k < G.k; ++k) acc += ar[k * G.a_depth] * bc[k * G.b_depth];
        *out++ = acc;
      }
    }
  }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

/// BATCH_MATMUL of `Batches` products of geometry `G` on element type `T` on architecture `A`: the
/// customization point of batch_matmul (kernels/kernel.hpp). `mult` is unused for float.
/// Usage: `kernels::batch_matmul_kernel<std::int8_t, 4, G, Q>::run(a, b, a_batch, b_batch, m, out, scratch);`
template <class T, std::size_t Batches, batch_matmul_geometry G, requant_constants Q, arch A = target_arch>
struct batch_matmul_kernel : batch_matmul_kernel<T, Batches, G, Q, fallback_of(A)> {};

template <class T, std::size_t Batches, batch_matmul_geometry G, requant_constants Q>
struct batch_matmul_kernel<T, Batches, G, Q, arch::generic> : no_scratch {
  static void run(const T* a, const T* b, const std::size_t* a_batch, const std::size_t* b_batch,
                  [[maybe_unused]] multiplier mult, T* out, std::byte* /*scratch*/) noexcept {
    if constexpr (std::is_same_v<T, float>)
      reference::batch_matmul_f32<Batches, G>(a, b, a_batch, b_batch, out);
    else if constexpr (std::is_same_v<T, std::int16_t>)
      reference::batch_matmul_s16<Batches, G, Q>(a, b, a_batch, b_batch, mult, out);
    else
      reference::batch_matmul_s8<Batches, G, Q>(a, b, a_batch, b_batch, mult, out);
  }
};

}  // namespace ctml::kernels

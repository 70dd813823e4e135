#pragma once
// Reference softmax kernels: int8 in TFLite's fixed-point arithmetic (bit-exact) and float.

#include <cmath>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point_math.hpp>

namespace ctml::kernels::reference {

/// Compile-time constants of an int8 softmax (TFLite's PreprocessSoftmaxScaling and input radius).
struct softmax_constants {
  std::int32_t input_multiplier;
  int input_left_shift;
  std::int32_t diff_min;
};

/// int8 softmax over the last axis (`Rows` rows of `Depth`), output `Out`: int8 (scale 1/256, zero
/// point -128) or int16 (scale 1/65536, zero point -32768), TFLite's one algorithm for both.
template <int Rows, int Depth, softmax_constants K, class Out = std::int8_t>
void softmax_s8(const std::int8_t* in, Out* out) noexcept {
  constexpr int out_bits = 8 * static_cast<int>(sizeof(Out));
  constexpr std::int32_t out_min = -(std::int32_t{1} << (out_bits - 1)), out_max = -out_min - 1;
  constexpr int scaled_diff_integer_bits = 5;
  constexpr int accumulation_integer_bits = 12;
  for (int r = 0; r < Rows; ++r) {
    const std::int8_t* x = in + r * Depth;
    Out* y = out + r * Depth;
    std::int32_t max_in_row = x[0];
    for (int c = 1; c < Depth; ++c) max_in_row = x[c] > max_in_row ? x[c] : max_in_row;

    auto scaled_exp = [&](std::int32_t diff) {
      // diff * beta * input_scale in Q5.26, then exp in Q0.31.
      const std::int32_t rescaled = saturating_rounding_doubling_high_mul(
          static_cast<std::int32_t>(static_cast<std::uint32_t>(diff) << K.input_left_shift),
          K.input_multiplier);
      return fixed::exp_on_negative_values(rescaled, scaled_diff_integer_bits);
    };
    std::int32_t sum_of_exps = 0;  // Q12.19
    for (int c = 0; c < Depth; ++c) {
      const std::int32_t diff = std::int32_t{x[c]} - max_in_row;
      if (diff >= K.diff_min) sum_of_exps += fixed::rescale(scaled_exp(diff), 0, accumulation_integer_bits);
    }
    const fixed::reciprocal_result recip = fixed::get_reciprocal(sum_of_exps, accumulation_integer_bits);
    for (int c = 0; c < Depth; ++c) {
      const std::int32_t diff = std::int32_t{x[c]} - max_in_row;
      std::int32_t v = out_min;
      if (diff >= K.diff_min) {
        const std::int32_t unsat = rounding_divide_by_pot(fixed::mul(recip.value, scaled_exp(diff)),
                                                          recip.num_bits_over_unit + 31 - out_bits);
        v = unsat + out_min;
        v = v < out_min ? out_min : (v > out_max ? out_max : v);
      }
      y[c] = static_cast<Out>(v);
    }
  }
}

/// float softmax: exp((x - max) * beta) / sum in float, with the C library's expf, in TFLite's order
/// (so the bytes equal TFLM's where both use the same C library, as sigmoid and tanh do).
template <int Rows, int Depth>
void softmax_f32(const float* in, float beta, float* out) noexcept {
  for (int r = 0; r < Rows; ++r) {
    const float* x = in + r * Depth;
    float* y = out + r * Depth;
    float m = x[0];
    for (int c = 1; c < Depth; ++c) m = x[c] > m ? x[c] : m;
    float sum = 0.0f;
    for (int c = 0; c < Depth; ++c) {
      y[c] = std::exp((x[c] - m) * beta);
      sum += y[c];
    }
    for (int c = 0; c < Depth; ++c) y[c] = y[c] / sum;
  }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

using reference::softmax_constants;

/// The int8 softmax of `Rows` rows of `Depth` with constants `K` on architecture `A`: the
/// customization point of softmax (kernels/kernel.hpp).
/// Usage: `kernels::softmax_s8_kernel<1, 12, K>::run(in, out, scratch);`
template <int Rows, int Depth, softmax_constants K, arch A = target_arch>
struct softmax_s8_kernel : softmax_s8_kernel<Rows, Depth, K, fallback_of(A)> {};

template <int Rows, int Depth, softmax_constants K>
struct softmax_s8_kernel<Rows, Depth, K, arch::generic> : no_scratch {
  static void run(const std::int8_t* in, std::int8_t* out, std::byte* /*scratch*/) noexcept {
    reference::softmax_s8<Rows, Depth, K>(in, out);
  }
};

/// The int8 -> int16 softmax (output scale 1/65536, zero point -32768) on architecture `A`.
template <int Rows, int Depth, softmax_constants K, arch A = target_arch>
struct softmax_s8_s16_kernel : softmax_s8_s16_kernel<Rows, Depth, K, fallback_of(A)> {};

template <int Rows, int Depth, softmax_constants K>
struct softmax_s8_s16_kernel<Rows, Depth, K, arch::generic> : no_scratch {
  static void run(const std::int8_t* in, std::int16_t* out, std::byte* /*scratch*/) noexcept {
    reference::softmax_s8<Rows, Depth, K, std::int16_t>(in, out);
  }
};

/// The float softmax on architecture `A`.
template <int Rows, int Depth, arch A = target_arch>
struct softmax_f32_kernel : softmax_f32_kernel<Rows, Depth, fallback_of(A)> {};

template <int Rows, int Depth>
struct softmax_f32_kernel<Rows, Depth, arch::generic> : no_scratch {
  static void run(const float* in, float beta, float* out, std::byte* /*scratch*/) noexcept {
    reference::softmax_f32<Rows, Depth>(in, beta, out);
  }
};

}  // namespace ctml::kernels

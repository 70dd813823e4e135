#pragma once
// Reference pooling kernels: average and max, int8 (TFLite's integer rounding, or ONNX's float32 arithmetic)
// and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>

namespace ctml::kernels::reference {

/// Average pool. int8: the sum of raw values over the valid taps, divided by their count rounding
/// half away from zero, then clamped (TFLite's reference AveragePool; padding taps are not counted).
template <window_geometry G, class T, class Acc, class Bound>
void average_pool2d(const T* in, Bound act_min, Bound act_max, T* out) noexcept {
  for_each_window<G>([&](const window_position& p) {
    const int count = (p.ty.end - p.ty.begin) * (p.tx.end - p.tx.begin);
    T* o = out + p.out_index<G.out_w, G.out_c>();
    for (int c = 0; c < G.in_c; ++c) {
      Acc acc{};
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy)
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx)
          acc += in[((p.y0 + fy) * G.in_w + (p.x0 + fx)) * G.in_c + c];
      if constexpr (sizeof(T) == 1) {
        acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
      } else {
        acc /= static_cast<Acc>(count);
      }
      acc = acc < act_min ? act_min : (acc > act_max ? act_max : acc);
      o[c] = static_cast<T>(acc);
    }
  });
}

/// The quantizations of an int8 pooling in ONNX's arithmetic (requantization::onnx): the input's and
/// the output's scale and zero point, and the clamp bounds of the output (its activation).
struct onnx_pool_constants {
  float in_scale = 1.0f;
  std::int32_t in_zero_point = 0;
  float out_scale = 1.0f;
  std::int32_t out_zero_point = 0;
  std::int32_t act_min = -128;
  std::int32_t act_max = 127;
};

/// Average pool in ONNX's arithmetic: DequantizeLinear -> AveragePool -> QuantizeLinear in float32, as
/// onnxruntime runs a QDQ model's nodes one by one. Each tap is dequantized ((x - x_zp) * x_scale); each
/// column of the window's valid taps is summed from 0 top to bottom and the column sums from 0 left to
/// right (the order of onnxruntime's float AveragePool), the sum divided by the count of valid taps, then
/// quantized: round half to even of (average / y_scale), plus y_zp, clamped. Every step is one
/// float32 operation, so the bytes are exact wherever float32 is IEEE and `a * b + c` is not contracted
/// into a fused multiply-add (-ffp-contract=off on cores with an FMA).
template <window_geometry G, onnx_pool_constants K>
void average_pool2d_onnx(const std::int8_t* in, std::int8_t* out) noexcept {
  constexpr auto lo = static_cast<float>(K.act_min - K.out_zero_point);
  constexpr auto hi = static_cast<float>(K.act_max - K.out_zero_point);
  for_each_window<G>([&](const window_position& p) {
    const int count = (p.ty.end - p.ty.begin) * (p.tx.end - p.tx.begin);
    std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
    for (int c = 0; c < G.in_c; ++c) {
      float acc = 0.0f;
      for (int fx = p.tx.begin; fx < p.tx.end; ++fx) {
        float column = 0.0f;
        for (int fy = p.ty.begin; fy < p.ty.end; ++fy) {
          const std::int32_t x = in[((p.y0 + fy) * G.in_w + (p.x0 + fx)) * G.in_c + c];
          column += static_cast<float>(x - K.in_zero_point) * K.in_scale;
        }
        acc += column;
      }
      const float average = acc / static_cast<float>(count);
      o[c] = static_cast<std::int8_t>(round_half_even(average / K.out_scale, lo, hi) + K.out_zero_point);
    }
  });
}

/// Max pool over the valid taps, then clamped.
template <window_geometry G, class T, class Bound>
void max_pool2d(const T* in, Bound act_min, Bound act_max, T* out) noexcept {
  for_each_window<G>([&](const window_position& p) {
    T* o = out + p.out_index<G.out_w, G.out_c>();
    for (int c = 0; c < G.in_c; ++c) {
      Bound m = in[(p.y0 + p.ty.begin) * G.in_w * G.in_c + (p.x0 + p.tx.begin) * G.in_c + c];
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy)
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx) {
          const Bound v = in[((p.y0 + fy) * G.in_w + (p.x0 + fx)) * G.in_c + c];
          m = v > m ? v : m;
        }
      m = m < act_min ? act_min : (m > act_max ? act_max : m);
      o[c] = static_cast<T>(m);
    }
  });
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

/// Accumulator and clamp-bound type of the pooling kernels over `T`: int32 for int8, T for float.
template <class T>
using pool_acc_t = std::conditional_t<std::is_floating_point_v<T>, T, std::int32_t>;

/// Average pooling of geometry `G` over `T` (int8 or float) on architecture `A`: the customization
/// point of average_pool2d (kernels/kernel.hpp). `run` clamps to [act_min, act_max].
/// Usage: `kernels::average_pool2d_kernel<G, std::int8_t>::run(in, -128, 127, out, scratch);`
template <window_geometry G, class T, arch A = target_arch>
struct average_pool2d_kernel : average_pool2d_kernel<G, T, fallback_of(A)> {};

template <window_geometry G, class T>
struct average_pool2d_kernel<G, T, arch::generic> : no_scratch {
  static void run(const T* in, pool_acc_t<T> act_min, pool_acc_t<T> act_max, T* out,
                  std::byte* /*scratch*/) noexcept {
    reference::average_pool2d<G, T, pool_acc_t<T>>(in, act_min, act_max, out);
  }
};

/// Average pooling of geometry `G` over int8 in ONNX's arithmetic (average_pool2d with requantization::onnx)
/// on architecture `A`. Usage: `kernels::average_pool2d_onnx_kernel<G, K>::run(in, out, scratch);`
template <window_geometry G, reference::onnx_pool_constants K, arch A = target_arch>
struct average_pool2d_onnx_kernel : average_pool2d_onnx_kernel<G, K, fallback_of(A)> {};

template <window_geometry G, reference::onnx_pool_constants K>
struct average_pool2d_onnx_kernel<G, K, arch::generic> : no_scratch {
  static void run(const std::int8_t* in, std::int8_t* out, std::byte* /*scratch*/) noexcept {
    reference::average_pool2d_onnx<G, K>(in, out);
  }
};

/// Max pooling of geometry `G` over `T` on architecture `A` (as average_pool2d_kernel).
template <window_geometry G, class T, arch A = target_arch>
struct max_pool2d_kernel : max_pool2d_kernel<G, T, fallback_of(A)> {};

template <window_geometry G, class T>
struct max_pool2d_kernel<G, T, arch::generic> : no_scratch {
  static void run(const T* in, pool_acc_t<T> act_min, pool_acc_t<T> act_max, T* out,
                  std::byte* /*scratch*/) noexcept {
    reference::max_pool2d<G, T>(in, act_min, act_max, out);
  }
};

}  // namespace ctml::kernels

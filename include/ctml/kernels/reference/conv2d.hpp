#pragma once
// Portable 2-D convolution kernels, int8 (TFLite's ConvPerChannel arithmetic), int16 x int8 (its 16x8
// overload) and float.
//
// Maintainer's note: two int8 kernels, the layout chosen at compile time (prefers_hwio). HWIO (the
// layer transposes TFLite's OHWI at compile time): the innermost loop runs over a block of output
// channels contiguous in memory, a compile-time block that compilers vectorise, accumulators (at
// most 32 int32) on the stack. OHWI: the patch is widened to int16 once per pixel and every output
// channel is one dot product over it (pmaddwd on x86-64; see docs/kernels.md, "x86-64 hosts").

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels::reference {

/// The largest of 32, 16, 8, 4, 2, 1 that divides `n`: the output-channel block of a kernel.
constexpr int channel_block(int n) {
  for (int b = 32; b > 1; b /= 2)
    if (n % b == 0) return b;
  return 1;
}

/// Largest vector of input values the int8 dot-product kernels widen to int16 on the stack (bytes
/// of stack = 2x this); longer inputs keep the plain loop. Smaller on 32-bit Arm, where stack is
/// scarce.
inline constexpr int max_widened_input = is_arm32 ? 256 : 1024;

/// Whether a convolution's kernel wants HWIO weights (vectorise over a block of output channels)
/// or TFLite's OHWI (vectorise the dot product over the patch, widened to int16 once per pixel).
/// Measured with callgrind on the MLPerf Tiny models: OHWI wins for 1x1 kernels over more than 16
/// channels; on x86-64 also whenever the patch (taps x input channels) is a multiple of 16 that
/// fits the widened buffer (pmaddwd). Not so on 32-bit Arm (Cortex-M0+ runs the portable kernels).
constexpr bool prefers_hwio(int in_c, int taps, int out_c = 1) {
  constexpr bool patch_rule = !is_arm32;
  const bool wide_patch = patch_rule && (taps * in_c) % 16 == 0 && taps * in_c <= max_widened_input;
  // Above max_prepared_weights the transpose would exceed the compilers' constexpr limits: OHWI.
  const bool small =
      static_cast<std::size_t>(out_c) * static_cast<std::size_t>(taps * in_c) <= max_prepared_weights;
  return (in_c <= 16 || taps > 1) && !wide_patch && small;
}

/// int8 convolution with per-channel requantization. Layouts: input [H, W, C], weights HWIO,
/// output [OH, OW, OC]. acc = bias + sum (x + input_offset) * w, then requantized, offset, clamped.
template <window_geometry G, requant_constants Q>
void conv2d_s8(const std::int8_t* in, const std::int8_t* weights_hwio, const std::int32_t* bias,
               const multiplier* mult, std::int8_t* out) noexcept {
  constexpr int block = channel_block(G.out_c);
  for_each_window<G>([&](const window_position& p) {
    std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
    for (int ob = 0; ob < G.out_c; ob += block) {
      std::int32_t acc[block];
      for (int j = 0; j < block; ++j) acc[j] = bias[ob + j];
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy) {
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx) {
          const std::int8_t* ip =
              in + ((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c;
          const std::int8_t* wp = weights_hwio + (fy * G.k_w + fx) * G.in_c * G.out_c + ob;
          for (int c = 0; c < G.in_c; ++c) {
            const std::int32_t xv = std::int32_t{ip[c]} + Q.input_offset;
            const std::int8_t* wr = wp + c * G.out_c;
            for (int j = 0; j < block; ++j) acc[j] += xv * std::int32_t{wr[j]};
          }
        }
      }
      for (int j = 0; j < block; ++j) o[ob + j] = requantize<Q>(acc[j], mult[ob + j]);
    }
  });
}

/// int8 convolution in ONNX's arithmetic (QLinearConv): weights OHWI, acc = bias + sum (x +
/// input_offset) * (w + WeightOffset) over the taps inside the input (a padded tap is the input zero
/// point: it adds nothing), then requantize_onnx with one float32 multiplier per output channel.
template <window_geometry G, requant_constants Q, int WeightOffset>
void conv2d_s8_onnx(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                    const float* mult, std::int8_t* out) noexcept {
  for_each_window<G>([&](const window_position& p) {
    std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
    for (int oc = 0; oc < G.out_c; ++oc) {
      std::int32_t acc = bias[oc];
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy) {
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx) {
          const std::int8_t* ip =
              in + ((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c;
          const std::int8_t* wp = weights + ((oc * G.k_h + fy) * G.k_w + fx) * G.in_c;
          for (int c = 0; c < G.in_c; ++c)
            acc += (std::int32_t{ip[c]} + Q.input_offset) * (std::int32_t{wp[c]} + WeightOffset);
        }
      }
      o[oc] = requantize_onnx<Q>(acc, mult[oc]);
    }
  });
}

/// Sum over `N` of x[i] * w[i], x already offset and widened to int16. The main part runs a
/// compile-time multiple of 16, which GCC (-O2) and Clang turn into pmaddwd on x86-64 (an int8 *
/// int8 product with the offset added in the loop became pmullw and unpacks); the rest is scalar.
/// Usage: `acc += dot_s16_s8<64>(widened_input, weights_row);`
template <int N>
std::int32_t dot_s16_s8(const std::int16_t* x, const std::int8_t* w) noexcept {
  constexpr int main = N - N % 16;
  std::int32_t dot = 0;
#if defined(__clang__) && !defined(__arm__)
  // Clang 14's cost model picks 4 lanes here (pmaddwd on half-empty registers, 2.7 instructions
  // per MAC on IC); 16 gives full pmaddwd. At -O1 Clang does not vectorize at all and would warn
  // (-Wpass-failed) that it could not honour the hint: not a defect of a user's build.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpass-failed"
#pragma clang loop vectorize_width(16)
#endif
  for (int c = 0; c < main; ++c) dot += std::int32_t{x[c]} * std::int32_t{w[c]};
#if defined(__clang__) && !defined(__arm__)
#pragma clang diagnostic pop
#endif
  for (int c = main; c < N; ++c) dot += std::int32_t{x[c]} * std::int32_t{w[c]};
  return dot;
}

/// x[i] + offset as int16 (|x + offset| <= 255), the operand of dot_s16_s8.
/// Usage: `widen_offset<64>(in, Q.input_offset, xw);`
template <int N>
void widen_offset(const std::int8_t* in, std::int32_t offset, std::int16_t* out) noexcept {
  for (int c = 0; c < N; ++c) out[c] = static_cast<std::int16_t>(std::int32_t{in[c]} + offset);
}

/// int8 convolution, weights OHWI: per output pixel the patch (taps x input channels, input +
/// offset as int16, zeros for taps in the padding) is widened once on the stack and shared by
/// every output channel, whose weights are contiguous: one dot product over the patch each.
template <window_geometry G, requant_constants Q>
void conv2d_s8_ohwi(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                    const multiplier* mult, std::int8_t* out) noexcept {
  constexpr int patch = G.k_h * G.k_w * G.in_c;
  if constexpr (patch <= max_widened_input) {
    for_each_window<G>([&](const window_position& p) {
      std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
      std::int16_t xw[patch];
      for (int fy = 0; fy < G.k_h; ++fy) {
        for (int fx = 0; fx < G.k_w; ++fx) {
          std::int16_t* d = xw + (fy * G.k_w + fx) * G.in_c;
          if (fy >= p.ty.begin && fy < p.ty.end && fx >= p.tx.begin && fx < p.tx.end) {
            widen_offset<G.in_c>(
                in + ((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c,
                Q.input_offset, d);
          } else {
            for (int c = 0; c < G.in_c; ++c) d[c] = 0;  // padding: no contribution
          }
        }
      }
      // Local copies: the int8 stores below may alias anything, captured pointers would be reloaded.
      const std::int8_t* const w = weights;
      const std::int32_t* const b = bias;
      const multiplier* const m = mult;
      for (int oc = 0; oc < G.out_c; ++oc)
        o[oc] = requantize<Q>(b[oc] + dot_s16_s8<patch>(xw, w + oc * patch), m[oc]);
    });
  } else {
    for_each_window<G>([&](const window_position& p) {
      std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
      for (int oc = 0; oc < G.out_c; ++oc) {
        std::int32_t acc = bias[oc];
        for (int fy = p.ty.begin; fy < p.ty.end; ++fy) {
          for (int fx = p.tx.begin; fx < p.tx.end; ++fx) {
            const std::int8_t* ip =
                in + ((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c;
            const std::int8_t* wp = weights + ((oc * G.k_h + fy) * G.k_w + fx) * G.in_c;
            std::int32_t dot = 0;
            for (int c = 0; c < G.in_c; ++c)
              dot += (std::int32_t{ip[c]} + Q.input_offset) * std::int32_t{wp[c]};
            acc += dot;
          }
        }
        o[oc] = requantize<Q>(acc, mult[oc]);
      }
    });
  }
}

/// Sum over `N` of x[i] * w[i] for int16 x and int8 w, exact in 64 bits. Each product is below 2^22
/// in magnitude, so runs of 256 are summed in int32 (vectorisable) and the runs in int64.
/// Usage: `acc += dot_s16_s8_64<64>(x, w);`
template <int N>
std::int64_t dot_s16_s8_64(const std::int16_t* x, const std::int8_t* w) noexcept {
  constexpr int run = 256;
  std::int64_t dot = 0;
  for (int c0 = 0; c0 < N; c0 += run) {
    const int c1 = c0 + run < N ? c0 + run : N;
    std::int32_t part = 0;
    for (int c = c0; c < c1; ++c) part += std::int32_t{x[c]} * std::int32_t{w[c]};
    dot += part;
  }
  return dot;
}

/// int16 x int8 convolution (TFLite's 16x8 ConvPerChannel: zero points 0, int64 accumulator and
/// bias, 64-bit requantization). Weights OHWI; every output channel sums its taps inside the input.
template <window_geometry G, requant_constants Q>
void conv2d_s16(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                const multiplier* mult, std::int16_t* out) noexcept {
  for_each_window<G>([&](const window_position& p) {
    std::int16_t* o = out + p.out_index<G.out_w, G.out_c>();
    for (int oc = 0; oc < G.out_c; ++oc) {
      std::int64_t acc = 0;
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy) {
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx) {
          const std::int16_t* ip =
              in + ((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c;
          acc += dot_s16_s8_64<G.in_c>(ip, weights + ((oc * G.k_h + fy) * G.k_w + fx) * G.in_c);
        }
      }
      o[oc] = requantize_s16<Q>(acc + bias[oc], mult[oc]);
    }
  });
}

/// float convolution: acc = bias + sum x * w (taps in filter-y, filter-x, channel order), clamped.
template <window_geometry G>
void conv2d_f32(const float* in, const float* weights_hwio, const float* bias, float act_min, float act_max,
                float* out) noexcept {
  constexpr int block = channel_block(G.out_c);
  for_each_window<G>([&](const window_position& p) {
    float* o = out + p.out_index<G.out_w, G.out_c>();
    for (int ob = 0; ob < G.out_c; ob += block) {
      float acc[block] = {};
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy) {
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx) {
          const float* ip = in + ((p.y0 + fy * G.dilation_h) * G.in_w + p.x0 + fx * G.dilation_w) * G.in_c;
          const float* wp = weights_hwio + (fy * G.k_w + fx) * G.in_c * G.out_c + ob;
          for (int c = 0; c < G.in_c; ++c)
            for (int j = 0; j < block; ++j) acc[j] += ip[c] * wp[c * G.out_c + j];
        }
      }
      for (int j = 0; j < block; ++j) {
        const float v = acc[j] + bias[ob + j];
        o[ob + j] = v < act_min ? act_min : (v > act_max ? act_max : v);
      }
    }
  });
}

/// TFLite's OHWI filter layout transposed to HWIO, at compile time.
template <class T, std::size_t N>
constexpr std::array<T, N> ohwi_to_hwio(const std::array<T, N>& w, int oc, int kh, int kw, int ic) {
  // HWIO index (y, x, c) * oc + o, OHWI index o * row + (y, x, c): two loops, written in order, over raw
  // pointers (few constexpr steps per weight: Clang counts every call and statement).
  const auto outs = static_cast<std::size_t>(oc), row = static_cast<std::size_t>(kh * kw * ic);
  std::array<T, N> r{};
  T* out = r.data();
  const T* in = w.data();
  for (std::size_t i = 0; i < row; ++i, out += outs)
    for (std::size_t o = 0; o < outs; ++o) out[o] = in[o * row + i];
  return r;
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

/// The int8 convolution of geometry `G` and constants `Q` on architecture `A`: the customization
/// point of conv2d (kernels/kernel.hpp). Weights: `prepare(ohwi)`; `run` reads them, writes
/// [OH, OW, OC] and uses `scratch_bytes` of `scratch`.
/// Usage: `using K = kernels::conv2d_s8_kernel<G, Q>; static constexpr auto w = K::prepare(ohwi);`
///        `K::run(in, w.data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q, arch A = target_arch>
struct conv2d_s8_kernel : conv2d_s8_kernel<G, Q, fallback_of(A)> {};

/// The portable int8 convolution: HWIO or OHWI weights, whichever vectorises (prefers_hwio).
template <window_geometry G, requant_constants Q>
struct conv2d_s8_kernel<G, Q, arch::generic> {
  static constexpr weight_layout layout = reference::prefers_hwio(G.in_c, G.k_h* G.k_w, G.out_c)
                                              ? weight_layout::hwio
                                              : weight_layout::as_imported;
  static constexpr std::size_t scratch_bytes = 0;
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& ohwi) {
    if constexpr (layout == weight_layout::hwio)
      return reference::ohwi_to_hwio(ohwi, G.out_c, G.k_h, G.k_w, G.in_c);
    else
      return ohwi;
  }
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    if constexpr (layout == weight_layout::hwio)
      reference::conv2d_s8<G, Q>(in, weights, bias, mult, out);
    else
      reference::conv2d_s8_ohwi<G, Q>(in, weights, bias, mult, out);
  }
};

/// The int8 convolution in ONNX's arithmetic (conv2d_options::requantization = onnx) on architecture
/// `A`: weights OHWI as imported; no architecture specialises it, every target runs the portable
/// kernel (soft float on cores without an FPU).
/// Usage: `kernels::conv2d_s8_onnx_kernel<G, Q, 0>::run(in, w.data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q, int WeightOffset, arch A = target_arch>
struct conv2d_s8_onnx_kernel : conv2d_s8_onnx_kernel<G, Q, WeightOffset, fallback_of(A)> {};

template <window_geometry G, requant_constants Q, int WeightOffset>
struct conv2d_s8_onnx_kernel<G, Q, WeightOffset, arch::generic> : imported_weights {
  static void run(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                  const float* mult, std::int8_t* out, std::byte* /*scratch*/) noexcept {
    reference::conv2d_s8_onnx<G, Q, WeightOffset>(in, weights, bias, mult, out);
  }
};

/// The int16 x int8 convolution (TFLite's 16x8) of geometry `G` and clamp bounds `Q` on
/// architecture `A` (as conv2d_s8_kernel; weights OHWI as imported, int64 bias, int16 in and out).
/// The DSP extension specialises it (arm_dsp/conv2d_s16.hpp, weights in pair order); elsewhere the
/// portable kernel runs.
/// Usage: `kernels::conv2d_s16_kernel<G, Q>::run(in, w.data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q, arch A = target_arch>
struct conv2d_s16_kernel : conv2d_s16_kernel<G, Q, fallback_of(A)> {};

template <window_geometry G, requant_constants Q>
struct conv2d_s16_kernel<G, Q, arch::generic> : imported_weights {
  static void run(const std::int16_t* in, const std::int8_t* weights, const std::int64_t* bias,
                  const multiplier* mult, std::int16_t* out, std::byte* /*scratch*/) noexcept {
    reference::conv2d_s16<G, Q>(in, weights, bias, mult, out);
  }
};

/// The float convolution of geometry `G` on architecture `A` (as conv2d_s8_kernel; `run` clamps
/// to [act_min, act_max]).
/// Usage: `kernels::conv2d_f32_kernel<G>::run(in, w.data(), bias, lo, hi, out, scratch);`
template <window_geometry G, arch A = target_arch>
struct conv2d_f32_kernel : conv2d_f32_kernel<G, fallback_of(A)> {};

template <window_geometry G>
struct conv2d_f32_kernel<G, arch::generic> {
  static constexpr weight_layout layout = weight_layout::hwio;
  static constexpr std::size_t scratch_bytes = 0;
  template <std::size_t N>
  static constexpr auto prepare(const std::array<float, N>& ohwi) {
    return reference::ohwi_to_hwio(ohwi, G.out_c, G.k_h, G.k_w, G.in_c);
  }
  static void run(const float* in, const float* weights, const float* bias, float act_min, float act_max,
                  float* out, std::byte* /*scratch*/) noexcept {
    reference::conv2d_f32<G>(in, weights, bias, act_min, act_max, out);
  }
};

}  // namespace ctml::kernels

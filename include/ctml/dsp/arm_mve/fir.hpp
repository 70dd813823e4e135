#pragma once
// The FIR block kernels with Helium (Cortex-M55): the specialisation
// detail::fir_block_impl<arch::arm_mve>. Q15 (integer Helium): per output, VMLALDAVA sums eight exact
// 16x16 products into 64 bits per instruction, the taps read in reverse by a gather load. float32
// (floating-point Helium): up to 24 outputs in six vectors (consecutive, or gathered Stride samples
// apart when decimating), each tap broadcast into a VFMA by scalar, so every lane is the portable
// loop's chain of fused multiply-adds in tap order (the same bits). Other cases: the DSP extension's
// kernels. Also the FIR's history copies (fir_copy_impl). Empty unless the compiler targets Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <arm_mve.h>

#include <ctml/dsp/reference/fir.hpp>

namespace ctml::dsp::detail {

template <>
struct fir_block_impl<arch::arm_mve> {
  // A Q15 output from its sum started at the rounding constant 2^14: (sum >> 15) fits in 32 bits.
  static std::int16_t narrow(std::int64_t rounded) {
    return static_cast<std::int16_t>(
        __builtin_arm_ssat(static_cast<std::int32_t>(static_cast<std::uint64_t>(rounded) >> 15), 16));
  }
  template <typename T, std::size_t N, std::size_t Stride>
  static constexpr void run(const T* h, const T* w, T* out, std::size_t count) {
    if (std::is_constant_evaluated())
      return fir_block_impl<arch::generic>::run<T, N, Stride>(h, w, out, count);
    if constexpr (std::is_same_v<T, std::int16_t> && N % 8 == 0) {
      const uint16x8_t rev = vsubq_u16(vdupq_n_u16(7), vidupq_n_u16(0, 1));  // 7, 6, ..., 0
      std::size_t o = 0;
      for (; o + 4 <= count; o += 4, w += 4 * Stride) {  // four outputs share each gather of taps
        std::int64_t a0 = 1 << 14, a1 = a0, a2 = a0, a3 = a0;
#pragma GCC unroll 16
        for (std::size_t i = 0; i < N; i += 8) {
          const int16x8_t c = vldrhq_gather_shifted_offset_s16(h + N - 8 - i, rev);
          a0 = vmlaldavaq_s16(a0, vld1q_s16(w + i), c);
          a1 = vmlaldavaq_s16(a1, vld1q_s16(w + Stride + i), c);
          a2 = vmlaldavaq_s16(a2, vld1q_s16(w + 2 * Stride + i), c);
          a3 = vmlaldavaq_s16(a3, vld1q_s16(w + 3 * Stride + i), c);
        }
        out[o] = narrow(a0);
        out[o + 1] = narrow(a1);
        out[o + 2] = narrow(a2);
        out[o + 3] = narrow(a3);
      }
      for (; o < count; ++o, w += Stride) {
        std::int64_t acc = 1 << 14;
#pragma GCC unroll 16
        for (std::size_t i = 0; i < N; i += 8)
          acc = vmlaldavaq_s16(acc, vld1q_s16(w + i), vldrhq_gather_shifted_offset_s16(h + N - 8 - i, rev));
        out[o] = narrow(acc);
      }
#if CTML_ARCH_ARM_MVE_FLOAT
    } else if constexpr (std::is_same_v<T, float>) {
      // Lane j of accumulator k: output 4k + j, window w + (4k + j) Stride (a gather when Stride > 1).
      const uint32x4_t lanes = vmulq_n_u32(vidupq_n_u32(0, 1), Stride);
      auto load = [&](const float* p) {
        if constexpr (Stride == 1)
          return vld1q_f32(p);
        else
          return vldrwq_gather_shifted_offset_f32(p, lanes);
      };
      std::size_t o = 0;
      // V vectors of outputs per pass: 24 outputs (7 vectors spill), then 16, 8, 4; the rest on the
      // scalar FPU.
      auto passes = [&]<std::size_t V>(std::integral_constant<std::size_t, V>) {
        for (; o + 4 * V <= count; o += 4 * V, w += 4 * V * Stride) {
          float32x4_t a[V];
#pragma GCC unroll 6
          for (std::size_t v = 0; v < V; ++v) a[v] = vdupq_n_f32(0.0f);
#pragma GCC unroll 16  // (the tap loop: 32 spills registers)
          for (std::size_t i = 0; i < N; ++i) {
            const float c = h[N - 1 - i];
#pragma GCC unroll 6
            for (std::size_t v = 0; v < V; ++v) a[v] = vfmaq_n_f32(a[v], load(w + i + 4 * v * Stride), c);
          }
#pragma GCC unroll 6
          for (std::size_t v = 0; v < V; ++v) vst1q_f32(out + o + 4 * v, a[v]);
        }
      };
      passes(std::integral_constant<std::size_t, 6>{});
      passes(std::integral_constant<std::size_t, 4>{});
      passes(std::integral_constant<std::size_t, 2>{});
      passes(std::integral_constant<std::size_t, 1>{});
      fir_block_impl<arch::arm_dsp>::run<T, N, Stride>(h, w, out + o, count - o);
#endif
    } else {
      fir_block_impl<arch::arm_dsp>::run<T, N, Stride>(h, w, out, count);
    }
  }
};

// The history copies: 16 bytes per VLDRB/VSTRB pair, the last < 16 bytes predicated (VCTP).
template <>
struct fir_copy_impl<arch::arm_mve> {
  template <typename T>
  static constexpr void run(const T* from, T* to, std::size_t count) {
    if (std::is_constant_evaluated()) return fir_copy_impl<arch::generic>::run(from, to, count);
    const auto* s = reinterpret_cast<const std::uint8_t*>(from);
    auto* d = reinterpret_cast<std::uint8_t*>(to);
    std::size_t bytes = count * sizeof(T);
    for (; bytes >= 16; bytes -= 16, s += 16, d += 16) vst1q_u8(d, vld1q_u8(s));
    if (bytes) {
      const mve_pred16_t p = vctp8q(static_cast<std::uint32_t>(bytes));
      vstrbq_p_u8(d, vldrbq_z_u8(s, p), p);
    }
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE

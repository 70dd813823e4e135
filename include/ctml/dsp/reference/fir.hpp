#pragma once
// The FIR filters' inner loop and its portable code: Count outputs of an N-tap direct-form FIR whose input
// windows start Stride samples apart, each sum_i taps[N - 1 - i] w[i] over its window w (oldest first).
// float32 sums in tap order (the same bits as one output at a time); Q15 sums exact in 64 bits, Q31 sums
// of exact 64-bit products modulo 2^64 (CMSIS-DSP's arm_fir_q31 accumulator: one guard bit), then one
// rounding (half up) and saturation. detail::fir_block_impl<arch> is the customization point
// (dsp/arch.hpp): the portable code computes four outputs per pass over the taps (fixed point).

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/dsp/arch.hpp>

namespace ctml::dsp::detail {

// The sum's type: Q15 exact in int64; Q31 in uint64, i.e. modulo 2^64 (a sum beyond +-2^63 wraps, as
// CMSIS-DSP documents for arm_fir_q31, instead of being undefined: taps with sum |h| < 2 never wrap).
template <typename T>
using fir_acc_t = std::conditional_t<std::is_same_v<T, std::int16_t>, std::int64_t,
                                     std::conditional_t<std::is_same_v<T, std::int32_t>, std::uint64_t, T>>;

// One product: Q15 x Q15 exact in 32 bits (|h x| <= 2^30), Q31 x Q31 exact in 64 bits, float32 as is.
template <typename T>
constexpr fir_acc_t<T> fir_mul(T h, T x) {
  if constexpr (std::is_same_v<T, std::int16_t>)
    return std::int32_t{h} * x;
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return static_cast<std::uint64_t>(std::int64_t{h} * x);
  else
    return h * x;
}

// The output sample of a sum: fixed point rounded half up and saturated, round(sum / 2^15) for Q15;
// for Q31 the sum plus 2^30 (modulo 2^64) read as signed, shifted right by 31.
template <typename T>
constexpr T fir_out(fir_acc_t<T> acc) {
  if constexpr (std::is_same_v<T, std::int16_t>) {
    const std::int64_t r = (acc + (1 << 14)) >> 15;
    return static_cast<std::int16_t>(r > 32767 ? 32767 : (r < -32768 ? -32768 : r));
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    const std::int64_t r = static_cast<std::int64_t>(acc + (std::uint64_t{1} << 30)) >> 31;
    return static_cast<std::int32_t>(r > INT32_MAX ? INT32_MAX : (r < INT32_MIN ? INT32_MIN : r));
  } else {
    return acc;
  }
}

template <arch A>
struct fir_block_impl : fir_block_impl<fallback_of(A)> {};

template <>
struct fir_block_impl<arch::generic> {
  template <typename T, std::size_t N, std::size_t Stride>
  static constexpr void run(const T* h, const T* w, T* out, std::size_t count) {
    std::size_t o = 0;
    if constexpr (Stride == 1 && !std::is_same_v<T, float>) {
      // Four outputs per pass: each tap is loaded once, and each sample once (kept in a register as
      // the windows slide). Fixed point only: the sums are exact (Q31: modulo 2^64), so the order of
      // the work is free; a float
      // output is always one loop in tap order, whatever the chunking (a compiler may vectorise or
      // contract a four-output loop differently from a one-output loop).
      for (; o + 4 <= count; o += 4) {
        const T* wo = w + o;
        fir_acc_t<T> a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        T x0 = wo[0], x1 = wo[1], x2 = wo[2];
        for (std::size_t i = 0; i < N; ++i) {
          const T c = h[N - 1 - i];
          const T x3 = wo[i + 3];
          a0 += fir_mul(c, x0);
          a1 += fir_mul(c, x1);
          a2 += fir_mul(c, x2);
          a3 += fir_mul(c, x3);
          x0 = x1;
          x1 = x2;
          x2 = x3;
        }
        out[o] = fir_out<T>(a0);
        out[o + 1] = fir_out<T>(a1);
        out[o + 2] = fir_out<T>(a2);
        out[o + 3] = fir_out<T>(a3);
      }
    }
    for (; o < count; ++o) {
      const T* wo = w + o * Stride;
      fir_acc_t<T> a = 0;
      for (std::size_t i = 0; i < N; ++i) a += fir_mul(h[N - 1 - i], wo[i]);
      out[o] = fir_out<T>(a);
    }
  }
};

// The FIR's history copies (count values from `from` to `to`, not overlapping), a customization point
// of its own: on Helium a vector copy, 16 bytes per load/store pair.
template <arch A>
struct fir_copy_impl : fir_copy_impl<fallback_of(A)> {};

template <>
struct fir_copy_impl<arch::generic> {
  template <typename T>
  static constexpr void run(const T* from, T* to, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) to[i] = from[i];
  }
};

}  // namespace ctml::dsp::detail

#pragma once
// Arm DSP-extension path of the Q31 real FFT (Cortex-M4/M7/M33, and the M55's fallback): the
// specialisation detail::fft_q31_impl<arch::arm_dsp>. The portable code rounds each 64-bit twiddle
// product to Q31 and then halves a 33-bit sum; here both happen in one SMLAL accumulator whose high
// word is the butterfly's output, and the other output comes from the same accumulator (below). The
// same bits as the portable code (tests/dsp/fft_q31_arch_test.cpp). Empty unless the compiler
// targets the DSP extension.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_DSP

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/dsp/reference/fft_q31.hpp>

namespace ctml::dsp::detail {

namespace q31_dsp {

// A 64-bit accumulator a 2^31 + c (unsigned: SMLAL wraps, and only the final sums are known to fit).
inline std::uint64_t base(std::int32_t a, std::uint32_t c) {
  return (static_cast<std::uint64_t>(std::int64_t{a}) << 31) + c;
}
inline std::uint64_t mac(std::uint64_t acc, std::int32_t x, std::int32_t y) {
  return acc + static_cast<std::uint64_t>(std::int64_t{x} * y);
}
inline std::int32_t high(std::uint64_t acc) {
  return static_cast<std::int32_t>(acc >> 32);
}
// The high word of a 2^32 + 2^31 - 1 - acc: a - high(acc) - 1 when the low word is 2^31 or more.
inline std::int32_t mirror(std::uint32_t a, std::uint64_t acc) {
  return static_cast<std::int32_t>(a - static_cast<std::uint32_t>(acc >> 32) -
                                   (static_cast<std::uint32_t>(acc) >> 31));
}

// The portable butterfly {(a + r) >> 1, (a - r) >> 1}, r = round(b w) = floor((R + 2^30) / 2^31) for
// the exact product R, from one accumulator per part: with A = a 2^31,
//   (a + r) >> 1 = high(A + 2^30 + R),  (a - r) >> 1 = high(A + 2^30 - 1 - R),
// and the two accumulators add up to a 2^32 + 2^31 - 1 (mirror). For the real part the second one
// has the positive products (b.re nc + b.im ns), for the imaginary part the first (b.re ns - b.im nc,
// -b.im negated first). Every |value| <= 2^30.6 in rfft_q31's FFT, so nothing saturates or wraps.
inline void butterfly(complex_q31& a, complex_q31& b, twiddle_q31 w) {
  const std::int32_t ar = a.re, ai = a.im, br = b.re, bi = b.im;
  const std::uint64_t r = mac(mac(base(ar, (1u << 30) - 1), br, w.ncos), bi, w.nsin);
  const std::uint64_t i = mac(mac(base(ai, 1u << 30), br, w.nsin), -bi, w.ncos);
  a = {mirror(static_cast<std::uint32_t>(ar), r), high(i)};
  b = {high(r), mirror(static_cast<std::uint32_t>(ai), i)};
}

// The N-point forward FFT of rfft_q31 (input already bit-reversed), radix 2, stage by stage.
template <std::size_t N>
void rfft_core(complex_q31* x) {
  const twiddle_q31* tw = fft_q31_tables<N>::twiddles.data();
  for (std::size_t l = 2; l <= N; l <<= 1) {
    const std::size_t h = l / 2, stride = N / l;
    for (complex_q31* a = x; a != x + N; a += l) {
      const twiddle_q31* w = tw;
      for (std::size_t k = 0; k < h; ++k, w += stride) butterfly(a[k], a[k + h], *w);
    }
  }
}

// rfft_q31: the packing ((x + 1) >> 1 = x - (x >> 1), no 64-bit sum), the FFT, then the split step
// with the rounded product and the halving in one accumulator per part (see split below).
template <std::size_t N>
void rfft(const std::int32_t* in, complex_q31* out) {
  constexpr std::size_t m = N / 2;
  const auto& rev = fft_tables<m>::reversed;
  for (std::size_t n = 0; n < m; ++n) {
    const std::int32_t re = in[2 * n], im = in[2 * n + 1];
    out[rev[n]] = {re - (re >> 1), im - (im >> 1)};
  }
  rfft_core<m>(out);
  const std::int64_t z0r = out[0].re, z0i = out[0].im;
  out[0] = {saturate_q31(z0r + z0i), 0};
  out[m] = {saturate_q31(z0r - z0i), 0};
  // The portable X[k] = (P + T + 1) >> 1 with T = round(w Q/i) is high((P + 1) 2^31 + 2^30 + S), S the
  // exact product sum; its mirror bin is P + 1 - that - carry (real part) and that - P (imaginary).
  // P 2^31 is folded into the products: a.re (ns + 2^31) (ns < 0 for k >= 1) and the accumulator's
  // start. The outputs are the rfft's bins (|X[k] / N| < 2^31), so the accumulators fit 64 bits and
  // nothing saturates, as in the portable code.
  const twiddle_q31* w = fft_q31_tables<m>::split.data();
  for (std::size_t k = 1; k <= m / 2; ++k) {
    const std::int32_t ar = out[k].re, ai = out[k].im, br = out[m - k].re, bi = out[m - k].im;
    const std::int32_t c = -w[k].ncos, ns = w[k].nsin;  // w = c + i ns, c in [0, 1)
    const auto ns1 = static_cast<std::int32_t>(static_cast<std::uint32_t>(ns) + 0x80000000u);
    const std::uint64_t r = mac(mac(mac(mac(base(br + 1, 1u << 30), ar, ns1), -br, ns), ai, c), bi, c);
    const std::uint64_t i = mac(mac(mac(mac(base(1 - bi, 1u << 30), ai, ns1), bi, ns), br, c), -ar, c);
    const std::int32_t xr = high(r), xi = high(i);
    out[k] = {xr, xi};
    out[m - k] = {mirror(static_cast<std::uint32_t>(ar) + static_cast<std::uint32_t>(br) + 1u, r),
                  static_cast<std::int32_t>(static_cast<std::uint32_t>(xi) - static_cast<std::uint32_t>(ai) +
                                            static_cast<std::uint32_t>(bi))};
  }
}

}  // namespace q31_dsp

/// The DSP extension: rfft_q31 with SMLAL accumulators; constant evaluation runs the portable code.
template <>
struct fft_q31_impl<arch::arm_dsp> {
  template <std::size_t N>
  static constexpr void rfft(const std::int32_t* in, complex_q31* out) {
    if (std::is_constant_evaluated()) return fft_q31_impl<arch::generic>::rfft<N>(in, out);
    q31_dsp::rfft<N>(in, out);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_DSP

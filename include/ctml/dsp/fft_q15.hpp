#pragma once
// Q15 fixed-point complex and real FFTs (power-of-two N from 16 to 4096), in place, with
// compile-time tables. Pure integer arithmetic: every target produces the same bits.
//
// Scaling: every radix-2 stage halves its outputs, so the result is X / N:
//   fft_q15<N>:   out[k] ~ sum_n x[n] e^{-2 pi i k n / N} / N     (Q15)
//   ifft_q15<N>:  out[n] ~ sum_k X[k] e^{+2 pi i k n / N} / N     (Q15; numpy.fft.ifft)
//   rfft_q15<N>:  out[k] ~ rfft(x)[k] / N, k = 0 .. N/2           (Q15)
//   irfft_q15<N>: out[n] ~ numpy.fft.irfft(X)[n]                   (Q15)
// Each stage computes (a +- t) >> 1 (rounding down, SHADD16/SHSUB16 semantics) with t = b w rounded to
// Q15 (exact for the twiddles 1 and -+i of the first two stages; see butterfly below). Twiddle
// products saturate, which can only act for complex inputs with |x| > 1 (both parts near full
// scale); rfft_q15 halves its input first, so it never saturates.
//
// The transforms run detail::fft_q15_impl<target_arch>: the portable code (dsp/reference/fft_q15.hpp),
// the DSP-extension path (dsp/arm_dsp/) or Helium (dsp/arm_mve/); all give the same bits.

#include <cstddef>
#include <cstdint>
#include <span>

#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/reference/fft_q15.hpp>
#include <ctml/dsp/select.hpp>

namespace ctml::dsp {

/// In-place Q15 forward FFT, output X / N (see the scaling note at the top of this header).
/// Usage: `ctml::dsp::fft_q15<256>(buf);` with `std::array<complex_q15, 256> buf`.
template <std::size_t N>
constexpr void fft_q15(std::span<complex_q15, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::fft_q15<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) detail::fft_q15_impl<target_arch>::core<N, false, false>(x.data());
}

/// In-place Q15 inverse FFT with numpy.fft.ifft's 1/N scaling.
/// Usage: `ctml::dsp::ifft_q15<256>(buf);`
template <std::size_t N>
constexpr void ifft_q15(std::span<complex_q15, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::ifft_q15<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) detail::fft_q15_impl<target_arch>::core<N, true, false>(x.data());
}

/// Q15 real FFT: N samples -> bins 0 .. N/2 holding rfft(x) / N. Uses `out` as its only work space.
/// Usage: `ctml::dsp::rfft_q15<512>(samples, spectrum);` (512 int16 in, 257 complex_q15 out)
template <std::size_t N>
constexpr void rfft_q15(std::span<const std::int16_t, N> in, std::span<complex_q15, N / 2 + 1> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::rfft_q15<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) detail::fft_q15_impl<target_arch>::rfft<N>(in.data(), out.data());
}

/// Flash bytes of the tables `rfft_q15<N>` reads on the portable path: the bit-reversal permutation,
/// the N/2-point FFT's twiddles and the split twiddles (for budgets, docs/memory.md).
template <std::size_t N>
inline constexpr std::size_t rfft_q15_flash_bytes = sizeof(detail::fft_tables<N / 2>::reversed) +
                                                    sizeof(detail::fft_q15_tables<N / 2>::twiddles) +
                                                    sizeof(detail::rfft_q15_tables<N>::split);

/// Q15 inverse real FFT with numpy.fft.irfft's 1/N scaling: bins 0 .. N/2 (Q15) -> N samples (Q15).
/// The imaginary parts of bins 0 and N/2 are ignored, as numpy does. Scaling: the split step
/// computes Z / 2 (|Z| <= 2 for Q15 bins), the N/2-point inverse FFT halves in each stage, and the
/// samples are doubled (saturating) on the way out, so bins with |X[k]| <= 1 (every rfft_q15 output)
/// give irfft(X) without overflow; larger ones saturate. irfft_q15(rfft_q15(x)) = x / N.
/// REQUIRES: nothing else reads `spectrum` afterwards: it is the work space and is overwritten.
/// Usage: `ctml::dsp::irfft_q15<512>(spectrum, samples);` (257 complex_q15 in, 512 int16 out)
template <std::size_t N>
constexpr void irfft_q15(std::span<complex_q15, N / 2 + 1> spectrum, std::span<std::int16_t, N> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::irfft_q15<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    constexpr std::size_t m = N / 2;
    auto& z = spectrum;
    using impl = detail::fft_q15_impl<target_arch>;
    // Z[0] = (X0 + Xm) + i (X0 - Xm), halved twice: Z / 2 with the 1/2 of the even/odd split.
    const std::int32_t x0 = z[0].re, xm = z[m].re;
    z[0] = {static_cast<std::int16_t>(detail::round_shift(x0 + xm, 2)),
            static_cast<std::int16_t>(detail::round_shift(x0 - xm, 2))};
    const auto& w = detail::rfft_q15_tables<N>::split;
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const std::int64_t ar = z[k].re, ai = z[k].im, br = z[m - k].re, bi = z[m - k].im;
      // 2E = a + conj b, 2D = a - conj b, 2O = conj(w) 2D (Q30) with w = exp(-2 pi i k / N) = -nc + i ns;
      // Z[k] = E + i O, Z[m-k] = conj(E) + i conj(O); stored halved.
      const std::int64_t er = (ar + br) << 15, ei = (ai - bi) << 15;
      const std::int64_t dr = ar - br, di = ai + bi;
      const std::int64_t nc = w[k].ncos, ns = w[k].nsin;
      const std::int64_t o_r = -nc * dr + ns * di, o_i = -nc * di - ns * dr;
      z[k] = {impl::saturate(static_cast<std::int32_t>(detail::round_shift(er - o_i, 17))),
              impl::saturate(static_cast<std::int32_t>(detail::round_shift(ei + o_r, 17)))};
      z[m - k] = {impl::saturate(static_cast<std::int32_t>(detail::round_shift(er + o_i, 17))),
                  impl::saturate(static_cast<std::int32_t>(detail::round_shift(o_r - ei, 17)))};
    }
    detail::fft_q15_impl<target_arch>::core<m, true, false>(z.data());  // z / 2
    for (std::size_t n = 0; n < m; ++n) {
      out[2 * n] = impl::saturate(2 * std::int32_t{z[n].re});
      out[2 * n + 1] = impl::saturate(2 * std::int32_t{z[n].im});
    }
  }
}

}  // namespace ctml::dsp

#pragma once
// Q31 fixed-point complex and real FFTs (power-of-two N from 16 to 4096), forward and inverse, with
// compile-time tables: for spectra that need more than Q15's ~50-60 dB (low-level signals, long
// transforms, round trips). Pure integer arithmetic (64-bit products), so every target produces the
// same bits.
//
// Scaling is the Q15 transforms' (fft_q15.hpp): every radix-2 stage halves its outputs ((a +- t) >> 1,
// rounding down) and twiddle products are rounded to nearest, so
//   fft_q31<N>:   out[k] ~ fft(x)[k] / N              ifft_q31<N>:  out[n] ~ numpy.fft.ifft(X)[n]
//   rfft_q31<N>:  out[k] ~ rfft(x)[k] / N, k <= N/2   irfft_q31<N>: out[n] ~ numpy.fft.irfft(X)[n]
// A halving butterfly of Q31 values always fits Q31; only a twiddle product of a complex value with
// |x| > 1 can exceed it, and it saturates instead of wrapping. rfft_q31 halves its input first and
// irfft_q31 computes half of its work spectrum, so neither saturates for any input.
//
// rfft_q31 runs detail::fft_q31_impl<target_arch>: the portable code (dsp/reference/fft_q31.hpp), the
// DSP-extension path (dsp/arm_dsp/) or Helium (dsp/arm_mve/); all give the same bits. The other
// transforms are portable.

#include <cstddef>
#include <cstdint>
#include <span>

#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/fft.hpp>
#include <ctml/dsp/reference/fft_q31.hpp>
#include <ctml/dsp/select.hpp>

namespace ctml::dsp {

/// In-place Q31 forward FFT, output fft(x) / N (every stage halves; see the note at the top).
/// Usage: `ctml::dsp::fft_q31<256>(buf);` with `std::array<complex_q31, 256> buf`.
template <std::size_t N>
constexpr void fft_q31(std::span<complex_q31, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::fft_q31<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) detail::fft_q31_core<N, false>(x.data());
}

/// In-place Q31 inverse FFT with numpy.fft.ifft's 1/N scaling.
/// Usage: `ctml::dsp::ifft_q31<256>(buf);`
template <std::size_t N>
constexpr void ifft_q31(std::span<complex_q31, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::ifft_q31<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) detail::fft_q31_core<N, true>(x.data());
}

/// Q31 real FFT: N samples -> bins 0 .. N/2 holding rfft(x) / N. Uses `out` as its only work space.
/// Usage: `ctml::dsp::rfft_q31<512>(samples, spectrum);` (512 int32 in, 257 complex_q31 out)
template <std::size_t N>
constexpr void rfft_q31(std::span<const std::int32_t, N> in, std::span<complex_q31, N / 2 + 1> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::rfft_q31<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    detail::fft_q31_impl<target_arch>::rfft<N>(in.data(), out.data());
  }
}

/// Flash bytes of the tables `rfft_q31<N>` reads on the portable path: the bit-reversal permutation
/// and the N/2-point FFT's twiddles and split twiddles (for the budgets of the blocks that call it,
/// docs/memory.md). The DSP-extension and Helium paths read the twiddles stage after stage instead
/// (N/2 - 2 entries: 8 (N/4 - 2) bytes more) and Helium the permutation as 32-bit scatter offsets.
template <std::size_t N>
inline constexpr std::size_t rfft_q31_flash_bytes = sizeof(detail::fft_tables<N / 2>::reversed) +
                                                    sizeof(detail::fft_q31_tables<N / 2>::twiddles) +
                                                    sizeof(detail::fft_q31_tables<N / 2>::split);

/// Q31 inverse real FFT with numpy.fft.irfft's 1/N scaling: bins 0 .. N/2 -> N samples. The
/// imaginary parts of bins 0 and N/2 are ignored, as numpy does. The split step computes Z / 2, the
/// N/2-point inverse FFT halves in each stage, and the samples are doubled (saturating) on the way
/// out. irfft_q31(rfft_q31(x)) = x / N.
/// REQUIRES: nothing else reads `spectrum` afterwards: it is the work space and is overwritten.
/// Usage: `ctml::dsp::irfft_q31<512>(spectrum, samples);` (257 complex_q31 in, 512 int32 out)
template <std::size_t N>
constexpr void irfft_q31(std::span<complex_q31, N / 2 + 1> spectrum, std::span<std::int32_t, N> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::irfft_q31<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    constexpr std::size_t m = N / 2;
    auto& z = spectrum;
    const std::int64_t x0 = z[0].re, xm = z[m].re;
    z[0] = {static_cast<std::int32_t>(detail::round_shift_q31(x0 + xm, 2)),
            static_cast<std::int32_t>(detail::round_shift_q31(x0 - xm, 2))};
    const auto& w = detail::fft_q31_tables<m>::split;
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const std::int64_t ar = z[k].re, ai = z[k].im, br = z[m - k].re, bi = z[m - k].im;
      // E = (a + conj b) / 2, D = (a - conj b) / 2 (each rounded to Q31), O = conj(w) D rounded to
      // Q31 with w = exp(-2 pi i k / N) = -nc + i ns; Z[k] = E + i O, Z[m-k] = conj(E) + i conj(O),
      // stored halved. Every intermediate is below 2^63.
      const std::int64_t er = detail::round_shift_q31(ar + br, 1), ei = detail::round_shift_q31(ai - bi, 1);
      const std::int64_t dr = detail::round_shift_q31(ar - br, 1), di = detail::round_shift_q31(ai + bi, 1);
      const std::int64_t nc = w[k].ncos, ns = w[k].nsin;
      const std::int64_t o_r = detail::round_shift_q31(-nc * dr + ns * di, 31);
      const std::int64_t o_i = detail::round_shift_q31(-nc * di - ns * dr, 31);
      z[k] = {detail::saturate_q31(detail::round_shift_q31(er - o_i, 1)),
              detail::saturate_q31(detail::round_shift_q31(ei + o_r, 1))};
      z[m - k] = {detail::saturate_q31(detail::round_shift_q31(er + o_i, 1)),
                  detail::saturate_q31(detail::round_shift_q31(o_r - ei, 1))};
    }
    detail::fft_q31_core<m, true>(z.data());  // z / 2
    for (std::size_t n = 0; n < m; ++n) {
      out[2 * n] = detail::saturate_q31(2 * std::int64_t{z[n].re});
      out[2 * n + 1] = detail::saturate_q31(2 * std::int64_t{z[n].im});
    }
  }
}

}  // namespace ctml::dsp

#pragma once
// Amplitude envelope: the magnitude of the analytic signal, |scipy.signal.hilbert(x)| for a
// power-of-two length N. The spectrum's positive frequencies are doubled and the negative ones
// cleared (rfft, then one complex inverse FFT), so the envelope of a tone is its amplitude and the
// envelope of an amplitude-modulated carrier is the modulation.

#include <cmath>
#include <cstddef>
#include <span>

#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/fft.hpp>

namespace ctml::dsp {

/// out[n] = |x[n] + i H{x}[n]| (H: the Hilbert transform of the N-sample block, periodic as an FFT
/// sees it). work: N complex values of scratch. Usage:
///   std::array<ctml::dsp::complex_f32, 256> work;
///   ctml::dsp::envelope<256>(block, env, work);
template <std::size_t N>
void envelope(std::span<const float, N> x, std::span<float, N> out, std::span<complex_f32, N> work) {
  static_assert(N >= 4 && (N & (N - 1)) == 0, "ctml::dsp::envelope<N>: N must be a power of two, at least 4");
  rfft<N>(x, work.template first<N / 2 + 1>());
  for (std::size_t k = 1; k < N / 2; ++k) work[k] = {2.0f * work[k].re, 2.0f * work[k].im};
  for (std::size_t k = N / 2 + 1; k < N; ++k) work[k] = {0.0f, 0.0f};
  ifft<N>(work);
  for (std::size_t n = 0; n < N; ++n) out[n] = std::sqrt(work[n].re * work[n].re + work[n].im * work[n].im);
}

}  // namespace ctml::dsp

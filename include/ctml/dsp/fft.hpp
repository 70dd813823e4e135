#pragma once
// Float32 complex and real FFTs for power-of-two N from 16 to 4096, in place, with every table
// (twiddles, bit-reversal swaps) computed at compile time: no init call, no RAM copy of tables.
// Scaling follows numpy.fft: forward unscaled, inverse scaled by 1/N. The transforms run
// detail::fft_f32_impl<target_arch>: the portable code (dsp/reference/fft.hpp) or a vector path
// (dsp/arm_mve/fft.hpp on the M55).

#include <array>
#include <bit>
#include <cstddef>
#include <span>

#include <ctml/core/math.hpp>
#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/extent.hpp>
#include <ctml/dsp/reference/fft.hpp>
#include <ctml/dsp/select.hpp>

namespace ctml::dsp {

/// In-place forward complex FFT, X[k] = sum_n x[n] exp(-2 pi i k n / N) (numpy.fft.fft).
/// Usage: `ctml::dsp::fft<256>(std::span{buf});` with `std::array<complex_f32, 256> buf`.
template <std::size_t N>
constexpr void fft(std::span<complex_f32, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::fft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    detail::fft_f32_impl<target_arch>::fft<N, false>(x.data());
  }
}

/// In-place inverse complex FFT with numpy's 1/N scaling (numpy.fft.ifft).
/// Usage: `ctml::dsp::ifft<256>(std::span{buf});`
template <std::size_t N>
constexpr void ifft(std::span<complex_f32, N> x) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::ifft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    detail::fft_f32_impl<target_arch>::fft<N, true>(x.data());
  }
}

/// Forward real FFT: N real samples -> bins 0 .. N/2 (numpy.fft.rfft). X[0].im = X[N/2].im = 0.
/// Uses only `out` as work space (an N/2-point complex FFT plus a split step).
/// Usage: `ctml::dsp::rfft<512>(frame, spectrum);` with 512 floats in, 257 complex_f32 out.
template <std::size_t N>
constexpr void rfft(std::span<const float, N> in, std::span<complex_f32, N / 2 + 1> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::rfft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    detail::fft_f32_impl<target_arch>::rfft<N>(in.data(), out.data());
  }
}

/// Inverse real FFT: bins 0 .. N/2 -> N real samples with numpy's 1/N scaling (numpy.fft.irfft).
/// The imaginary parts of bins 0 and N/2 are ignored, as numpy does.
/// REQUIRES: nothing else reads `spectrum` afterwards: it is the work space and is overwritten.
/// Usage: `ctml::dsp::irfft<512>(spectrum, frame);`
template <std::size_t N>
constexpr void irfft(std::span<complex_f32, N / 2 + 1> spectrum, std::span<float, N> out) {
  static_assert(detail::fft_size_ok<N>, "ctml::dsp::irfft<N>: N must be a power of two from 16 to 4096");
  if constexpr (detail::fft_size_ok<N>) {
    detail::fft_f32_impl<target_arch>::irfft<N>(spectrum.data(), out.data());
  }
}

/// The same transforms with N deduced from any contiguous range whose length is a compile-time
/// constant (std::array, C array, fixed-extent std::span): no std::span<const float, N>(...) to
/// write. A range without a compile-time length, or of the wrong length, stops the build.
/// Usage: `ctml::dsp::rfft(frame, spectrum);` with std::array<float, 512> and
/// std::array<ctml::dsp::complex_f32, 257>; `ctml::dsp::fft(buf);`
namespace detail {
template <bool Inverse, typename Buffer>
constexpr void fft_of_range(Buffer&& x) {
  constexpr std::size_t n = static_extent_v<Buffer>;
  static_assert(n != 0,
                "ctml::dsp::fft(x) / ifft(x): x needs a length known at compile time (std::array, C array, "
                "std::span<T, N>)");
  if constexpr (Inverse)
    ifft<n>(std::span<complex_f32, n>(x));
  else
    fft<n>(std::span<complex_f32, n>(x));
}
}  // namespace detail
template <typename Buffer>
requires(!std::is_const_v<std::remove_reference_t<Buffer>>) constexpr void fft(Buffer&& x) {
  detail::fft_of_range<false>(x);
}
template <typename Buffer>
requires(!std::is_const_v<std::remove_reference_t<Buffer>>) constexpr void ifft(Buffer&& x) {
  detail::fft_of_range<true>(x);
}
template <typename In, typename Out>
constexpr void rfft(const In& in, Out&& out) {
  constexpr std::size_t n = static_extent_v<In>;
  static_assert(n != 0,
                "ctml::dsp::rfft(in, out): in needs a length known at compile time (std::array, C array, "
                "std::span<T, N>)");
  static_assert(static_extent_v<Out> == n / 2 + 1,
                "ctml::dsp::rfft(in, out): out must hold N / 2 + 1 bins, N = in's length");
  rfft<n>(std::span<const float, n>(in), std::span<complex_f32, n / 2 + 1>(out));
}
template <typename Spectrum, typename Out>
constexpr void irfft(Spectrum&& spectrum, Out&& out) {
  constexpr std::size_t n = static_extent_v<Out>;
  static_assert(n != 0,
                "ctml::dsp::irfft(spectrum, out): out needs a length known at compile time (std::array, C "
                "array, std::span<T, N>)");
  static_assert(static_extent_v<Spectrum> == n / 2 + 1,
                "ctml::dsp::irfft(spectrum, out): spectrum must hold N / 2 + 1 bins, N = out's length");
  irfft<n>(std::span<complex_f32, n / 2 + 1>(spectrum), std::span<float, n>(out));
}

/// Flash bytes of the tables `rfft<N>` reads on the portable path: the N/2-point FFT's twiddles,
/// its first pass's index table and the split step's twiddles (for the budgets of the blocks that
/// call it, docs/memory.md; Helium reads tables of its own).
/// Usage: `static_assert(ctml::dsp::rfft_flash_bytes<512> == 3176);`
template <std::size_t N>
inline constexpr std::size_t rfft_flash_bytes =
    sizeof(detail::fft_tables<N / 2>::twiddles) +
    sizeof(detail::group_reversal<N / 2 / ((std::countr_zero(N / 2) - 2) % 2 == 1 ? 8 : 4)>::table) +
    sizeof(detail::rfft_tables<N>::split);

/// Direct O(N^2) DFT for any N (ONNX DFT semantics: forward unscaled, inverse scaled by 1/N), for
/// small non-power-of-two sizes. Twiddles exp(-2 pi i j / N) are a compile-time table.
/// Usage: `ctml::dsp::dft<10>(in, out);`
template <std::size_t N, bool Inverse = false>
constexpr void dft(std::span<const complex_f32, N> in, std::span<complex_f32, N> out) {
  static_assert(N >= 1 && N <= 1024, "ctml::dsp::dft<N>: N must be from 1 to 1024");
  constexpr auto w = [] {
    std::array<complex_f32, N> t{};
    for (std::size_t j = 0; j < N; ++j) {
      const double x = 2.0 * static_cast<double>(j) / static_cast<double>(N);
      t[j] = {static_cast<float>(math::cospi(x)),
              static_cast<float>(Inverse ? math::sinpi(x) : -math::sinpi(x))};
    }
    return t;
  }();
  for (std::size_t k = 0; k < N; ++k) {
    double re = 0.0, im = 0.0;
    for (std::size_t n = 0; n < N; ++n) {
      const complex_f32 t = w[(k * n) % N];
      re += static_cast<double>(in[n].re * t.re - in[n].im * t.im);
      im += static_cast<double>(in[n].re * t.im + in[n].im * t.re);
    }
    if constexpr (Inverse) {
      re /= static_cast<double>(N);
      im /= static_cast<double>(N);
    }
    out[k] = {static_cast<float>(re), static_cast<float>(im)};
  }
}

}  // namespace ctml::dsp

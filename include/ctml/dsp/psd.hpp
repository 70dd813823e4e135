#pragma once
// Power spectral density as scipy.signal defines it: periodogram and Welch's method (one-sided,
// density or spectrum scaling, constant or no detrend, mean averaging).

#include <array>
#include <cstddef>
#include <span>

#include <ctml/core/units.hpp>
#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/extent.hpp>
#include <ctml/dsp/fft.hpp>
#include <ctml/dsp/statistics.hpp>
#include <ctml/dsp/window.hpp>

namespace ctml::dsp {

/// scipy's `scaling`: "density" gives V^2/Hz, "spectrum" gives V^2 (the power of a sinusoid at a bin).
enum class psd_scaling { density, spectrum };
/// scipy's `detrend`: "constant" subtracts each segment's mean (scipy's default), none keeps it.
enum class detrend_type { none, constant };

/// Settings a PSD block takes at run time. The defaults are scipy.signal.welch's.
struct psd_options {
  hertz sample_rate = 1.0;
  psd_scaling scaling = psd_scaling::density;
  detrend_type detrend = detrend_type::constant;
};

/// Welch's PSD estimate with NPerSeg-point segments overlapping by NOverlap samples and a
/// window_type window (periodic, as scipy's get_window gives it), averaged by the mean.
/// `welch<256>` equals `scipy.signal.welch(x, fs, nperseg=256)`; a periodogram is
/// `welch<N, 0, window_type::rectangular>` on exactly N samples (= scipy.signal.periodogram).
/// Owns its work buffers (about 12 * NPerSeg bytes); no heap. Segments can be fed one by one
/// (add_segment, e.g. from a ctml::dsp::framer) or all at once (compute).
/// Usage:
///   ctml::dsp::welch<256> w{{.sample_rate = 1_kHz}};
///   std::size_t segments = w.compute(samples, psd);   // psd: 129 floats
template <std::size_t NPerSeg, std::size_t NOverlap = NPerSeg / 2, window_type Window = window_type::hann>
class welch {
  static_assert(detail::fft_size_ok<NPerSeg>,
                "ctml::dsp::welch<NPerSeg, NOverlap>: NPerSeg must be a power of two from 16 to 4096");
  static_assert(NOverlap < NPerSeg,
                "ctml::dsp::welch<NPerSeg, NOverlap>: NOverlap must be less than NPerSeg");

 public:
  static constexpr std::size_t segment_size = NPerSeg;
  static constexpr std::size_t hop = NPerSeg - NOverlap;
  static constexpr std::size_t num_bins = NPerSeg / 2 + 1;
  /// Memory (ctml::Budgeted, docs/memory.md): window and rfft tables in flash; the running sum, the
  /// segment count and the options are state; the windowed segment and its spectrum are scratch.
  static constexpr std::size_t flash_bytes = sizeof(window<Window, NPerSeg>) + rfft_flash_bytes<NPerSeg>;
  static constexpr std::size_t scratch_bytes =
      sizeof(std::array<float, NPerSeg>) + sizeof(std::array<complex_f32, num_bins>);
  static constexpr std::size_t state_bytes = sizeof(welch) - scratch_bytes;
  static constexpr std::size_t ram_bytes = sizeof(welch);

  constexpr welch() = default;
  constexpr explicit welch(psd_options o)
      : options_{static_cast<float>(o.sample_rate.value), o.scaling, o.detrend} {}

  /// Forgets the segments added so far.
  constexpr void reset() {
    acc_.fill(0.0f);
    count_ = 0;
  }

  /// Adds one segment's |FFT|^2 (detrended and windowed) to the running sum.
  void add_segment(std::span<const float, NPerSeg> segment) {
    // The segment's mean as shift + delta (statistics.hpp): on a large DC offset the deviations
    // (x - x[0]) - delta keep the signal's precision, where x - (a float32 sum / N) left the
    // rounding of the sum in every sample (a DC bin 11 % high for 1000 + a tone + noise).
    detail::shifted_mean m{0.0f, 0.0f};
    if (options_.detrend == detrend_type::constant) m = detail::mean_parts(segment);
    for (std::size_t n = 0; n < NPerSeg; ++n) frame_[n] = ((segment[n] - m.shift) - m.delta) * win_[n];
    rfft<NPerSeg>(frame_, spec_);
    for (std::size_t k = 0; k < num_bins; ++k)
      acc_[k] += spec_[k].re * spec_[k].re + spec_[k].im * spec_[k].im;
    ++count_;
  }

  /// Writes the one-sided PSD averaged over the segments added since reset(); returns their count
  /// (all zeros when none).
  std::size_t read(std::span<float, num_bins> psd) const {
    const float inv = count_ ? scale() / static_cast<float>(count_) : 0.0f;
    for (std::size_t k = 0; k < num_bins; ++k) {
      // One-sided: every bin but DC and Nyquist carries the power of its negative twin too.
      const float twice = (k == 0 || k == num_bins - 1) ? 1.0f : 2.0f;
      psd[k] = acc_[k] * inv * twice;
    }
    return count_;
  }

  /// Welch over a whole signal: segments start at 0, hop, 2 hop, ... while they fit (scipy's
  /// framing; a tail shorter than a segment is ignored). Returns the number of segments; if the
  /// signal is shorter than NPerSeg, returns 0 and writes zeros (scipy would shrink nperseg instead).
  std::size_t compute(std::span<const float> x, std::span<float, num_bins> psd) {
    reset();
    for (std::size_t start = 0; start + NPerSeg <= x.size(); start += hop)
      add_segment(x.subspan(start).template first<NPerSeg>());
    return read(psd);
  }

  /// The same for a signal whose length is a compile-time constant (std::array, C array,
  /// std::span<const float, L>): a signal shorter than one segment stops the build.
  /// Usage: `std::array<float, 1024> x; w.compute(x, psd);`
  template <typename Signal>
  requires(static_extent_v<Signal> != 0) std::size_t
      compute(const Signal& x, std::span<float, num_bins> psd) {
    static_assert(static_extent_v<Signal> >= NPerSeg,
                  "ctml::dsp::welch::compute: the signal is shorter than one segment (NPerSeg samples)");
    return compute(std::span<const float>(x), psd);
  }

  /// Frequency of PSD bin k in Hz.
  constexpr float frequency(std::size_t k) const {
    return static_cast<float>(k) * options_.sample_rate / static_cast<float>(NPerSeg);
  }
  /// The options (the sample rate as the float32 it is kept as).
  constexpr psd_options options() const { return {options_.sample_rate, options_.scaling, options_.detrend}; }

 private:
  static constexpr const auto& win_ = window<Window, NPerSeg>;
  static constexpr double win_sum = [] {
    double s = 0;
    for (std::size_t n = 0; n < NPerSeg; ++n) s += window_value(Window, NPerSeg, n);
    return s;
  }();
  static constexpr double win_sum_sq = [] {
    double s = 0;
    for (std::size_t n = 0; n < NPerSeg; ++n)
      s += window_value(Window, NPerSeg, n) * window_value(Window, NPerSeg, n);
    return s;
  }();
  constexpr float scale() const {
    return options_.scaling == psd_scaling::density
               ? static_cast<float>(1.0 / (static_cast<double>(options_.sample_rate) * win_sum_sq))
               : static_cast<float>(1.0 / (win_sum * win_sum));
  }

  // The options as state: the sample rate in float32 (the PSD is float32), 12 bytes.
  struct stored_options {
    float sample_rate = 1.0f;
    psd_scaling scaling = psd_scaling::density;
    detrend_type detrend = detrend_type::constant;
  };
  stored_options options_{};
  std::array<float, num_bins> acc_{};
  std::array<float, NPerSeg> frame_{};
  std::array<complex_f32, num_bins> spec_{};
  std::size_t count_ = 0;
};

/// Periodogram of exactly N samples (scipy.signal.periodogram with nfft = N; scipy's default
/// window is rectangular ("boxcar")).
/// Usage: `ctml::dsp::periodogram<512> p{{.sample_rate = fs}}; p.compute(x, psd);`
template <std::size_t N, window_type Window = window_type::rectangular>
class periodogram : public welch<N, 0, Window> {
 public:
  using welch<N, 0, Window>::welch;
  std::size_t compute(std::span<const float, N> x, std::span<float, N / 2 + 1> psd) {
    this->reset();
    this->add_segment(x);
    return this->read(psd);
  }
};

}  // namespace ctml::dsp

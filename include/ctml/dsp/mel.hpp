#pragma once
// Mel filterbanks computed at compile time and stored sparsely (first bin, count, weights): the
// TensorFlow/HTK formula, Slaney's, and ONNX MelWeightMatrix's bin-snapped variant.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include <ctml/core/math.hpp>
#include <ctml/core/units.hpp>
#include <ctml/dsp/config.hpp>

namespace ctml::dsp {

/// Which published mel filterbank to reproduce.
enum class mel_style {
  /// tf.signal.linear_to_mel_weight_matrix: mel = 1127 ln(1 + f/700) (HTK), triangles in the mel
  /// domain evaluated at each FFT bin's frequency, DC bin always 0, peak weight 1.
  htk,
  /// Slaney's Auditory Toolbox (librosa's default, htk=False, norm="slaney"): linear below 1 kHz,
  /// logarithmic above, triangles in Hz, each scaled to unit area (2 / band width in Hz).
  slaney,
  /// ONNX MelWeightMatrix: HTK mel points snapped to integer bins floor((N + 1) f / fs), triangles
  /// over bin indices, num_mel + 2 mel steps as the ONNX reference implementation does.
  onnx,
};

/// A mel filterbank's parameters. Pass it to mel_filterbank by reference to an `inline constexpr`
/// object, or write it in place with ctml::dsp::config<[] { return mel_options{...}; }> (float values
/// cannot be template arguments by value on every compiler ctml supports).
struct mel_options {
  std::size_t fft_size;  ///< N of the rfft; the filterbank reads N/2 + 1 bins
  std::size_t num_mel;
  hertz sample_rate;
  double lower_hz;
  double upper_hz;
  mel_style style = mel_style::htk;
};

namespace detail {

constexpr double hz_to_mel_htk(double f) {
  return 1127.0 * math::log(1.0 + f / 700.0);
}

constexpr double slaney_min_log_hz = 1000.0;
constexpr double slaney_f_sp = 200.0 / 3.0;
constexpr double slaney_min_log_mel = slaney_min_log_hz / slaney_f_sp;  // 15
constexpr double slaney_logstep() {
  return math::log(6.4) / 27.0;
}
constexpr double hz_to_mel_slaney(double f) {
  return f >= slaney_min_log_hz ? slaney_min_log_mel + math::log(f / slaney_min_log_hz) / slaney_logstep()
                                : f / slaney_f_sp;
}
constexpr double mel_to_hz_slaney(double m) {
  return m >= slaney_min_log_mel ? slaney_min_log_hz * math::exp(slaney_logstep() * (m - slaney_min_log_mel))
                                 : slaney_f_sp * m;
}

// ONNX's integer bin of mel point i (i = 0 .. num_mel + 1).
constexpr std::size_t onnx_mel_bin(const mel_options& c, std::size_t i) {
  const double lo = 2595.0 * math::log10(1.0 + c.lower_hz / 700.0);
  const double hi = 2595.0 * math::log10(1.0 + c.upper_hz / 700.0);
  const double step = (hi - lo) / static_cast<double>(c.num_mel + 2);
  const double mel = static_cast<double>(i) * step + lo;
  const double hz = 700.0 * (math::pow(10.0, mel / 2595.0) - 1.0);
  return static_cast<std::size_t>(
      math::floor(static_cast<double>(c.fft_size + 1) * hz / c.sample_rate.value));
}

// The filterbank's geometry, computed once per configuration: each bin's position and the
// num_mel + 2 band edges on the axis where the style draws its triangles (mel for HTK, Hz for Slaney,
// bin index for ONNX). Weights are then a few arithmetic operations each, which keeps compile-time
// evaluation well inside the compilers' constexpr step limits.
template <const mel_options& C>
struct mel_grid {
  static constexpr std::size_t bins = C.fft_size / 2 + 1;
  static constexpr std::array<double, bins> positions = [] {
    std::array<double, bins> p{};
    for (std::size_t k = 0; k < bins; ++k) {
      const double f = static_cast<double>(k) * (C.sample_rate.value / 2.0) / static_cast<double>(bins - 1);
      p[k] = C.style == mel_style::htk      ? hz_to_mel_htk(f)
             : C.style == mel_style::slaney ? f
                                            : static_cast<double>(k);
    }
    return p;
  }();
  static constexpr std::array<double, C.num_mel + 2> edges = [] {
    std::array<double, C.num_mel + 2> e{};
    const double lo = C.style == mel_style::slaney ? hz_to_mel_slaney(C.lower_hz) : hz_to_mel_htk(C.lower_hz);
    const double hi = C.style == mel_style::slaney ? hz_to_mel_slaney(C.upper_hz) : hz_to_mel_htk(C.upper_hz);
    const double step = (hi - lo) / static_cast<double>(C.num_mel + 1);
    for (std::size_t i = 0; i < e.size(); ++i) {
      const double mel = lo + step * static_cast<double>(i);
      e[i] = C.style == mel_style::htk      ? mel
             : C.style == mel_style::slaney ? mel_to_hz_slaney(mel)
                                            : static_cast<double>(onnx_mel_bin(C, i));
    }
    return e;
  }();

  /// Weight of FFT bin k in mel band m, double precision.
  static constexpr double weight(std::size_t k, std::size_t m) {
    const double x = positions[k], left = edges[m], center = edges[m + 1], right = edges[m + 2];
    if (C.style == mel_style::onnx) {  // the ONNX reference implementation's integer rules
      if (x < left || x > right) return 0.0;
      if (x == center) return 1.0;
      if (x < center) return (x - left) / (center - left);
      if (x < right) return (right - x) / (right - center);
      return 0.0;
    }
    if (C.style == mel_style::htk && k == 0) return 0.0;  // TF never weights the DC bin
    const double up = (x - left) / (center - left), down = (right - x) / (right - center);
    const double w = up < down ? up : down;
    if (!(w > 0.0)) return 0.0;
    return C.style == mel_style::slaney ? w * 2.0 / (right - left) : w;
  }

  static constexpr std::size_t nonzero_count() {
    std::size_t n = 0;
    for (std::size_t m = 0; m < C.num_mel; ++m) {
      std::size_t first = 0, last = 0;
      bool any = false;
      for (std::size_t k = 0; k < bins; ++k)
        if (weight(k, m) != 0.0) {
          if (!any) first = k;
          any = true;
          last = k;
        }
      n += any ? last - first + 1 : 0;
    }
    return n;
  }
};

struct mel_band {
  std::uint16_t first_bin;  ///< first FFT bin with a non-zero weight
  std::uint16_t count;      ///< number of consecutive bins from first_bin
  std::uint16_t offset;     ///< index of the first weight in the packed weight table
};

}  // namespace detail

/// A mel filterbank as compile-time tables in flash: per band its first bin and bin count, and all
/// non-zero weights packed (for the KWS front end: 40 bands, 247 weights instead of 10,280).
/// Usage:
///   inline constexpr ctml::dsp::mel_options my_mel{.fft_size = 512, .num_mel = 40,
///       .sample_rate = 16000, .lower_hz = 20, .upper_hz = 4000};
///   ctml::dsp::mel_filterbank<my_mel>::apply(magnitudes, mel);   // 257 floats -> 40 floats
template <const mel_options& Config>
struct mel_filterbank {
  static constexpr std::size_t num_bins = Config.fft_size / 2 + 1;
  static constexpr std::size_t num_mel = Config.num_mel;
  static_assert(Config.fft_size >= 4 && Config.fft_size <= 4096 && num_mel >= 1 && num_mel <= 256,
                "ctml::dsp::mel_filterbank<Config>: need 4 <= fft_size <= 4096 and 1 <= num_mel <= 256");
  static_assert(Config.lower_hz >= 0.0 && Config.lower_hz < Config.upper_hz &&
                    Config.upper_hz <= Config.sample_rate.value / 2.0,
                "ctml::dsp::mel_filterbank<Config>: need 0 <= lower_hz < upper_hz <= sample_rate / 2");
  using grid = detail::mel_grid<Config>;
  static constexpr std::size_t num_weights = grid::nonzero_count();

 private:
  struct tables {
    std::array<detail::mel_band, num_mel> bands{};
    std::array<float, num_weights> weights{};
  };
  static constexpr tables make() {
    tables t{};
    std::size_t offset = 0;
    for (std::size_t m = 0; m < num_mel; ++m) {
      std::size_t first = 0, last = 0;
      bool any = false;
      for (std::size_t k = 0; k < num_bins; ++k)
        if (grid::weight(k, m) != 0.0) {
          if (!any) first = k;
          any = true;
          last = k;
        }
      const std::size_t count = any ? last - first + 1 : 0;
      t.bands[m] = {static_cast<std::uint16_t>(first), static_cast<std::uint16_t>(count),
                    static_cast<std::uint16_t>(offset)};
      for (std::size_t j = 0; j < count; ++j)
        t.weights[offset + j] = static_cast<float>(grid::weight(first + j, m));
      offset += count;
    }
    return t;
  }
  static constexpr tables tables_ = make();

 public:
  static constexpr const auto& bands = tables_.bands;
  static constexpr const auto& weights = tables_.weights;
  /// Memory (ctml::Budgeted, docs/memory.md): the band and weight tables in flash, no RAM.
  static constexpr std::size_t flash_bytes = sizeof(tables);
  static constexpr std::size_t state_bytes = 0;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr std::size_t ram_bytes = 0;

  /// Weight of bin k in band m (0 outside the band), from the packed table.
  static constexpr float weight(std::size_t k, std::size_t m) {
    const auto& b = bands[m];
    return k >= b.first_bin && k < b.first_bin + b.count ? weights[b.offset + (k - b.first_bin)] : 0.0f;
  }

  /// out[m] = sum_k spectrum[k] * weight(k, m): the product TensorFlow writes as
  /// tf.tensordot(spectrogram, linear_to_mel_weight_matrix, 1).
  static constexpr void apply(std::span<const float, num_bins> spectrum, std::span<float, num_mel> out) {
    for (std::size_t m = 0; m < num_mel; ++m) {
      const auto& b = bands[m];
      const float* w = weights.data() + b.offset;
      const float* s = spectrum.data() + b.first_bin;
      float acc = 0.0f;
      for (std::size_t j = 0; j < b.count; ++j) acc += s[j] * w[j];
      out[m] = acc;
    }
  }
};

}  // namespace ctml::dsp

#pragma once
// Fixed-point MFCCs: the float pipeline of mfcc.hpp (window, zero-padded rfft, magnitude or power,
// mel filterbank, log(mel + offset), DCT-II) in integer arithmetic only, so every core (with or
// without an FPU) produces the same bytes. Tables are computed at compile time from the same
// mfcc_options as the float class.
//
// Per frame: Q15 samples times a Q31 window (exact 46-bit products), block-normalised by a shift so
// the largest is just below 2^30 and read as Q31 (quiet frames keep their precision; the shift is
// undone in the log domain), rfft_q31 (or rfft_q15, mfcc_fft::q15), |X| as the rounded integer square
// root of the exact 64-bit power (below 2^60) or the exact power itself, rounded per mel band to that
// band's top 30 bits; mel weights as unsigned fixed-point integers with 64-bit accumulation, a
// fixed-point natural log (normalise by count-leading-zeros, 64-entry table of ln and 1/c, 4-term
// series: error below 5e-9), the log offset scaled by the same power of two as the mel energies,
// DCT-II with Q23 coefficients and 64-bit sums. Outputs are int32 Q16.16.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include <ctml/core/math.hpp>
#include <ctml/dsp/fft_q15.hpp>
#include <ctml/dsp/fft_q31.hpp>
#include <ctml/dsp/mfcc.hpp>
#include <ctml/dsp/window.hpp>

namespace ctml::dsp {

namespace detail {

// 1 / sqrt((i + 0.5) / 64) in Q31 for i = 64 .. 255: the start of isqrt_round_u60's Newton steps.
inline constexpr std::array<std::uint32_t, 192> rsqrt_seed = [] {
  std::array<std::uint32_t, 192> t{};
  for (std::size_t i = 0; i < t.size(); ++i)
    t[i] = static_cast<std::uint32_t>(
        math::round(2147483648.0 / math::sqrt((static_cast<double>(i + 64) + 0.5) / 64.0)));
  return t;
}();

// round(sqrt(p)) for p < 2^62 (the MFCC's powers are below 2^60), exact. Multiplications only (Cortex-M0+ has
// no divide): p = M 2^(62 - z) with M in [1, 4); y ~ 1 / sqrt(M) from a 192-entry table (8 bits) and two
// Newton steps y' = y (3 - M y^2) / 2 in Q31 (~28 bits), sqrt(p) ~ M y 2^(31 - z/2), then integer corrections
// make it the exact floor (r^2 <= p < (r + 1)^2) and round it (p - r^2 > r <=> p >= (r + 1/2)^2).
constexpr std::uint32_t isqrt_round_u60(std::uint64_t p) {
  if (p == 0) return 0;
  const int z = std::countl_zero(p) & ~1;                                // >= 2 since p < 2^62
  const std::uint64_t m = p << z;                                        // M in Q62, [2^62, 2^64)
  const std::uint64_t m30 = m >> 32;                                     // M in Q30
  std::uint64_t y = rsqrt_seed[static_cast<std::size_t>(m >> 56) - 64];  // Q31
  for (int it = 0; it < 2; ++it) {
    const std::uint64_t y2 = (y * y) >> 31;          // Q31, <= 2^31
    const std::uint64_t t = (m30 * y2) >> 30;        // M y^2 in Q31, ~2^31
    y = (y * ((std::uint64_t{3} << 31) - t)) >> 32;  // Q31
  }
  std::uint64_t r = ((m30 * y) >> 31) >> (z / 2 - 1);  // sqrt(M) Q30 -> sqrt(p)
  while (r * r > p) --r;
  while ((r + 1) * (r + 1) <= p) ++r;
  return static_cast<std::uint32_t>(p - r * r > r ? r + 1 : r);
}

struct ln_entry {
  std::int64_t ln_c;    // ln(c_i) in Q32, c_i = 1 + (2 i + 1) / 128
  std::uint32_t inv_c;  // 1 / c_i in Q32 (rounded; c_i > 1 so it fits)
};
inline constexpr std::array<ln_entry, 64> ln_table = [] {
  std::array<ln_entry, 64> t{};
  for (std::size_t i = 0; i < 64; ++i) {
    const double c = 1.0 + static_cast<double>(2 * i + 1) / 128.0;
    t[i] = {static_cast<std::int64_t>(math::round(math::log(c) * 4294967296.0)),
            static_cast<std::uint32_t>(math::round(4294967296.0 / c))};
  }
  return t;
}();
inline constexpr std::int64_t ln2_q32 = 2977044472;  // round(ln 2 * 2^32)

// ln(u) in Q32 for u >= 1. u = 2^e m, m in [1, 2); m = c_i (1 + t) with c_i the centre of m's
// 1/64-wide interval, |t| <= 1/129; ln(1 + t) = t - t^2/2 + t^3/3 - t^4/4 (truncation < 6e-12).
// Total error below 5e-9 (mostly e times the rounding of ln 2 in Q32).
constexpr std::int64_t ln_q32(std::uint64_t u) {
  const int z = std::countl_zero(u);
  const int e = 63 - z;
  const std::uint64_t m = u << z;  // Q63 in [1, 2)
  const std::size_t i = static_cast<std::size_t>((m >> 57) & 63);
  const std::int64_t mq32 = static_cast<std::int64_t>(m >> 31);  // Q32 in [2^32, 2^33)
  const std::int64_t c = (std::int64_t{1} << 32) + (static_cast<std::int64_t>(2 * i + 1) << 25);
  const std::int64_t d = mq32 - c;                                                 // |d| <= 2^25
  const std::int64_t t = (d * ln_table[i].inv_c + (std::int64_t{1} << 31)) >> 32;  // Q32
  const std::int64_t t2 = (t * t + (std::int64_t{1} << 31)) >> 32;
  const std::int64_t t3 = (t2 * t + (std::int64_t{1} << 31)) >> 32;
  const std::int64_t t4 = (t2 * t2 + (std::int64_t{1} << 31)) >> 32;
  const std::int64_t series = t - t2 / 2 + t3 / 3 - t4 / 4;
  return e * ln2_q32 + ln_table[i].ln_c + series;
}

}  // namespace detail

/// MFCCs of one frame in fixed point: Q15 samples in, int32 Q16.16 coefficients out (value / 65536
/// approximates the float mfcc<Config> of sample / 32768). Integer arithmetic only: the same bytes on
/// every core. Owns its work buffers (4 fft_size + 8 (fft_size / 2 + 1) + 4 num_mel bytes); no heap.
/// Usage:
///   static ctml::dsp::mfcc_q15<ctml::dsp::kws_mfcc> m;
///   m.compute(frame_q15, coefficients_q16);   // 480 int16 -> 10 int32 (Q16.16)
/// Which fixed-point FFT mfcc_q15 uses: rfft_q31 (the accuracy in docs/dsp.md) or rfft_q15 (several
/// times fewer instructions, Q15's ~50-60 dB below each frame's peak).
enum class mfcc_fft { q31, q15 };

template <const mfcc_options& Config, mfcc_fft Fft = mfcc_fft::q31>
class mfcc_q15 {
 public:
  static constexpr std::size_t frame_length = Config.frame_length;
  static constexpr std::size_t fft_size = Config.mel.fft_size;
  static constexpr std::size_t num_bins = fft_size / 2 + 1;
  static constexpr std::size_t num_mel = Config.mel.num_mel;
  static constexpr std::size_t num_mfcc = Config.num_mfcc;
  static constexpr int frac_bits = 16;      ///< MFCC outputs: Q16.16
  static constexpr int log_frac_bits = 24;  ///< log_mel outputs: Q7.24
  using filterbank = mel_filterbank<Config.mel>;
  static_assert(detail::fft_size_ok<fft_size>,
                "ctml::dsp::mfcc_q15<Config>: Config.mel.fft_size must be a power of two from 16 to 4096");
  static_assert(frame_length >= 1 && frame_length <= fft_size,
                "ctml::dsp::mfcc_q15<Config>: need 1 <= frame_length <= mel.fft_size");
  static_assert(num_mfcc >= 1 && num_mfcc <= num_mel,
                "ctml::dsp::mfcc_q15<Config>: need 1 <= num_mfcc <= num_mel");
  static_assert(Config.log_offset > 0.0f && Config.log_offset < 1.0f,
                "ctml::dsp::mfcc_q15<Config>: need 0 < log_offset < 1 (log of zero is not representable)");

 private:
  static constexpr bool power = Config.spectrum == spectrum_type::power;
  // Largest band and weight decide the weights' fraction bits: count * 2^31 * w_max * 2^wb < 2^62.
  static constexpr std::size_t max_count = [] {
    std::size_t c = 1;
    for (const auto& b : filterbank::bands) c = b.count > c ? b.count : c;
    return c;
  }();
  static constexpr double max_weight = [] {
    double w = 0.0;
    for (float v : filterbank::weights) w = static_cast<double>(v) > w ? static_cast<double>(v) : w;
    return w;
  }();
  static constexpr int weight_bits = [] {
    int wb = 30;
    while (wb > 0 && static_cast<double>(max_count) * 2147483648.0 * max_weight * math::ldexp(1.0, wb) >=
                         math::ldexp(1.0, 62))
      --wb;
    return wb;
  }();
  static_assert(weight_bits >= 8, "ctml::dsp::mfcc_q15<Config>: mel bands too wide for 64-bit accumulation");
  // Weights from the double-precision grid (not the float table), rounded to weight_bits.
  static constexpr std::array<std::uint32_t, filterbank::num_weights> weights_ = [] {
    std::array<std::uint32_t, filterbank::num_weights> t{};
    for (std::size_t m = 0; m < num_mel; ++m) {
      const auto& b = filterbank::bands[m];
      for (std::size_t j = 0; j < b.count; ++j)
        t[b.offset + j] = static_cast<std::uint32_t>(
            math::round(filterbank::grid::weight(b.first_bin + j, m) * math::ldexp(1.0, weight_bits)));
    }
    return t;
  }();
  // mel_int = mel * 2^(e0 + k e) / N^k, e the frame's scale, (k = 1 magnitude, 2 power): magnitudes are
  // |rfft| / N in Q31 (e0 = 31 + weight_bits), powers (|rfft| / N)^2 in Q62 >> 32 (e0 = 30 + weight_bits; a
  // band summed as Q62 >> s adds (s - 32) ln 2, power_bands).
  static constexpr int k_ = power ? 2 : 1;
  static constexpr int e0 = (power ? 30 : 31) + weight_bits;
  static constexpr double n_k =
      power ? static_cast<double>(fft_size) * static_cast<double>(fft_size) : static_cast<double>(fft_size);
  // log(mel) = ln(mel_int) - ln_base - k e ln 2, ln_base = e0 ln 2 - k ln N (Q32).
  static constexpr std::int64_t ln_base_q32 = static_cast<std::int64_t>(
      math::round((static_cast<double>(e0) * math::log(2.0) - math::log(n_k)) * 4294967296.0));
  // The offset in mel_int units at e = 0, with 16 extra fraction bits.
  static constexpr double offset_units = static_cast<double>(Config.log_offset) * math::ldexp(1.0, e0) / n_k;
  static constexpr std::uint64_t offset_q16 = static_cast<std::uint64_t>(math::round(offset_units * 65536.0));
  // The largest scale exponent e whose scaled offset stays below 2^60 (e <= 44: |x w| 2^46 >= 1).
  static constexpr int max_e = [] {
    int e = 44;
    while (e > 0 && offset_units * math::ldexp(1.0, k_ * e) >= math::ldexp(1.0, 60)) --e;
    return e;
  }();
  static_assert(max_e >= 8, "ctml::dsp::mfcc_q15<Config>: log_offset too large for the fixed-point scaling");
  // The window in Q31 (1.0 saturated to 2^31 - 1).
  static constexpr std::array<std::int32_t, frame_length> window_q31_ = [] {
    std::array<std::int32_t, frame_length> t{};
    for (std::size_t n = 0; n < frame_length; ++n) {
      const double v = math::round(window_value(Config.window, frame_length, n) * 2147483648.0);
      t[n] = static_cast<std::int32_t>(v > 2147483647.0 ? 2147483647.0 : v);
    }
    return t;
  }();
  // DCT-II rows in Q23, the float dct2's scaling (dct_norm).
  static constexpr int dct_bits = 23;
  static constexpr std::array<std::int32_t, num_mfcc* num_mel> dct_ = [] {
    std::array<std::int32_t, num_mfcc * num_mel> t{};
    for (std::size_t k = 0; k < num_mfcc; ++k) {
      const double s = Config.dct == dct_norm::none ? 2.0
                       : (Config.dct == dct_norm::ortho && k == 0)
                           ? math::sqrt(1.0 / static_cast<double>(num_mel))
                           : math::sqrt(2.0 / static_cast<double>(num_mel));
      for (std::size_t n = 0; n < num_mel; ++n) {
        const std::size_t a = (k * (2 * n + 1)) % (4 * num_mel);
        t[k * num_mel + n] = static_cast<std::int32_t>(
            math::round(s * math::cospi(static_cast<double>(a) / static_cast<double>(2 * num_mel)) *
                        math::ldexp(1.0, dct_bits)));
      }
    }
    return t;
  }();

 public:
  /// log(mel + log_offset) of one frame in Q7.24 (value / 2^24). Any int16 input is valid; an all-zero
  /// frame gives log(log_offset).
  constexpr void log_mel(std::span<const std::int16_t, frame_length> frame,
                         std::span<std::int32_t, num_mel> out) {
    // Q15 samples times the Q31 window: exact products below 2^46 (a Q15 window's rounding would put
    // a broadband floor ~120 dB below the peak; numpy's pure tones go lower).
    std::uint64_t peak = 0;
    for (std::size_t n = 0; n < frame_length; ++n) {
      const std::int64_t v = std::int64_t{frame[n]} * window_q31_[n];
      peak |= static_cast<std::uint64_t>(v < 0 ? -v : v);
    }
    // Block-normalise: shift by d so the largest |v| is just below 2^30 (the OR of the magnitudes has
    // the largest one's top bit), rounding. Read as Q31, v 2^-d is x w 2^e with e = 15 - d; e is undone
    // in the log domain and capped at max_e (quieter frames are dominated by the log offset anyway).
    int e = peak == 0 ? max_e : 45 - static_cast<int>(std::bit_width(peak));
    e = e > max_e ? max_e : e;
    const int d = 15 - e;
    for (std::size_t n = 0; n < frame_length; ++n) {
      const std::int64_t v = std::int64_t{frame[n]} * window_q31_[n];
      buf_[n] = static_cast<std::int32_t>(d > 0 ? (v + (std::int64_t{1} << (d - 1))) >> d
                                                : v * (std::int64_t{1} << -d));
    }
    if constexpr (Fft == mfcc_fft::q31) {
      for (std::size_t n = frame_length; n < fft_size; ++n) buf_[n] = 0;
      rfft_q31<fft_size>(buf_, spec_);
    } else {
      // Q15 samples at twice the Q31 path's scale (buf_ / 2^30, below 1), rounded; bins are brought
      // back to the Q31 path's units (<< 15) below.
      for (std::size_t n = 0; n < frame_length; ++n) {
        const std::int32_t r = (buf_[n] + (1 << 14)) >> 15;
        x16_[n] = static_cast<std::int16_t>(r > 32767 ? 32767 : r);
      }
      for (std::size_t n = frame_length; n < fft_size; ++n) x16_[n] = 0;
      rfft_q15<fft_size>(x16_, spec_);
    }
    const std::int64_t shift_ln = static_cast<std::int64_t>(k_ * e) * detail::ln2_q32;
    if constexpr (power)
      power_bands(e, shift_ln, out);
    else
      magnitude_bands(e, shift_ln, out);
  }

  /// The first num_mfcc cepstral coefficients of one frame, Q16.16 (value / 65536).
  constexpr void compute(std::span<const std::int16_t, frame_length> frame,
                         std::span<std::int32_t, num_mfcc> out) {
    log_mel(frame, mel_);
    for (std::size_t k = 0; k < num_mfcc; ++k) {
      const std::int32_t* row = dct_.data() + k * num_mel;
      std::int64_t acc = 0;  // |log_mel| < 2^31 Q24, |c| <= 2^24: num_mel <= 256 terms stay below 2^63
      for (std::size_t n = 0; n < num_mel; ++n) acc += static_cast<std::int64_t>(row[n]) * mel_[n];
      constexpr int sh = log_frac_bits + dct_bits - frac_bits;
      const std::int64_t r = (acc + (std::int64_t{1} << (sh - 1))) >> sh;
      out[k] = static_cast<std::int32_t>(r > 2147483647 ? 2147483647
                                                        : (r < -2147483647 - 1 ? -2147483647 - 1 : r));
    }
  }

  /// Memory (ctml::Budgeted, docs/memory.md): the Q31 window, weights, DCT rows, band table, the
  /// square-root and log tables and the rfft's tables in flash; the work buffers are scratch.
  static constexpr std::size_t flash_bytes =
      sizeof(window_q31_) + sizeof(weights_) + sizeof(dct_) + sizeof(filterbank::bands) +
      (power ? 0 : sizeof(detail::rsqrt_seed)) + sizeof(detail::ln_table) +
      (Fft == mfcc_fft::q31 ? rfft_q31_flash_bytes<fft_size> : rfft_q15_flash_bytes<fft_size>);
  static constexpr std::size_t state_bytes = 0;
  static constexpr std::size_t scratch_bytes = sizeof(mfcc_q15);
  static constexpr std::size_t ram_bytes = state_bytes + scratch_bytes;

 private:
  // Magnitudes (Q31 units; |X| / N <= max |v| < 2^30) into buf_, free again; mel sums of them.
  constexpr void magnitude_bands(int e, std::int64_t shift_ln, std::span<std::int32_t, num_mel> out) {
    for (std::size_t k = 0; k < num_bins; ++k)
      buf_[k] = static_cast<std::int32_t>(detail::isqrt_round_u60(power_at(k)));
    const int off_shift = e - 16;
    const std::uint64_t offset = off_shift >= 0
                                     ? offset_q16 << off_shift
                                     : (offset_q16 + (std::uint64_t{1} << (-off_shift - 1))) >> -off_shift;
    for (std::size_t m = 0; m < num_mel; ++m) {
      const auto& b = filterbank::bands[m];
      const std::uint32_t* wt = weights_.data() + b.offset;
      const std::int32_t* x = buf_.data() + b.first_bin;
      std::uint64_t acc = 0;
      for (std::size_t j = 0; j < b.count; ++j) acc += static_cast<std::uint64_t>(x[j]) * wt[j];
      acc += offset;
      const std::int64_t l = (acc == 0 ? 0 : detail::ln_q32(acc)) - ln_base_q32 - shift_ln;
      out[m] = static_cast<std::int32_t>((l + (std::int64_t{1} << 7)) >> 8);  // Q32 -> Q24
    }
  }

  // Powers: the exact 64-bit power of each bin (below 2^60) replaces its bin in spec_ (same size for
  // rfft_q31; for rfft_q15 the 32-bit re^2 + im^2). Each band then takes its own rounding shift s,
  // the smallest that keeps its largest power within 30 bits (and the offset in range), so a weak band
  // keeps 30 significant bits instead of the frame's top 28 (one shift of 32 for the whole frame cost
  // the weak upper bands of a harmonic frame up to 0.054 in log-mel, all of it downwards).
  constexpr void power_bands(int e, std::int64_t shift_ln, std::span<std::int32_t, num_mel> out) {
    for (std::size_t k = 0; k < num_bins; ++k) {
      const std::int64_t re = spec_[k].re, im = spec_[k].im;
      const std::uint64_t p = static_cast<std::uint64_t>(re * re) + static_cast<std::uint64_t>(im * im);
      if constexpr (Fft == mfcc_fft::q31)
        spec_[k] = std::bit_cast<complex_q31>(p);
      else
        spec_[k] = std::bit_cast<complex_q15>(static_cast<std::uint32_t>(p));  // <= 2^31
    }
    // The offset is below 2^61 in the units of p >> s for s >= offset_min_shift: bit_width(offset_q16)
    // + k e + 16 - s <= 61 (mel_int's units are (|X| / N)^2 2^(62 - s + weight_bits + k e)).
    const int offset_min_shift = static_cast<int>(std::bit_width(offset_q16)) + k_ * e - 45;
    for (std::size_t m = 0; m < num_mel; ++m) {
      const auto& b = filterbank::bands[m];
      const std::uint32_t* wt = weights_.data() + b.offset;
      std::uint64_t top = 0;
      for (std::size_t j = 0; j < b.count; ++j) top |= power_at(b.first_bin + j);
      int s = static_cast<int>(std::bit_width(top)) - 30;
      s = s > offset_min_shift ? s : offset_min_shift;
      s = s > 0 ? s : 0;
      // Rounded p >> s <= 2^30: with the weights' bound (count 2^31 w_max 2^weight_bits < 2^62) the
      // sum stays below 2^62, the offset below 2^61.
      const std::uint64_t half = s > 0 ? std::uint64_t{1} << (s - 1) : 0;
      std::uint64_t acc = 0;
      for (std::size_t j = 0; j < b.count; ++j) acc += ((power_at(b.first_bin + j) + half) >> s) * wt[j];
      const int off_shift = k_ * e + 16 - s;
      acc += off_shift >= 0 ? offset_q16 << off_shift
                            : (offset_q16 + (std::uint64_t{1} << (-off_shift - 1))) >> -off_shift;
      const std::int64_t l = (acc == 0 ? 0 : detail::ln_q32(acc)) - ln_base_q32 - shift_ln +
                             static_cast<std::int64_t>(s - 32) * detail::ln2_q32;
      out[m] = static_cast<std::int32_t>((l + (std::int64_t{1} << 7)) >> 8);  // Q32 -> Q24
    }
  }

  // The exact power of bin k: from the spectrum (magnitude configurations) or from the power that
  // power_bands stored in place of the bin.
  constexpr std::uint64_t power_at(std::size_t k) const {
    if constexpr (power) {
      if constexpr (Fft == mfcc_fft::q31)
        return std::bit_cast<std::uint64_t>(spec_[k]);
      else
        return std::uint64_t{std::bit_cast<std::uint32_t>(spec_[k])} << 30;
    } else {
      constexpr int up = Fft == mfcc_fft::q31 ? 0 : 15;
      const std::int64_t re = std::int64_t{spec_[k].re} * (std::int64_t{1} << up),
                         im = std::int64_t{spec_[k].im} * (std::int64_t{1} << up);
      return static_cast<std::uint64_t>(re * re) + static_cast<std::uint64_t>(im * im);
    }
  }

  std::array<std::int32_t, fft_size> buf_{};
  std::array<std::int16_t, Fft == mfcc_fft::q15 ? fft_size : 0> x16_{};
  std::array<std::conditional_t<Fft == mfcc_fft::q31, complex_q31, complex_q15>, num_bins> spec_{};
  std::array<std::int32_t, num_mel> mel_{};
};

}  // namespace ctml::dsp

#pragma once
// Cascades of second-order sections (biquads), scipy.signal.sosfilt's filter: float32 in transposed
// Direct Form II, Q15 and Q31 in Direct Form I with CMSIS-DSP-style coefficient scaling (post-shift)
// and 64-bit accumulation. All keep their state between calls, so a signal fed in chunks of any size
// gives the output of one call (bit for bit).

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>

#include <ctml/core/math.hpp>
#include <ctml/dsp/reference/biquad.hpp>
#include <ctml/dsp/select.hpp>

namespace ctml::dsp {

/// One second-order section, b0 + b1 z^-1 + b2 z^-2 over 1 + a1 z^-1 + a2 z^-2: a row
/// [b0, b1, b2, 1, a1, a2] of scipy's `sos` array. Designed by butterworth.hpp or copied from scipy.
struct sos_section {
  double b0, b1, b2, a1, a2;
};

/// float32 biquad cascade in transposed Direct Form II (two state values per section), equal to
/// scipy.signal.sosfilt within float32 rounding; state carried across calls (sosfilt's zi/zf).
/// Coefficients and state live in the object: 28 bytes per section.
/// Usage:
///   static ctml::dsp::sos_filter<2> lp{ctml::dsp::butter_lowpass<4>(40.0, 1000.0)};
///   lp.process(chunk, filtered);   // any chunk size; in place (same span) is fine
template <std::size_t Sections>
class sos_filter {
  static_assert(Sections >= 1, "ctml::dsp::sos_filter<Sections>: need at least one section");

 public:
  static constexpr std::size_t num_sections = Sections;
  /// Memory (ctml::Budgeted, docs/memory.md): coefficients and state are both in the object.
  static constexpr std::size_t flash_bytes = 0;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr std::size_t state_bytes = sizeof(sos_filter);
  static constexpr std::size_t ram_bytes = state_bytes;

  constexpr explicit sos_filter(const std::array<sos_section, Sections>& sections) {
    for (std::size_t s = 0; s < Sections; ++s)
      c_[s] = {static_cast<float>(sections[s].b0), static_cast<float>(sections[s].b1),
               static_cast<float>(sections[s].b2), static_cast<float>(sections[s].a1),
               static_cast<float>(sections[s].a2)};
  }

  /// Zero state (as sosfilt without zi).
  constexpr void reset() { z_.fill({}); }

  /// Filters one sample.
  constexpr float process(float x) {
    for (std::size_t s = 0; s < Sections; ++s) x = section(s, &x, &x, 1);
    return x;
  }

  /// Filters in[i] into out[i] for every i < in.size() (out.size() >= in.size(); out may be in).
  /// Section after section over the whole chunk, state and coefficients in registers: the same
  /// operations per sample as one sample through all sections, so the same bits.
  constexpr void process(std::span<const float> in, std::span<float> out) {
    const float* src = in.data();
    for (std::size_t s = 0; s < Sections; ++s, src = out.data()) section(s, src, out.data(), in.size());
  }

 private:
  // One section over n samples (y may be x); returns the last output.
  constexpr float section(std::size_t s, const float* x, float* y, std::size_t n) {
    detail::sos_section_impl<target_arch>::run(c_[s].data(), z_[s].data(), x, y, n);
    return n ? y[n - 1] : 0.0f;
  }
  std::array<std::array<float, 5>, Sections> c_{};  // b0, b1, b2, a1, a2
  std::array<std::array<float, 2>, Sections> z_{};  // s1, s2
};

namespace detail {
// Called only when a fixed-point coefficient does not fit: not constexpr, so a constant-evaluated
// constructor (constexpr or constinit filter) stops compiling here.
inline void sos_coefficient_out_of_range_raise_post_shift() {}
}  // namespace detail

/// Fixed-point biquad cascade in Direct Form I (T = std::int16_t: Q15, std::int32_t: Q31), CMSIS-DSP's
/// arm_biquad_cascade_df1_q15 / _q31 arithmetic with one rounding instead of truncation: coefficients
/// are round(c 2^(B - PostShift)) (B = 15 or 31; PostShift = 2 allows |c| < 4, which Butterworth
/// sections with b1 = +-2 need), products exact, summed with the rounding constant (Q15: exactly in 64
/// bits; Q31: modulo 2^64 like CMSIS-DSP's accumulator, which cannot wrap while |b0| + |b1| + |b2| +
/// |a1| + |a2| < 2^(PostShift + 1)), shifted right by B - PostShift and saturated; that output is also
/// what the next section reads. State: x[n-1], x[n-2], y[n-1], y[n-2] per section. Equal to
/// scipy.signal.sosfilt with the quantized coefficients within the rounding noise of the sections
/// (docs/dsp.md); chunked and one-shot outputs are identical. Use the names sos_filter_q15 and
/// sos_filter_q31 below.
template <typename T, std::size_t Sections, int PostShift>
class basic_sos_filter_fixed {
  static_assert(Sections >= 1, "ctml::dsp::sos_filter_q15/q31<Sections>: need at least one section");
  static_assert(PostShift >= 0 && PostShift <= 8,
                "ctml::dsp::sos_filter_q15/q31: PostShift must be from 0 to 8");
  static constexpr int sample_bits = std::is_same_v<T, std::int16_t> ? 15 : 31;

 public:
  static constexpr std::size_t num_sections = Sections;
  static constexpr int coefficient_bits = sample_bits - PostShift;  ///< coefficient c is stored as c * 2^this
  static constexpr std::size_t flash_bytes = 0;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr std::size_t state_bytes = sizeof(basic_sos_filter_fixed);
  static constexpr std::size_t ram_bytes = state_bytes;

  /// Quantizes the sections; a coefficient of magnitude >= 2^PostShift saturates (and stops a
  /// constant-evaluated construction: raise PostShift).
  constexpr explicit basic_sos_filter_fixed(const std::array<sos_section, Sections>& sections) {
    for (std::size_t s = 0; s < Sections; ++s) {
      const double v[5] = {sections[s].b0, sections[s].b1, sections[s].b2, sections[s].a1, sections[s].a2};
      for (std::size_t j = 0; j < 5; ++j) c_[s][j] = quantize(v[j]);
    }
  }

  /// The stored coefficients of section s: b0, b1, b2, a1, a2 times 2^coefficient_bits.
  constexpr const std::array<T, 5>& coefficients(std::size_t s) const { return c_[s]; }

  constexpr void reset() { z_.fill({}); }

  /// Filters one sample.
  constexpr T process(T x) {
    for (std::size_t s = 0; s < Sections; ++s) x = section(s, &x, &x, 1);
    return x;
  }

  /// Filters in[i] into out[i] for every i < in.size() (out.size() >= in.size(); out may be in).
  /// Section after section over the chunk: exact integer arithmetic, so the bits of one sample at a
  /// time through all sections.
  constexpr void process(std::span<const T> in, std::span<T> out) {
    const T* src = in.data();
    for (std::size_t s = 0; s < Sections; ++s, src = out.data()) section(s, src, out.data(), in.size());
  }

 private:
  // One section over n samples (y may be x); returns the last output.
  constexpr T section(std::size_t s, const T* x, T* y, std::size_t n) {
    if constexpr (std::is_same_v<T, std::int16_t>)
      detail::sos_q15_section_impl<target_arch>::run<coefficient_bits>(c_[s].data(), z_[s].data(), x, y, n);
    else
      detail::sos_q31_section_impl<target_arch>::run<coefficient_bits>(c_[s].data(), z_[s].data(), x, y, n);
    return z_[s][2];
  }
  static constexpr T quantize(double c) {
    constexpr double top = math::ldexp(1.0, sample_bits);
    const double q = math::round(c * math::ldexp(1.0, coefficient_bits));
    if (q > top - 1 || q < -top) {
      detail::sos_coefficient_out_of_range_raise_post_shift();
      return q > 0 ? std::numeric_limits<T>::max() : std::numeric_limits<T>::min();
    }
    return static_cast<T>(q);
  }
  std::array<std::array<T, 5>, Sections> c_{};  // b0, b1, b2, a1, a2
  std::array<std::array<T, 4>, Sections> z_{};  // x[n-1], x[n-2], y[n-1], y[n-2]
};

/// Q15 biquad cascade (basic_sos_filter_fixed): arm_biquad_cascade_df1_q15's arithmetic, exact in 64
/// bits. Usage:
///   static ctml::dsp::sos_filter_q15<2> lp{ctml::dsp::butter_lowpass<4>(40_Hz, 1_kHz)};
///   lp.process(chunk_q15, filtered_q15);
template <std::size_t Sections, int PostShift = 2>
using sos_filter_q15 = basic_sos_filter_fixed<std::int16_t, Sections, PostShift>;

/// Q31 biquad cascade (basic_sos_filter_fixed): arm_biquad_cascade_df1_q31's arithmetic (64-bit
/// accumulator), rounded. Usage:
///   static ctml::dsp::sos_filter_q31<2> lp{ctml::dsp::butter_lowpass<4>(40_Hz, 1_kHz)};
///   lp.process(chunk_q31, filtered_q31);
template <std::size_t Sections, int PostShift = 2>
using sos_filter_q31 = basic_sos_filter_fixed<std::int32_t, Sections, PostShift>;

}  // namespace ctml::dsp

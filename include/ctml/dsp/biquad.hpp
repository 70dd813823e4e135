#pragma once
// Cascades of second-order sections (biquads), scipy.signal.sosfilt's filter: float32 in transposed
// Direct Form II, Q15 in Direct Form I with CMSIS-DSP-style coefficient scaling (post-shift) and exact
// 64-bit accumulation. Both keep their state between calls, so a signal fed in chunks of any size
// gives the output of one call (bit for bit).

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

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
// Called only when a Q15 coefficient does not fit: not constexpr, so a constant-evaluated
// constructor (constexpr or constinit filter) stops compiling here.
inline void sos_q15_coefficient_out_of_range_raise_post_shift() {}
}  // namespace detail

/// Q15 biquad cascade in Direct Form I, CMSIS-DSP's arm_biquad_cascade_df1_q15 arithmetic made
/// exact: coefficients are round(c 2^(15 - PostShift)) (PostShift = 2 allows |c| < 4, which Butterworth
/// sections with b1 = ±2 need), products and sums in 64 bits, one rounding (half up) and saturation per
/// section output, which is also what the next section reads. State: x[n-1], x[n-2], y[n-1], y[n-2]
/// per section. Equal to scipy.signal.sosfilt with the quantized coefficients within the rounding
/// noise of the sections (docs/dsp.md); chunked and one-shot outputs are identical.
/// Usage:
///   static ctml::dsp::sos_filter_q15<2> lp{ctml::dsp::butter_lowpass<4>(40.0, 1000.0)};
///   lp.process(chunk_q15, filtered_q15);
template <std::size_t Sections, int PostShift = 2>
class sos_filter_q15 {
  static_assert(Sections >= 1, "ctml::dsp::sos_filter_q15<Sections>: need at least one section");
  static_assert(PostShift >= 0 && PostShift <= 8, "ctml::dsp::sos_filter_q15: PostShift must be from 0 to 8");

 public:
  static constexpr std::size_t num_sections = Sections;
  static constexpr int coefficient_bits = 15 - PostShift;  ///< coefficient c is stored as c * 2^this
  static constexpr std::size_t flash_bytes = 0;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr std::size_t state_bytes = sizeof(sos_filter_q15);
  static constexpr std::size_t ram_bytes = state_bytes;

  /// Quantizes the sections; a coefficient of magnitude >= 2^PostShift saturates (and stops a
  /// constant-evaluated construction: raise PostShift).
  constexpr explicit sos_filter_q15(const std::array<sos_section, Sections>& sections) {
    for (std::size_t s = 0; s < Sections; ++s) {
      const double v[5] = {sections[s].b0, sections[s].b1, sections[s].b2, sections[s].a1, sections[s].a2};
      for (std::size_t j = 0; j < 5; ++j) c_[s][j] = quantize(v[j]);
    }
  }

  /// The stored coefficients of section s: b0, b1, b2, a1, a2 times 2^coefficient_bits.
  constexpr const std::array<std::int16_t, 5>& coefficients(std::size_t s) const { return c_[s]; }

  constexpr void reset() { z_.fill({}); }

  /// Filters one Q15 sample.
  constexpr std::int16_t process(std::int16_t x) {
    for (std::size_t s = 0; s < Sections; ++s) x = section(s, &x, &x, 1);
    return x;
  }

  /// Filters in[i] into out[i] for every i < in.size() (out.size() >= in.size(); out may be in).
  /// Section after section over the chunk: exact integer arithmetic, so the bits of one sample at a
  /// time through all sections.
  constexpr void process(std::span<const std::int16_t> in, std::span<std::int16_t> out) {
    const std::int16_t* src = in.data();
    for (std::size_t s = 0; s < Sections; ++s, src = out.data()) section(s, src, out.data(), in.size());
  }

 private:
  // One section over n samples (y may be x); returns the last output.
  constexpr std::int16_t section(std::size_t s, const std::int16_t* x, std::int16_t* y, std::size_t n) {
    detail::sos_q15_section_impl<target_arch>::run<coefficient_bits>(c_[s].data(), z_[s].data(), x, y, n);
    return z_[s][2];
  }
  static constexpr std::int16_t quantize(double c) {
    const double q = math::round(c * math::ldexp(1.0, coefficient_bits));
    if (q > 32767.0 || q < -32768.0) {
      detail::sos_q15_coefficient_out_of_range_raise_post_shift();
      return static_cast<std::int16_t>(q > 0 ? 32767 : -32768);
    }
    return static_cast<std::int16_t>(q);
  }
  std::array<std::array<std::int16_t, 5>, Sections> c_{};  // b0, b1, b2, a1, a2
  std::array<std::array<std::int16_t, 4>, Sections> z_{};  // x[n-1], x[n-2], y[n-1], y[n-2]
};

}  // namespace ctml::dsp

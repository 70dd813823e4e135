#pragma once
// FIR filters in direct form with streaming state, decimation and polyphase interpolation:
// scipy.signal.lfilter(h, 1, x)[::Decimation] and scipy.signal.upfirdn(h, x, Up, Down), float32 and
// Q15 and Q31. The taps are not copied: they are referenced (a constexpr array stays in flash). Between calls
// the filter keeps the last NumTaps - 1 inputs in a buffer with room for as many more: a
// chunk's first outputs read that buffer with the chunk's first samples appended, the others read
// the chunk itself, so every dot product reads one contiguous block and a block kernel computes
// several outputs per pass over the taps (dsp/reference/fir.hpp, and per architecture).

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include <ctml/dsp/reference/fir.hpp>
#include <ctml/dsp/select.hpp>

namespace ctml::dsp {

namespace detail {
template <typename T, std::size_t N, std::size_t Stride>
constexpr void fir_block(const T* h, const T* w, T* out, std::size_t count) {
  fir_block_impl<target_arch>::run<T, N, Stride>(h, w, out, count);
}
}  // namespace detail

/// FIR filter, y[n] = sum_k taps[k] x[n - k], with streaming state, optionally resampling by Up / Down
/// (polyphase): the output is scipy.signal.upfirdn(taps, x, Up, Down) — x with Up - 1 zeros after each
/// sample, filtered, every Down-th sample kept (for Up = 1: lfilter(taps, 1, x)[::Down]) — and only
/// the kept outputs are computed, each from the taps of its phase (about NumTaps / Up of them).
/// T = float: float32 sums. T = std::int16_t (Q15): Q15 taps times Q15 samples summed exactly in 64
/// bits, then one rounding (half up) and saturation, round(sum / 2^15): the same bits on every core.
/// T = std::int32_t (Q31): CMSIS-DSP's arm_fir_q31 accumulator, exact 64-bit products summed modulo
/// 2^64 (one guard bit: no wrap while sum |taps| < 2), then round half up and saturate, sum / 2^31.
/// Use the names fir, fir_q15, fir_q31, resampler, resampler_q15, resampler_q31 below. The taps are
/// referenced, not copied: they must outlive the filter (a constexpr or static array).
template <typename T, std::size_t NumTaps, std::size_t Up, std::size_t Down>
class basic_fir {
  static_assert(NumTaps >= 1, "ctml::dsp::fir<NumTaps, Decimation>: need at least one tap");
  static_assert(Down >= 1, "ctml::dsp::fir<NumTaps, Decimation>: Decimation must be at least 1");
  static_assert(Up >= 1, "ctml::dsp::resampler<NumTaps, Up, Down>: Up must be at least 1");
  static constexpr std::size_t history = (NumTaps + Up - 1) / Up;  // input samples one output reads

 public:
  static constexpr std::size_t num_taps = NumTaps;
  static constexpr std::size_t interpolation = Up;
  static constexpr std::size_t decimation = Down;
  /// Memory (ctml::Budgeted, docs/memory.md): the taps are the caller's (flash when constexpr); the
  /// doubled history, the output phase and the taps' address are state.
  static constexpr std::size_t flash_bytes = 0;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr std::size_t state_bytes = sizeof(basic_fir);
  static constexpr std::size_t ram_bytes = state_bytes;

  constexpr explicit basic_fir(std::span<const T, NumTaps> filter_taps) : h_(filter_taps) {}

  /// Zero history and phase (as lfilter without zi).
  constexpr void reset() {
    hist_ = {};
    phase_ = 0;
  }

  /// Filters a chunk of any size; writes the outputs it produces (continuing the phase of the
  /// previous call) to out and returns their count, at most (in.size() Up + Down - 1) / Down.
  /// out must not overlap in (the chunk's samples are read after the first outputs are written).
  constexpr std::size_t process(std::span<const T> in, std::span<T> out) {
    const std::size_t n = in.size();
    const std::size_t m = n < lead ? n : lead;
    detail::fir_copy_impl<target_arch>::run(in.data(), hist_.data() + kept, m);
    std::size_t count = outputs(hist_.data(), m, out.data());
    if (n > m) count += outputs(in.data() + m - kept, n - m, out.data() + count);
    if (n >= kept)
      detail::fir_copy_impl<target_arch>::run(in.data() + n - kept, hist_.data(), kept);
    else  // n < kept: the kept inputs end with the chunk, already appended
      for (std::size_t i = 0; i < kept; ++i) hist_[i] = hist_[i + n];
    return count;
  }

 private:
  static constexpr std::size_t kept = history - 1;  // inputs kept between calls
  // Inputs whose outputs read the kept inputs plus the chunk's start: kept rounded up to a multiple
  // of 8, so the block kernels (8 or 4 outputs per pass) leave no remainder on either side.
  static constexpr std::size_t lead = (kept + 7) / 8 * 8;

  // The outputs of `inputs` consecutive inputs whose windows (history samples, oldest first) start
  // at w, w + 1, ...; written from out on; returns their count.
  constexpr std::size_t outputs(const T* w, std::size_t inputs, T* out) {
    std::size_t n = 0;
    if constexpr (Up == 1) {
      const std::size_t first = (Down - phase_) % Down;  // the first input whose output is kept
      if (first < inputs) {
        n = (inputs - 1 - first) / Down + 1;
        detail::fir_block<T, NumTaps, Down>(h_.data(), w + first, out, n);
      }
      phase_ = (phase_ + inputs) % Down;
    } else {
      for (std::size_t j = 0; j < inputs; ++j)
        for (std::size_t p = 0; p < Up; ++p) {
          if (phase_ == 0) out[n++] = dot(w + j, p);
          phase_ = phase_ + 1 == Down ? 0 : phase_ + 1;
        }
    }
    return n;
  }

  // Output phase p of an input: sum over i of taps[(history - 1 - i) Up + p] w[i], w oldest first.
  constexpr T dot(const T* w, std::size_t p) const {
    detail::fir_acc_t<T> acc = 0;
    for (std::size_t i = 0; i < history; ++i) {
      const std::size_t k = (history - 1 - i) * Up + p;
      if (k < NumTaps) acc += detail::fir_mul(h_[k], w[i]);
    }
    return detail::fir_out<T>(acc);
  }

  std::span<const T, NumTaps> h_;
  std::array<T, kept + lead> hist_{};  // [0, kept): the last inputs, oldest first; then the chunk's first
  std::size_t phase_ = 0;
};

/// float32 FIR filter (basic_fir).
/// Usage:
///   static constexpr std::array<float, 31> taps = {...};   // e.g. scipy.signal.firwin(31, 0.2)
///   static ctml::dsp::fir<31, 4> lp{taps};                  // low-pass, then keep every 4th sample
///   std::size_t n = lp.process(chunk, out);                 // out: >= (chunk.size() + 3) / 4 floats
template <std::size_t NumTaps, std::size_t Decimation = 1>
using fir = basic_fir<float, NumTaps, 1, Decimation>;

/// Q15 FIR filter (basic_fir), exact.
/// Usage:
///   static constexpr std::array<std::int16_t, 31> taps = {...};  // round(firwin(31, 0.2) * 32768)
///   static ctml::dsp::fir_q15<31> lp{taps};
///   lp.process(chunk_q15, out_q15);
template <std::size_t NumTaps, std::size_t Decimation = 1>
using fir_q15 = basic_fir<std::int16_t, NumTaps, 1, Decimation>;

/// Q31 FIR filter (basic_fir), optionally decimating: arm_fir_q31 / arm_fir_decimate_q31's arithmetic
/// with rounding instead of truncation; the same bits on every core.
/// Usage:
///   static constexpr std::array<std::int32_t, 31> taps = {...};  // round(firwin(31, 0.2) * 2^31)
///   static ctml::dsp::fir_q31<31, 2> lp{taps};                   // low-pass, keep every 2nd sample
///   std::size_t n = lp.process(chunk_q31, out_q31);
template <std::size_t NumTaps, std::size_t Decimation = 1>
using fir_q31 = basic_fir<std::int32_t, NumTaps, 1, Decimation>;

/// float32 polyphase resampler by Up / Down (basic_fir): scipy.signal.upfirdn(taps, x, Up, Down).
/// The taps are a low-pass at min(1 / Up, 1 / Down) of the Nyquist of the upsampled rate, times Up
/// (the zeros lower the gain by Up), e.g. Up * firwin(N, 1 / max(Up, Down)).
/// Usage:
///   static constexpr std::array<float, 48> taps = {...};  // 3 * firwin(48, 1 / 3)
///   static ctml::dsp::resampler<48, 2, 3> r{taps};       // 48 kHz -> 32 kHz
///   std::size_t n = r.process(chunk, out);               // out: >= (2 chunk.size() + 2) / 3 floats
template <std::size_t NumTaps, std::size_t Up, std::size_t Down = 1>
using resampler = basic_fir<float, NumTaps, Up, Down>;

/// Q15 polyphase resampler (basic_fir), exact.
/// Usage: `static ctml::dsp::resampler_q15<48, 2, 3> r{taps_q15}; r.process(in_q15, out_q15);`
template <std::size_t NumTaps, std::size_t Up, std::size_t Down = 1>
using resampler_q15 = basic_fir<std::int16_t, NumTaps, Up, Down>;

/// Q31 polyphase resampler (basic_fir): fir_q31's arithmetic (arm_fir_interpolate_q31's accumulator,
/// rounded), no wrap while each phase's sum |taps| < 2.
/// Usage: `static ctml::dsp::resampler_q31<48, 2, 3> r{taps_q31}; r.process(in_q31, out_q31);`
template <std::size_t NumTaps, std::size_t Up, std::size_t Down = 1>
using resampler_q31 = basic_fir<std::int32_t, NumTaps, Up, Down>;

}  // namespace ctml::dsp

#pragma once
// FIR filters in direct form with streaming state, decimation and polyphase interpolation:
// scipy.signal.lfilter(h, 1, x)[::Decimation] and scipy.signal.upfirdn(h, x, Up, Down), float32 and
// Q15. The taps are not copied: they are referenced (a constexpr array stays in flash). The input
// samples one output reads are kept in a ring stored twice, so the dot product always reads one
// contiguous block whatever the chunk sizes.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

namespace ctml::dsp {

namespace detail {
// The last L samples, each written at i and i + L, so samples x[n - L + 1] ... x[n] are always
// buf[w + 1 ... w + L] for the w of the latest write.
template <typename T, std::size_t L>
struct fir_history {
  std::array<T, 2 * L> buf{};
  std::size_t w = L - 1;
  constexpr const T* push(T x) {
    w = w + 1 == L ? 0 : w + 1;
    buf[w] = x;
    buf[w + L] = x;
    return buf.data() + w + 1;  // oldest first
  }
};
}  // namespace detail

/// FIR filter, y[n] = sum_k taps[k] x[n - k], with streaming state, optionally resampling by Up / Down
/// (polyphase): the output is scipy.signal.upfirdn(taps, x, Up, Down) — x with Up - 1 zeros after each
/// sample, filtered, every Down-th sample kept (for Up = 1: lfilter(taps, 1, x)[::Down]) — and only
/// the kept outputs are computed, each from the taps of its phase (about NumTaps / Up of them).
/// T = float: float32 sums. T = std::int16_t (Q15): Q15 taps times Q15 samples summed exactly in 64
/// bits, then one rounding (half up) and saturation, round(sum / 2^15): the same bits on every core.
/// Use the names fir, fir_q15, resampler, resampler_q15 below. The taps are referenced, not copied:
/// they must outlive the filter (a constexpr or static array).
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
  constexpr std::size_t process(std::span<const T> in, std::span<T> out) {
    std::size_t n = 0;
    for (T x : in) {
      const T* w = hist_.push(x);
      for (std::size_t p = 0; p < Up; ++p) {
        if (phase_ == 0) out[n++] = dot(w, p);
        phase_ = phase_ + 1 == Down ? 0 : phase_ + 1;
      }
    }
    return n;
  }

 private:
  // Output phase p of the newest input: sum over i of taps[(history - 1 - i) Up + p] w[i], w oldest
  // first (for Up = 1 all taps, in the order of a plain direct form).
  constexpr T dot(const T* w, std::size_t p) const {
    std::conditional_t<std::is_same_v<T, std::int16_t>, std::int64_t, T> acc = 0;
    for (std::size_t i = 0; i < history; ++i) {
      const std::size_t k = (history - 1 - i) * Up + p;
      if (Up == 1 || k < NumTaps) {
        if constexpr (std::is_same_v<T, std::int16_t>)
          acc += std::int32_t{h_[k]} * w[i];  // |h x| < 2^30: exact for any NumTaps below 2^33
        else
          acc += h_[k] * w[i];
      }
    }
    if constexpr (std::is_same_v<T, std::int16_t>) {
      const std::int64_t r = (acc + (1 << 14)) >> 15;
      return static_cast<std::int16_t>(r > 32767 ? 32767 : (r < -32768 ? -32768 : r));
    } else {
      return acc;
    }
  }

  std::span<const T, NumTaps> h_;
  detail::fir_history<T, history> hist_{};
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

}  // namespace ctml::dsp

#pragma once
// FIR filters in direct form with streaming state and optional decimation: scipy.signal.lfilter(h, 1, x)
// (every Decimation-th output, [::Decimation]) for float32 and Q15. The taps are not copied: they are
// referenced (a constexpr array stays in flash), and the last NumTaps samples are kept in a ring
// stored twice, so the dot product always reads one contiguous block whatever the chunk sizes.

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

/// FIR filter, y[n] = sum_k taps[k] x[n - k], with streaming state; with Decimation M it keeps
/// y[0], y[M], y[2M], ... (scipy.signal.lfilter(taps, 1, x)[::M]) and computes only those.
/// T = float: float32 sums. T = std::int16_t (Q15): Q15 taps times Q15 samples summed exactly in 64
/// bits, then one rounding (half up) and saturation, round(sum_k h[k] x[n - k] / 2^15): the same
/// bits on every core. Use the names fir / fir_q15 below. The taps are referenced, not copied: they
/// must outlive the filter (a constexpr or static array).
template <typename T, std::size_t NumTaps, std::size_t Decimation>
class basic_fir {
  static_assert(NumTaps >= 1, "ctml::dsp::fir<NumTaps, Decimation>: need at least one tap");
  static_assert(Decimation >= 1, "ctml::dsp::fir<NumTaps, Decimation>: Decimation must be at least 1");

 public:
  static constexpr std::size_t num_taps = NumTaps;
  static constexpr std::size_t decimation = Decimation;
  /// Memory (ctml::Budgeted, docs/memory.md): the taps are the caller's (flash when constexpr); the
  /// doubled history, the decimation phase and the taps' address are state.
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

  /// Filters a chunk of any size; writes the outputs it produces (all of them, or every
  /// Decimation-th, continuing the phase of the previous call) to out and returns their count.
  /// out needs (in.size() + Decimation - 1) / Decimation values.
  constexpr std::size_t process(std::span<const T> in, std::span<T> out) {
    std::size_t n = 0;
    for (T x : in) {
      const T* w = hist_.push(x);
      if (phase_ == 0) out[n++] = dot(w);
      phase_ = phase_ + 1 == Decimation ? 0 : phase_ + 1;
    }
    return n;
  }

 private:
  constexpr T dot(const T* w) const {
    if constexpr (std::is_same_v<T, std::int16_t>) {
      std::int64_t acc = 0;  // |h x| < 2^30: exact for any NumTaps below 2^33
      for (std::size_t j = 0; j < NumTaps; ++j) acc += std::int32_t{h_[NumTaps - 1 - j]} * w[j];
      const std::int64_t r = (acc + (1 << 14)) >> 15;
      return static_cast<std::int16_t>(r > 32767 ? 32767 : (r < -32768 ? -32768 : r));
    } else {
      T acc = 0;
      for (std::size_t j = 0; j < NumTaps; ++j) acc += h_[NumTaps - 1 - j] * w[j];
      return acc;
    }
  }

  std::span<const T, NumTaps> h_;
  detail::fir_history<T, NumTaps> hist_{};
  std::size_t phase_ = 0;
};

/// float32 FIR filter (basic_fir).
/// Usage:
///   static constexpr std::array<float, 31> taps = {...};   // e.g. scipy.signal.firwin(31, 0.2)
///   static ctml::dsp::fir<31, 4> lp{taps};                  // low-pass, then keep every 4th sample
///   std::size_t n = lp.process(chunk, out);                 // out: >= (chunk.size() + 3) / 4 floats
template <std::size_t NumTaps, std::size_t Decimation = 1>
using fir = basic_fir<float, NumTaps, Decimation>;

/// Q15 FIR filter (basic_fir), exact.
/// Usage:
///   static constexpr std::array<std::int16_t, 31> taps = {...};  // round(firwin(31, 0.2) * 32768)
///   static ctml::dsp::fir_q15<31> lp{taps};
///   lp.process(chunk_q15, out_q15);
template <std::size_t NumTaps, std::size_t Decimation = 1>
using fir_q15 = basic_fir<std::int16_t, NumTaps, Decimation>;

}  // namespace ctml::dsp

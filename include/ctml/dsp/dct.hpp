#pragma once
// DCT-II as a compile-time cosine table (only the K outputs asked for are tabulated).

#include <array>
#include <cstddef>
#include <span>

#include <ctml/core/math.hpp>
#include <ctml/dsp/reference/dct.hpp>
#include <ctml/dsp/select.hpp>

namespace ctml::dsp {

/// Output scaling of the DCT-II y_k = s_k sum_n x_n cos(pi k (2n + 1) / (2N)).
enum class dct_norm {
  ortho,       ///< s_0 = sqrt(1/N), s_k = sqrt(2/N): scipy.fft.dct(x, type=2, norm="ortho")
  tensorflow,  ///< s_k = sqrt(2/N) for every k: tf.signal.mfccs_from_log_mel_spectrograms
  none,        ///< s_k = 2: scipy.fft.dct(x, type=2) and tf.signal.dct(x, type=2)
};

/// The first K coefficients of an N-point DCT-II, table K x N floats in flash.
/// Usage: `ctml::dsp::dct2<40, 10>::apply(log_mel, mfcc);`
template <std::size_t N, std::size_t K = N, dct_norm Norm = dct_norm::ortho>
struct dct2 {
  static_assert(N >= 1 && K >= 1 && K <= N && N * K <= 65536,
                "ctml::dsp::dct2<N, K>: need 1 <= K <= N and a table of at most 65536 entries");

  static constexpr std::array<float, K* N> table = [] {
    std::array<float, K * N> t{};
    for (std::size_t k = 0; k < K; ++k) {
      const double s = Norm == dct_norm::none                ? 2.0
                       : (Norm == dct_norm::ortho && k == 0) ? math::sqrt(1.0 / static_cast<double>(N))
                                                             : math::sqrt(2.0 / static_cast<double>(N));
      for (std::size_t n = 0; n < N; ++n) {
        // cos(pi k (2n + 1) / 2N) with the argument reduced mod 4N so cospi stays exact and fast.
        const std::size_t a = (k * (2 * n + 1)) % (4 * N);
        t[k * N + n] =
            static_cast<float>(s * math::cospi(static_cast<double>(a) / static_cast<double>(2 * N)));
      }
    }
    return t;
  }();
  /// Memory (ctml::Budgeted, docs/memory.md): the table in flash, no RAM.
  static constexpr std::size_t flash_bytes = sizeof(table);
  static constexpr std::size_t state_bytes = 0;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr std::size_t ram_bytes = 0;

  static constexpr void apply(std::span<const float, N> x, std::span<float, K> y) {
    detail::dct_impl<target_arch>::run<N, K>(table.data(), x.data(), y.data());
  }
};

}  // namespace ctml::dsp

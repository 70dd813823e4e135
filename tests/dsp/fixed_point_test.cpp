// Fixed-point transforms and statistics vs numpy float64 results of the same integer inputs
// (value / 2^15 or / 2^31): irfft_q15, complex fft_q15/ifft_q15, the Q31 FFTs, and Q15 mean,
// variance and standard deviation. SNR floors are asserted (docs/dsp.md states them).
// Data: tests/dsp/data/fixed.bin, written by tools/gen_dsp/gen_dsp_reference.py (gen_fixed).
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <ctml/dsp/fft_q15.hpp>
#include <ctml/dsp/fft_q31.hpp>
#include <ctml/dsp/statistics.hpp>

#include "ref_data.hpp"

using ctml::dsp::complex_q15;
using ctml::dsp::complex_q31;

namespace {
const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("fixed.bin");
  return f;
}

// 10 log10(signal power / error power) of out[i] / full_scale against ref[i] * scale.
struct snr_acc {
  double sig = 0, err = 0;
  void add(double got, double want) {
    sig += want * want;
    err += (got - want) * (got - want);
  }
  double db() const { return 10.0 * std::log10(sig / std::fmax(err, 1e-300)); }
};

constexpr double q15_one = 32768.0;
constexpr double q31_one = 2147483648.0;

template <std::size_t N>
void check_irfft_q15() {
  for (const std::string sig : {"noise", "tones", "unit"}) {
    const std::string p = "irfft_q15/" + std::to_string(N) + "/" + sig + "/";
    const auto spec_in = data()[p + "X"].as<std::int16_t>();
    const auto& ref = data()[p + "x"];
    std::array<complex_q15, N / 2 + 1> spec{};
    for (std::size_t k = 0; k < spec.size(); ++k) spec[k] = {spec_in[2 * k], spec_in[2 * k + 1]};
    std::array<std::int16_t, N> out{};
    ctml::dsp::irfft_q15<N>(spec, out);
    snr_acc a;
    for (std::size_t n = 0; n < N; ++n) a.add(out[n] / q15_one, ref[n]);
    std::printf("irfft_q15 N=%-5zu %-6s SNR %.1f dB\n", N, sig.c_str(), a.db());
    std::fflush(stdout);
    // Measured 34.6-62.9 dB (docs/dsp.md). 1/N scaling leaves few bits in the outputs at large N: three
    // fixed tones lose 6 dB per doubling of N, noise-like spectra 3 dB.
    const double k = std::log2(N) - 8;
    const double lim = sig == "noise" ? 51.0 - 2.5 * k : sig == "tones" ? 45.5 - 6.0 * k : 61.0 - 3.0 * k;
    CHECK_MESSAGE(a.db() >= lim, p << " SNR " << a.db());
  }
}

template <std::size_t N>
void check_rfft_q31() {
  for (const std::string sig : {"white", "sine_between", "full_scale", "near_silent"}) {
    const std::string p = "rfft_q31/" + std::to_string(N) + "/" + sig + "/";
    const auto x = data()[p + "x"].as<std::int32_t>();
    const auto& ref = data()[p + "X"];
    std::array<std::int32_t, N> in{};
    std::copy(x.begin(), x.end(), in.begin());
    std::array<complex_q31, N / 2 + 1> out{};
    ctml::dsp::rfft_q31<N>(in, out);
    snr_acc a;
    for (std::size_t k = 0; k < out.size(); ++k) {
      a.add(out[k].re / q31_one, ref[2 * k] / N);
      a.add(out[k].im / q31_one, ref[2 * k + 1] / N);
    }
    std::printf("rfft_q31  N=%-5zu %-13s SNR %.1f dB\n", N, sig.c_str(), a.db());
    std::fflush(stdout);
    // near_silent (sigma 1e-6, ~2^11 LSB) has ~20 bits less signal than the others.
    const double lim = (sig == "near_silent" ? 40.0 : 140.0) - 3.0 * (std::log2(N) - 8);
    CHECK_MESSAGE(a.db() >= lim, p << " SNR " << a.db());

    // Round trip: irfft_q31(rfft_q31(x)) = x / N, compared with numpy's x / N.
    std::array<std::int32_t, N> back{};
    ctml::dsp::irfft_q31<N>(out, back);
    snr_acc r;
    for (std::size_t n = 0; n < N; ++n) r.add(back[n] / q31_one, x[n] / q31_one / N);
    if (sig != "near_silent")
      CHECK_MESSAGE(r.db() >= 120.0 - 5.0 * (std::log2(N) - 8), p << " round trip SNR " << r.db());
  }
  for (const std::string sig : {"noise", "unit"}) {
    const std::string p = "irfft_q31/" + std::to_string(N) + "/" + sig + "/";
    const auto spec_in = data()[p + "X"].as<std::int32_t>();
    const auto& ref = data()[p + "x"];
    std::array<complex_q31, N / 2 + 1> spec{};
    for (std::size_t k = 0; k < spec.size(); ++k) spec[k] = {spec_in[2 * k], spec_in[2 * k + 1]};
    std::array<std::int32_t, N> out{};
    ctml::dsp::irfft_q31<N>(spec, out);
    snr_acc a;
    for (std::size_t n = 0; n < N; ++n) a.add(out[n] / q31_one, ref[n]);
    std::printf("irfft_q31 N=%-5zu %-13s SNR %.1f dB\n", N, sig.c_str(), a.db());
    std::fflush(stdout);
    CHECK_MESSAGE(a.db() >= 140.0 - 3.0 * (std::log2(N) - 8), p << " SNR " << a.db());
  }
}

template <std::size_t N>
void check_cfft() {
  const std::string p = "cfft_q15/" + std::to_string(N) + "/";
  {
    const auto x = data()[p + "x"].as<std::int16_t>();
    std::array<complex_q15, N> f{}, b{};
    for (std::size_t n = 0; n < N; ++n) f[n] = b[n] = {x[2 * n], x[2 * n + 1]};
    ctml::dsp::fft_q15<N>(f);
    ctml::dsp::ifft_q15<N>(b);
    snr_acc a, c;
    for (std::size_t n = 0; n < N; ++n) {
      a.add(f[n].re / q15_one, data()[p + "X"][2 * n] / N);
      a.add(f[n].im / q15_one, data()[p + "X"][2 * n + 1] / N);
      c.add(b[n].re / q15_one, data()[p + "ifft_x"][2 * n]);
      c.add(b[n].im / q15_one, data()[p + "ifft_x"][2 * n + 1]);
    }
    std::printf("fft_q15   N=%-5zu SNR %.1f dB, ifft_q15 %.1f dB\n", N, a.db(), c.db());
    std::fflush(stdout);
    const double lim = 53.0 - 2.5 * (std::log2(N) - 8);
    CHECK_MESSAGE(a.db() >= lim, p << " fft SNR " << a.db());
    CHECK_MESSAGE(c.db() >= lim, p << " ifft SNR " << c.db());
  }
  {
    const std::string p31 = "cfft_q31/" + std::to_string(N) + "/";
    const auto x = data()[p31 + "x"].as<std::int32_t>();
    std::array<complex_q31, N> f{}, b{};
    for (std::size_t n = 0; n < N; ++n) f[n] = b[n] = {x[2 * n], x[2 * n + 1]};
    ctml::dsp::fft_q31<N>(f);
    ctml::dsp::ifft_q31<N>(b);
    snr_acc a, c;
    for (std::size_t n = 0; n < N; ++n) {
      a.add(f[n].re / q31_one, data()[p31 + "X"][2 * n] / N);
      a.add(f[n].im / q31_one, data()[p31 + "X"][2 * n + 1] / N);
      c.add(b[n].re / q31_one, data()[p31 + "ifft_x"][2 * n]);
      c.add(b[n].im / q31_one, data()[p31 + "ifft_x"][2 * n + 1]);
    }
    std::printf("fft_q31   N=%-5zu SNR %.1f dB, ifft_q31 %.1f dB\n", N, a.db(), c.db());
    std::fflush(stdout);
    const double lim = 148.0 - 3.0 * (std::log2(N) - 8);
    CHECK_MESSAGE(a.db() >= lim, p31 << " fft SNR " << a.db());
    CHECK_MESSAGE(c.db() >= lim, p31 << " ifft SNR " << c.db());
  }
}
}  // namespace

TEST_CASE("irfft_q15: SNR vs numpy.fft.irfft above the documented floors") {
  std::printf("%s\n", data().provenance().c_str());  // (an INFO of it crashes doctest when a check fails)
  check_irfft_q15<256>();
  check_irfft_q15<512>();
  check_irfft_q15<1024>();
}

TEST_CASE("irfft_q15 inverts rfft_q15 up to the 1/N scaling") {
  std::array<std::int16_t, 64> x{};
  for (std::size_t n = 0; n < x.size(); ++n) x[n] = static_cast<std::int16_t>((n % 7) * 4096 - 12000);
  std::array<complex_q15, 33> spec{};
  ctml::dsp::rfft_q15<64>(x, spec);
  std::array<std::int16_t, 64> back{};
  ctml::dsp::irfft_q15<64>(spec, back);
  for (std::size_t n = 0; n < x.size(); ++n) CHECK(std::abs(back[n] - x[n] / 64.0) <= 3.0);
  // Unit DC of both signs: the extreme values stay in range (1.0 saturates to 32767).
  std::array<complex_q15, 33> dc{};
  dc[0] = {-32768, 0};
  ctml::dsp::irfft_q15<64>(dc, back);
  CHECK(back[0] == -512);  // -1 / 64
}

TEST_CASE("Q31 rfft/irfft/fft/ifft: SNR vs numpy above the documented floors") {
  std::printf("%s\n", data().provenance().c_str());  // (an INFO of it crashes doctest when a check fails)
  check_rfft_q31<256>();
  check_rfft_q31<1024>();
  check_cfft<64>();
  check_cfft<512>();
}

TEST_CASE("Q15 mean, variance (Q30) and standard deviation vs numpy float64") {
  for (const char* sig : {"sine_bin", "sine_between", "chirp", "white", "pink", "impulse", "dc", "full_scale",
                          "near_silent", "skewed"}) {
    const std::string p = std::string("stats_q15/") + sig + "/";
    INFO(p);
    const auto x = data()[p + "x"].as<std::int16_t>();
    // Exact sums, one rounding: within 0.5 LSB (plus float64 noise in the reference).
    CHECK(std::fabs(ctml::dsp::mean_q15(x) - data()[p + "mean"][0] * q15_one) <= 0.5 + 1e-9);
    CHECK(std::fabs(ctml::dsp::variance_q15(x) - data()[p + "var"][0] * (1 << 30)) <= 0.5 + 1e-6);
    CHECK(std::fabs(ctml::dsp::stddev_q15(x) - data()[p + "std"][0] * q15_one) <= 0.5 + 1e-6);
  }
}

namespace {
// The 96-bit-free variance against the direct formula round((n q - s^2) / n^2), which fits 64 bits
// for these short inputs.
constexpr bool variance_matches_direct() {
  std::uint32_t seed = 99;
  for (std::size_t n = 1; n <= 40; ++n)
    for (int amp = 0; amp < 16; amp += 3) {
      std::array<std::int16_t, 40> x{};
      std::int64_t s = 0, q = 0;
      for (std::size_t i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        x[i] = static_cast<std::int16_t>((static_cast<std::int32_t>(seed >> 16) - 32768) >> amp);
        if (amp == 15) x[i] = static_cast<std::int16_t>(i % 3 == 0 ? -32768 : 32767);
        s += x[i];
        q += std::int64_t{x[i]} * x[i];
      }
      const auto sn = static_cast<std::int64_t>(n);
      const std::int64_t num = 2 * (sn * q - s * s) + sn * sn, den = 2 * sn * sn;
      if (ctml::dsp::variance_q15(std::span<const std::int16_t>(x).first(n)) != num / den) return false;
      const std::int64_t mnum = 2 * s + sn;
      const std::int64_t mean = mnum >= 0 ? mnum / (2 * sn) : -((-mnum + 2 * sn - 1) / (2 * sn));
      if (ctml::dsp::mean_q15(std::span<const std::int16_t>(x).first(n)) != mean) return false;
    }
  return true;
}
}  // namespace

TEST_CASE("variance_q15 equals the exact rounded (n q - s^2) / n^2; edge cases") {
  static_assert(variance_matches_direct());
  static_assert(ctml::dsp::variance_q15(std::span<const std::int16_t>{}) == 0);
  static_assert(ctml::dsp::mean_q15(std::span<const std::int16_t>{}) == 0);
  constexpr std::array<std::int16_t, 4> c{-32768, -32768, -32768, -32768};
  static_assert(ctml::dsp::variance_q15(c) == 0 && ctml::dsp::mean_q15(c) == -32768);
  constexpr std::array<std::int16_t, 2> pm{-32768, 32767};   // variance (2^15 - 1/2)^2 / 2^30 ~ 1
  static_assert(ctml::dsp::variance_q15(pm) == 1073709056);  // 32767.5^2 rounded
  static_assert(ctml::dsp::stddev_q15(pm) == 32767);
  constexpr std::array<std::int16_t, 3> half{1, 2, 2};  // mean 5/3 -> 2; var 2/9 -> 0
  static_assert(ctml::dsp::mean_q15(half) == 2 && ctml::dsp::variance_q15(half) == 0);
}

// Q15 FFT bit-exactness across targets: the compile-time evaluation (the host compiler's constant
// evaluator, which rejects any UB and does not depend on the target) must equal the run-time result
// on whatever core runs this test (host, or Cortex-M under QEMU in a cross build). No data files.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <utility>

#include <doctest/doctest.h>

#include <ctml/dsp/fft_q15.hpp>
#include <ctml/dsp/fft_q31.hpp>
#include <ctml/dsp/kws_frontend.hpp>
#include <ctml/dsp/mfcc_q15.hpp>
#include <ctml/dsp/statistics.hpp>

using ctml::dsp::complex_q15;

namespace {
constexpr std::array<std::int16_t, 256> noise() {
  std::array<std::int16_t, 256> x{};
  std::uint32_t s = 12345;
  for (auto& v : x) {
    s = s * 1664525u + 1013904223u;
    v = static_cast<std::int16_t>(static_cast<std::int32_t>(s >> 16) - 32768);  // full-scale noise
  }
  return x;
}
}  // namespace

TEST_CASE("rfft_q15, fft_q15, ifft_q15 and rms_q15: run time equals compile time, bit for bit") {
  constexpr auto input = noise();
  constexpr auto rfft_ct = [&] {
    std::array<complex_q15, 129> out{};
    ctml::dsp::rfft_q15<256>(input, out);
    return out;
  }();
  constexpr auto fft_ct = [&] {
    std::array<complex_q15, 128> z{};
    for (std::size_t n = 0; n < 128; ++n) z[n] = {input[2 * n], input[2 * n + 1]};
    ctml::dsp::fft_q15<128>(z);
    ctml::dsp::ifft_q15<128>(z);
    return z;
  }();
  constexpr std::int16_t rms_ct = ctml::dsp::rms_q15(input);
  constexpr std::int16_t rms_odd_ct = ctml::dsp::rms_q15(std::span<const std::int16_t>(input).first(255));

  // volatile: keep the optimiser from folding the run-time calls into constants.
  static volatile std::int16_t sink = 0;
  std::array<std::int16_t, 256> in{};
  for (std::size_t n = 0; n < 256; ++n) {
    sink = input[n];
    in[n] = sink;
  }
  std::array<complex_q15, 129> rfft_rt{};
  ctml::dsp::rfft_q15<256>(in, rfft_rt);
  CHECK(rfft_rt == rfft_ct);
  std::array<complex_q15, 128> z{};
  for (std::size_t n = 0; n < 128; ++n) z[n] = {in[2 * n], in[2 * n + 1]};
  ctml::dsp::fft_q15<128>(z);
  ctml::dsp::ifft_q15<128>(z);
  CHECK(z == fft_ct);
  CHECK(ctml::dsp::rms_q15(in) == rms_ct);  // the Arm DSP path (SMLALD) on Cortex-M4
  CHECK(ctml::dsp::rms_q15(std::span<const std::int16_t>(in).first(255)) == rms_odd_ct);

  // A buffer that is not word-aligned (the Helium path needs word alignment and falls back) gives the
  // same bits.
  alignas(4) static std::array<complex_q15, 130> shifted{};
  ctml::dsp::rfft_q15<256>(in, std::span<complex_q15, 129>(shifted.data() + 1, 129));
  CHECK(std::equal(rfft_rt.begin(), rfft_rt.end(), shifted.begin() + 1));
  for (std::size_t n = 0; n < 128; ++n) shifted[n + 1] = {in[2 * n], in[2 * n + 1]};
  ctml::dsp::fft_q15<128>(std::span<complex_q15, 128>(shifted.data() + 1, 128));
  ctml::dsp::ifft_q15<128>(std::span<complex_q15, 128>(shifted.data() + 1, 128));
  CHECK(std::equal(fft_ct.begin(), fft_ct.end(), shifted.begin() + 1));

  // Full-scale extremes saturate instead of wrapping: a constant -32768 gives DC = -1.0.
  in.fill(-32768);
  ctml::dsp::rfft_q15<256>(in, rfft_rt);
  CHECK(rfft_rt[0].re == -32768);
  CHECK(rfft_rt[1].re == 0);
  in.fill(32767);
  ctml::dsp::rfft_q15<256>(in, rfft_rt);
  CHECK(rfft_rt[0].re == 32767);
}

namespace {
// FNV-1a over the outputs of rfft_q15, fft_q15 and ifft_q15 for LCG inputs at four amplitudes
// (full scale down to 1/8, complex inputs up to |x| = sqrt 2, so saturation is exercised too).
template <std::size_t N>
std::uint64_t q15_hash(std::uint32_t seed, int amp_shift) {
  static std::array<std::int16_t, N> x{};
  static std::array<complex_q15, N> z{}, z2{};
  static std::array<complex_q15, N / 2 + 1> spec{};
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::int16_t v) { h = (h ^ static_cast<std::uint16_t>(v)) * 1099511628211ull; };
  std::uint32_t s = seed;
  for (std::size_t n = 0; n < N; ++n) {
    s = s * 1664525u + 1013904223u;
    x[n] = static_cast<std::int16_t>((static_cast<std::int32_t>(s >> 16) - 32768) >> amp_shift);
    s = s * 1664525u + 1013904223u;
    z[n] = {x[n], static_cast<std::int16_t>((static_cast<std::int32_t>(s >> 16) - 32768) >> amp_shift)};
  }
  z2 = z;
  ctml::dsp::rfft_q15<N>(x, spec);
  ctml::dsp::fft_q15<N>(z);
  ctml::dsp::ifft_q15<N>(z2);
  for (const auto& c : spec) mix(c.re), mix(c.im);
  for (const auto& c : z) mix(c.re), mix(c.im);
  for (const auto& c : z2) mix(c.re), mix(c.im);
  return h;
}
}  // namespace

TEST_CASE("Q15 FFTs: the same bits on every target (hash of many transforms)") {
  // The expected value is the portable C++ path's result on the host (the oracle for the Arm
  // DSP-extension path, which uses SSAT/SMUAD/SMUSDX on Cortex-M4/M7/M33). If the portable code is
  // changed on purpose, update it from the host run of this test.
  std::uint64_t h = 0;
  for (std::uint32_t seed = 1; seed <= 6; ++seed)
    for (int a = 0; a < 4; ++a)
      h ^= q15_hash<16>(seed, a) * 3 + q15_hash<256>(seed, a) * 7 + q15_hash<2048>(seed, a) * 13;
  CHECK(h == 0xc0b6e522896ba763ULL);
}

namespace {
// The newer fixed-point paths: irfft_q15, the Q31 transforms and the Q15 mean/variance/std, on LCG
// inputs at four amplitudes (Q31 complex inputs up to |x| = sqrt 2: saturation is exercised too).
template <std::size_t N>
std::uint64_t fixed_hash(std::uint32_t seed, int amp_shift) {
  static std::array<std::int16_t, N> x{}, y{};
  static std::array<std::int32_t, N> x31{}, y31{};
  static std::array<complex_q15, N / 2 + 1> spec{};
  static std::array<ctml::dsp::complex_q31, N / 2 + 1> spec31{};
  static std::array<ctml::dsp::complex_q31, N> z{}, z2{};
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::uint32_t v) { h = (h ^ v) * 1099511628211ull; };
  auto next = [s = seed]() mutable {
    s = s * 1664525u + 1013904223u;
    return s;
  };
  for (std::size_t n = 0; n < N; ++n) {
    x[n] = static_cast<std::int16_t>((static_cast<std::int32_t>(next() >> 16) - 32768) >> amp_shift);
    x31[n] = static_cast<std::int32_t>(next()) >> amp_shift;
    z[n] = {x31[n], static_cast<std::int32_t>(next()) >> amp_shift};
  }
  for (std::size_t k = 0; k <= N / 2; ++k) {  // random Q15 spectra, both parts up to full scale
    spec[k] = {static_cast<std::int16_t>((static_cast<std::int32_t>(next() >> 16) - 32768) >> amp_shift),
               static_cast<std::int16_t>((static_cast<std::int32_t>(next() >> 16) - 32768) >> amp_shift)};
  }
  z2 = z;
  ctml::dsp::irfft_q15<N>(spec, y);
  ctml::dsp::rfft_q31<N>(x31, spec31);
  for (const auto& c : spec31) mix(static_cast<std::uint32_t>(c.re)), mix(static_cast<std::uint32_t>(c.im));
  ctml::dsp::irfft_q31<N>(spec31, y31);
  ctml::dsp::fft_q31<N>(z);
  ctml::dsp::ifft_q31<N>(z2);
  for (auto v : y) mix(static_cast<std::uint16_t>(v));
  for (auto v : y31) mix(static_cast<std::uint32_t>(v));
  for (const auto& c : z) mix(static_cast<std::uint32_t>(c.re)), mix(static_cast<std::uint32_t>(c.im));
  for (const auto& c : z2) mix(static_cast<std::uint32_t>(c.re)), mix(static_cast<std::uint32_t>(c.im));
  for (std::size_t len : {std::size_t{1}, std::size_t{7}, N - 1, N}) {
    const std::span<const std::int16_t> s(x.data(), len);
    mix(static_cast<std::uint16_t>(ctml::dsp::mean_q15(s)));
    mix(static_cast<std::uint32_t>(ctml::dsp::variance_q15(s)));
    mix(static_cast<std::uint16_t>(ctml::dsp::stddev_q15(s)));
    mix(static_cast<std::uint16_t>(ctml::dsp::rms_q15(s)));
  }
  return h;
}
}  // namespace

TEST_CASE("irfft_q15, Q31 FFTs, Q15 statistics: run time equals compile time, bit for bit") {
  constexpr auto input = noise();
  constexpr auto ct = [&] {
    std::array<complex_q15, 65> spec{};
    for (std::size_t k = 0; k < spec.size(); ++k) spec[k] = {input[2 * k], input[2 * k + 1]};
    std::array<std::int16_t, 128> y{};
    ctml::dsp::irfft_q15<128>(spec, y);
    std::array<std::int32_t, 64> x31{};
    for (std::size_t n = 0; n < 64; ++n) x31[n] = input[n] * 65536 + input[n + 64];
    std::array<ctml::dsp::complex_q31, 33> s31{};
    ctml::dsp::rfft_q31<64>(x31, s31);
    std::array<std::int32_t, 64> y31{};
    ctml::dsp::irfft_q31<64>(s31, y31);
    return std::pair{y, y31};
  }();
  static volatile std::int16_t sink = 0;
  std::array<std::int16_t, 256> in{};
  for (std::size_t n = 0; n < 256; ++n) {
    sink = input[n];
    in[n] = sink;
  }
  std::array<complex_q15, 65> spec{};
  for (std::size_t k = 0; k < spec.size(); ++k) spec[k] = {in[2 * k], in[2 * k + 1]};
  std::array<std::int16_t, 128> y{};
  ctml::dsp::irfft_q15<128>(spec, y);
  CHECK(y == ct.first);
  std::array<std::int32_t, 64> x31{};
  for (std::size_t n = 0; n < 64; ++n) x31[n] = in[n] * 65536 + in[n + 64];
  std::array<ctml::dsp::complex_q31, 33> s31{};
  ctml::dsp::rfft_q31<64>(x31, s31);
  std::array<std::int32_t, 64> y31{};
  ctml::dsp::irfft_q31<64>(s31, y31);
  CHECK(y31 == ct.second);
  constexpr std::int32_t var_ct = ctml::dsp::variance_q15(input);
  constexpr std::int16_t mean_ct = ctml::dsp::mean_q15(input), sd_ct = ctml::dsp::stddev_q15(input);
  CHECK(ctml::dsp::variance_q15(in) == var_ct);
  CHECK(ctml::dsp::mean_q15(in) == mean_ct);
  CHECK(ctml::dsp::stddev_q15(in) == sd_ct);
}

TEST_CASE("irfft_q15, Q31 FFTs, Q15 statistics: the same bits on every target (hash)") {
  // Expected: the portable path's result on the host; update it only when the portable code changes.
  std::uint64_t h = 0;
  for (std::uint32_t seed = 1; seed <= 3; ++seed)
    for (int a = 0; a < 4; ++a)
      h ^= fixed_hash<16>(seed, a) * 3 + fixed_hash<256>(seed, a) * 7 + fixed_hash<1024>(seed, a) * 13;
  CHECK(h == 0x4378e84f862c5762ULL);
}

namespace {
// A second fixed-point MFCC configuration: power spectrum, orthonormal DCT, N = 256, 13 outputs.
inline constexpr ctml::dsp::mel_options mfcc256_mel{
    .fft_size = 256, .num_mel = 24, .sample_rate = 8000.0, .lower_hz = 50.0, .upper_hz = 3500.0};
inline constexpr ctml::dsp::mfcc_options mfcc256_power{.frame_length = 200,
                                                       .window = ctml::dsp::window_type::hamming,
                                                       .spectrum = ctml::dsp::spectrum_type::power,
                                                       .mel = mfcc256_mel,
                                                       .log_offset = 1e-4f,
                                                       .num_mfcc = 13,
                                                       .dct = ctml::dsp::dct_norm::ortho};

template <const ctml::dsp::mfcc_options& C, ctml::dsp::mfcc_fft F = ctml::dsp::mfcc_fft::q31>
std::uint64_t mfcc_q15_hash(std::uint32_t seed) {
  using M = ctml::dsp::mfcc_q15<C, F>;
  static M m;
  static std::array<std::int16_t, M::frame_length> x{};
  std::array<std::int32_t, M::num_mel> lm{};
  std::array<std::int32_t, M::num_mfcc> c{};
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::int32_t v) { h = (h ^ static_cast<std::uint32_t>(v)) * 1099511628211ull; };
  std::uint32_t s = seed;
  for (int a : {0, 3, 9, 15}) {  // full scale down to +-1 LSB
    for (std::size_t n = 0; n < x.size(); ++n) {
      s = s * 1664525u + 1013904223u;
      x[n] = static_cast<std::int16_t>((static_cast<std::int32_t>(s >> 16) - 32768) >> a);
    }
    m.log_mel(x, lm);
    m.compute(x, c);
    for (auto v : lm) mix(v);
    for (auto v : c) mix(v);
  }
  x.fill(0);  // silence: the offset path
  m.compute(x, c);
  for (auto v : c) mix(v);
  return h;
}
}  // namespace

TEST_CASE(
    "mfcc_q15 (KWS, a power-spectrum configuration, both with the Q15-FFT variant): the same bits on every "
    "target (hash)") {
  // Expected: the portable path's result on the host; update it only when the code changes on purpose.
  std::uint64_t h = 0;
  for (std::uint32_t seed = 1; seed <= 3; ++seed)
    h ^= mfcc_q15_hash<ctml::dsp::kws_mfcc>(seed) * 3 + mfcc_q15_hash<mfcc256_power>(seed) * 7 +
         mfcc_q15_hash<ctml::dsp::kws_mfcc, ctml::dsp::mfcc_fft::q15>(seed) * 13 +
         mfcc_q15_hash<mfcc256_power, ctml::dsp::mfcc_fft::q15>(seed) * 17;
  std::printf("mfcc_q15 hash 0x%016llx\n", static_cast<unsigned long long>(h));
  CHECK(h == 0x8b299421e56d05dbULL);
}

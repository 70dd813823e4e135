// Q15 FFT bit-exactness across targets: the compile-time evaluation (the host compiler's constant
// evaluator, which rejects any UB and does not depend on the target) must equal the run-time result
// on whatever core runs this test (host, or Cortex-M under QEMU in a cross build). No data files.
#include <array>
#include <cstdint>

#include <doctest/doctest.h>

#include <ctml/dsp/fft_q15.hpp>
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
  CHECK(h == 0x1e6424ee6c33aeffULL);
}

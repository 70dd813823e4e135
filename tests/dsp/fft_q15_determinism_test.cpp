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

// The float vector paths (Helium on Cortex-M55) against the portable code. FFTs: against the
// oracle that tests/dsp/fft_test.cpp checks against numpy, on randomized inputs for every N from 16
// to 4096, and against a float64 DFT for N up to 512. rms: same partial sums as the portable code, so within
// 2 ulp (the compiler may or may not fuse the scalar multiply-adds), odd sizes included. No data files: runs
// on the host and on every Cortex-M core under QEMU. Where there is no vector path (host, M4) the public
// functions are the portable code and the differences are 0; on the M55 they are rounding differences of
// VCMLA/VFMA (one rounding per multiply-add) and the bound below is the one docs/dsp.md states.
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include <doctest/doctest.h>

#include <ctml/dsp/fft.hpp>
#include <ctml/dsp/statistics.hpp>

using ctml::dsp::complex_f32;
// The portable transforms (the reference the vector paths are checked against).
using portable = ctml::dsp::detail::fft_f32_impl<ctml::arch::generic>;

namespace {

// max |a - b| / max |b| <= bound * log2 N: vector path vs portable path.
constexpr double vs_portable_bound = 1e-7;
// Float64 DFT reference (N <= 512): the bound fft_test.cpp asserts against numpy.
constexpr double vs_dft_bound = 6e-8;

struct lcg {
  std::uint32_t s;
  float next() {  // uniform in [-1, 1)
    s = s * 1664525u + 1013904223u;
    return static_cast<float>(static_cast<std::int32_t>(s >> 8) - (1 << 23)) / static_cast<float>(1 << 23);
  }
};

// Signal kinds: white noise, noise at 1e-4 (near silent), a sine between bins plus noise, a
// full-scale square wave, an impulse at a random place.
template <std::size_t N>
void make_signal(int kind, lcg& g, float* x) {
  const std::size_t at = static_cast<std::size_t>(g.next() * 0.5f * N + 0.5f * N) % N;
  for (std::size_t n = 0; n < N; ++n) {
    const float noise = g.next();
    switch (kind) {
      case 0:
        x[n] = noise;
        break;
      case 1:
        x[n] = 1e-4f * noise;
        break;
      case 2:
        x[n] = 0.7f * std::sin(0.37f * static_cast<float>(n)) + 0.1f * noise;
        break;
      case 3:
        x[n] = (n / 3) % 2 ? 1.0f : -1.0f;
        break;
      default:
        x[n] = n == at ? 1.0f : 0.0f;
        break;
    }
  }
}

// Not inlined: GCC 12.2 for AArch64 ICEs (vect_transform_reduction) vectorising this fmax
// reduction once it is inlined with a constant n (aarch64-linux preset).
template <typename A, typename B>
[[gnu::noinline]] double rel_error(const A* a, const B* b, std::size_t n) {
  double err = 0, peak = 0;
  for (std::size_t i = 0; i < n; ++i) {
    err = std::fmax(err, std::fabs(static_cast<double>(a[i]) - static_cast<double>(b[i])));
    peak = std::fmax(peak, std::fabs(static_cast<double>(b[i])));
  }
  return peak > 0 ? err / peak : err;
}

const float* floats(const complex_f32* z) {
  return &z[0].re;
}

double worst_rfft = 0, worst_irfft = 0, worst_fft = 0, worst_ifft = 0, worst_dft = 0;

template <std::size_t N>
void check_size() {
  static std::array<float, N> x{}, back{}, back_ref{};
  static std::array<complex_f32, N / 2 + 1> spec{}, spec_ref{}, work{};
  static std::array<complex_f32, N> z{}, z_ref{};
  const double bound = vs_portable_bound * std::log2(static_cast<double>(N));
  const std::size_t n_ = N;  // a local: doctest messages capture by reference
  lcg g{static_cast<std::uint32_t>(N)};
  for (int kind = 0; kind < 5; ++kind) {
    make_signal<N>(kind, g, x.data());
    ctml::dsp::rfft<N>(x, spec);
    portable::rfft<N>(x.data(), spec_ref.data());
    const double e = rel_error(floats(spec.data()), floats(spec_ref.data()), 2 * (N / 2 + 1));
    worst_rfft = std::fmax(worst_rfft, e);
    CHECK_MESSAGE(e <= bound, "rfft N=" << n_ << " kind " << kind << " rel error " << e);

    work = spec_ref;
    ctml::dsp::irfft<N>(work, back);
    work = spec_ref;
    portable::irfft<N>(work.data(), back_ref.data());
    const double ei = rel_error(back.data(), back_ref.data(), N);
    worst_irfft = std::fmax(worst_irfft, ei);
    CHECK_MESSAGE(ei <= bound, "irfft N=" << n_ << " kind " << kind << " rel error " << ei);

    // Complex transforms of N complex values: two real signals as real and imaginary parts.
    make_signal<N>(kind, g, back.data());
    for (std::size_t n = 0; n < N; ++n) z[n] = {x[n], back[n]};
    z_ref = z;
    ctml::dsp::fft<N>(z);
    portable::fft<N, false>(z_ref.data());
    const double ef = rel_error(floats(z.data()), floats(z_ref.data()), 2 * N);
    worst_fft = std::fmax(worst_fft, ef);
    CHECK_MESSAGE(ef <= bound, "fft N=" << n_ << " kind " << kind << " rel error " << ef);

    z = z_ref;
    ctml::dsp::ifft<N>(z);
    portable::fft<N, true>(z_ref.data());
    const double eif = rel_error(floats(z.data()), floats(z_ref.data()), 2 * N);
    worst_ifft = std::fmax(worst_ifft, eif);
    CHECK_MESSAGE(eif <= bound, "ifft N=" << n_ << " kind " << kind << " rel error " << eif);

    if constexpr (N <= 512) {
      // rfft of the last real signal against a float64 DFT with exactly rounded twiddles.
      static std::array<double, 2 * N> w{}, ref{};
      for (std::size_t n = 0; n < N; ++n) {
        const double a = 2.0 * 3.14159265358979323846 * static_cast<double>(n) / static_cast<double>(N);
        w[2 * n] = std::cos(a);
        w[2 * n + 1] = -std::sin(a);
      }
      for (std::size_t k = 0; k <= N / 2; ++k) {
        double re = 0, im = 0;
        for (std::size_t n = 0; n < N; ++n) {
          const std::size_t j = (k * n) % N;
          re += static_cast<double>(x[n]) * w[2 * j];
          im += static_cast<double>(x[n]) * w[2 * j + 1];
        }
        ref[2 * k] = re;
        ref[2 * k + 1] = im;
      }
      const double ed = rel_error(floats(spec.data()), ref.data(), 2 * (N / 2 + 1));
      worst_dft = std::fmax(worst_dft, ed);
      CHECK_MESSAGE(ed <= vs_dft_bound * std::log2(static_cast<double>(N)),
                    "rfft vs float64 DFT N=" << n_ << " kind " << kind << " rel error " << ed);
    }
  }
}

}  // namespace

TEST_CASE("float FFTs: the vector path agrees with the portable path, N = 16 .. 4096, random inputs") {
  check_size<16>();
  check_size<32>();
  check_size<64>();
  check_size<128>();
  check_size<256>();
  check_size<512>();
  check_size<1024>();
  check_size<2048>();
  check_size<4096>();
  std::printf(
      "vector vs portable, worst relative error: rfft %.3g, irfft %.3g, fft %.3g, ifft %.3g; "
      "rfft vs float64 DFT %.3g\n",
      worst_rfft, worst_irfft, worst_fft, worst_ifft, worst_dft);
}

TEST_CASE(
    "rms: the vector path equals the portable sum4 formula bit for bit, sizes 0 .. 130 and 1023 .. 1025") {
  static std::array<float, 1025> x{};
  lcg g{7};
  for (std::size_t n : {0u,  1u,  2u,  3u,  4u,   5u,   7u,   8u,    15u,   16u,
                        17u, 31u, 33u, 64u, 100u, 127u, 130u, 1023u, 1024u, 1025u}) {
    for (int kind = 0; kind < 3; ++kind) {
      for (std::size_t i = 0; i < n; ++i)
        x[i] = (kind == 2 ? 1e-3f : 1.0f) * g.next() + (kind == 1 ? 0.5f : 0.0f);
      const std::span<const float> s(x.data(), n);
      const float ref =
          n == 0
              ? 0.0f
              : std::sqrt(ctml::dsp::detail::sum4(s, [](float v) { return v * v; }) / static_cast<float>(n));
      const float got = ctml::dsp::rms(s);
      CHECK_MESSAGE(std::fabs(got - ref) <= 0x1p-22f * ref,
                    "n " << n << " kind " << kind << ": " << got << " vs " << ref);
    }
  }
}

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 2)  // the Helium log (dsp/arm_mve/log.hpp)
#include <limits>

#include <ctml/dsp/mfcc.hpp>

TEST_CASE("log4 (Helium MFCC log) is within 2 ulp of the float64 log, special values as std::log") {
  // ulp distance from the float64 log of the same input.
  auto ulps = [](float got, double ref) {
    const float r = static_cast<float>(ref);
    const double ulp = static_cast<double>(
        std::nextafter(std::fabs(r), std::numeric_limits<float>::infinity()) - std::fabs(r));
    return std::fabs(static_cast<double>(got) - ref) / ulp;
  };
  double worst = 0;
  lcg g{99};
  static std::array<float, 4> in{}, out{};
  for (int i = 0; i < 20000; ++i) {
    for (auto& v : in) {
      // Every binade of the positive normals, and dense near 1 and sqrt 2 (the reduction's edges).
      const float u = 0.5f * (g.next() + 1.0f);
      v = i % 3 == 0   ? std::ldexp(1.0f + u, static_cast<int>(g.next() * 126.0f))
          : i % 3 == 1 ? 1.0f + 0.05f * g.next()
                       : 1.41421356f * (1.0f + 1e-3f * g.next());
    }
    vst1q_f32(out.data(), ctml::dsp::detail::log4(vld1q_f32(in.data())));
    for (std::size_t j = 0; j < 4; ++j) {
      const double e = ulps(out[j], std::log(static_cast<double>(in[j])));
      worst = std::fmax(worst, e);
      REQUIRE_MESSAGE(e <= 2.0, "log(" << in[j] << ") = " << out[j] << ", " << e << " ulp");
    }
  }
  std::printf("log4: worst %.3g ulp\n", worst);
  const float specials[] = {0.0f,
                            -0.0f,
                            -1.0f,
                            std::numeric_limits<float>::denorm_min(),
                            1e-40f,
                            std::numeric_limits<float>::infinity(),
                            std::numeric_limits<float>::quiet_NaN(),
                            std::numeric_limits<float>::min(),
                            std::numeric_limits<float>::max(),
                            1.0f};
  for (float s : specials) {
    in = {1.0f, s, 2.0f, 0.5f};
    vst1q_f32(out.data(), ctml::dsp::detail::log4(vld1q_f32(in.data())));
    const float ref = std::log(s);
    CHECK_MESSAGE(((std::isnan(out[1]) && std::isnan(ref)) || out[1] == ref ||
                   ulps(out[1], std::log(double{s})) <= 2.0),
                  "log(" << s << ") = " << out[1] << " vs " << ref);
    CHECK(out[0] == 0.0f);
  }
}
#endif

// rfft_q31 on this core's path (detail::fft_q31_impl<target_arch>: the DSP extension on Cortex-M4/M7/
// M33, Helium on the M55) against the portable code compiled into the same image, bit for bit, on
// random and extreme inputs for every size. The portable code itself is checked against numpy by
// dsp_fixed_point_test; on the host both sides are the portable code. No data files.
#include <array>
#include <cstdint>
#include <cstdio>

#include <doctest/doctest.h>

#include <ctml/dsp/fft_q31.hpp>

using ctml::dsp::complex_q31;

namespace {

std::uint32_t lcg(std::uint32_t& s) {
  s = s * 1664525u + 1013904223u;
  return s;
}

// Fills x with input kind `kind` (0..9); returns its name.
template <std::size_t N>
const char* fill(std::array<std::int32_t, N>& x, int kind, std::uint32_t seed) {
  constexpr std::int32_t max = 2147483647, min = -2147483647 - 1;
  std::uint32_t s = seed;
  for (std::size_t n = 0; n < N; ++n) {
    const auto r = static_cast<std::int32_t>(lcg(s));
    switch (kind) {
      case 0:
        x[n] = r;
        break;  // full-scale noise
      case 1:
        x[n] = r >> 12;
        break;  // quiet noise
      case 2:
        x[n] = r >> 28;
        break;  // a few LSBs
      case 3:
        x[n] = max;
        break;  // DC at the top
      case 4:
        x[n] = min;
        break;  // DC at the bottom
      case 5:
        x[n] = n % 2 ? min : max;
        break;  // Nyquist, full scale
      case 6:
        x[n] = (n / 2) % 2 ? min : max;
        break;  // N/4, full scale
      case 7:
        x[n] = n == seed % N ? max : 0;
        break;  // an impulse
      case 8:
        x[n] = (r & 3) == 0 ? min : ((r & 3) == 1 ? max : r);
        break;  // rails and noise
      default:
        x[n] = r | 1;
        break;  // odd values (packing rounding)
    }
  }
  static constexpr const char* names[] = {"noise",   "quiet",   "lsb",     "dc max",      "dc min",
                                          "nyquist", "quarter", "impulse", "rails+noise", "odd"};
  return names[kind];
}

template <std::size_t N>
void check_size(int seeds) {
  static std::array<std::int32_t, N> x{};
  static std::array<complex_q31, N / 2 + 1> arch_out{}, portable{};
  int mismatches = 0;
  for (int kind = 0; kind < 10; ++kind)
    for (int seed = 1; seed <= seeds; ++seed) {
      const char* name = fill<N>(x, kind, static_cast<std::uint32_t>(seed) * 2654435761u);
      ctml::dsp::rfft_q31<N>(x, arch_out);
      ctml::dsp::detail::fft_q31_impl<ctml::arch::generic>::rfft<N>(x.data(), portable.data());
      if (arch_out != portable && mismatches++ < 3) {
        std::size_t k = 0;
        while (arch_out[k] == portable[k]) ++k;
        std::printf("rfft_q31<%lu> %s seed %d: bin %lu is (%ld, %ld), portable (%ld, %ld)\n",
                    static_cast<unsigned long>(N), name, seed, static_cast<unsigned long>(k),
                    static_cast<long>(arch_out[k].re), static_cast<long>(arch_out[k].im),
                    static_cast<long>(portable[k].re), static_cast<long>(portable[k].im));
      }
    }
  CHECK_MESSAGE(mismatches == 0, "rfft_q31<", N, ">: ", mismatches, " inputs differ from the portable code");
}

}  // namespace

TEST_CASE("rfft_q31: this core's path gives the portable code's bits") {
  check_size<16>(20);
  check_size<32>(20);
  check_size<64>(10);
  check_size<128>(10);
  check_size<256>(4);
  check_size<512>(4);
  check_size<1024>(2);
  check_size<2048>(1);
  check_size<4096>(1);
}

// EXPECT: ctml::dsp::irfft_q31<N>: N must be a power of two from 16 to 4096
#include <array>
#include <cstdint>

#include <ctml/dsp/fft_q31.hpp>

int main() {
#ifdef CTML_COMPILE_FAIL_OK
  constexpr std::size_t n = 512;
#else
  constexpr std::size_t n = 500;  // not a power of two
#endif
  std::array<ctml::dsp::complex_q31, n / 2 + 1> X{};
  std::array<std::int32_t, n> x{};
  ctml::dsp::irfft_q31<n>(X, x);
  return static_cast<int>(x[0]);
}

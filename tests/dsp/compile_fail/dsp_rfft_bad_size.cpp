// EXPECT: ctml::dsp::rfft<N>: N must be a power of two from 16 to 4096
#include <array>

#include <ctml/dsp/fft.hpp>

int main() {
#ifdef CTML_COMPILE_FAIL_OK
  constexpr std::size_t n = 512;
#else
  constexpr std::size_t n = 480;  // a frame length, not an FFT size
#endif
  std::array<float, n> x{};
  std::array<ctml::dsp::complex_f32, n / 2 + 1> X{};
  ctml::dsp::rfft<n>(x, X);
  return static_cast<int>(X[0].re);
}

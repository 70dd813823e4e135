// EXPECT: ctml::dsp::rfft\(in, out\): in needs a length known at compile time
#include <array>
#include <span>

#include <ctml/dsp/fft.hpp>

int main() {
  std::array<float, 64> buf{};
  std::array<ctml::dsp::complex_f32, 33> out{};
#ifdef CTML_COMPILE_FAIL_OK
  ctml::dsp::rfft(buf, out);
#else
  ctml::dsp::rfft(std::span<const float>(buf), out);  // a run-time length: say which N
#endif
  return static_cast<int>(out[0].re);
}

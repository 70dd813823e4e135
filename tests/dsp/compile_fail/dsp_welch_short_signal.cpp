// EXPECT: ctml::dsp::welch::compute: the signal is shorter than one segment
#include <array>

#include <ctml/dsp/psd.hpp>

int main() {
  ctml::dsp::welch<256, 128> w;
  std::array<float, 129> psd{};
#ifdef CTML_COMPILE_FAIL_OK
  std::array<float, 256> x{};
#else
  std::array<float, 200> x{};  // less than one 256-sample segment: known at compile time
#endif
  return static_cast<int>(w.compute(x, psd));
}

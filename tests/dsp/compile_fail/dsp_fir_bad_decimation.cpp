// EXPECT: ctml::dsp::fir<NumTaps, Decimation>: Decimation must be at least 1
#include <array>

#include <ctml/dsp/fir.hpp>

static constexpr std::array<float, 3> taps{0.25f, 0.5f, 0.25f};

int main() {
#ifdef CTML_COMPILE_FAIL_OK
  ctml::dsp::fir<3, 1> f{taps};
#else
  ctml::dsp::fir<3, 0> f{taps};
#endif
  return static_cast<int>(f.num_taps);
}

// EXPECT: ctml::dsp::welch<NPerSeg, NOverlap>: NOverlap must be less than NPerSeg
#include <ctml/dsp/psd.hpp>

int main() {
#ifdef CTML_COMPILE_FAIL_OK
  ctml::dsp::welch<256, 128> w;
#else
  ctml::dsp::welch<256, 256> w;  // no hop left
#endif
  return static_cast<int>(w.frequency(1));
}

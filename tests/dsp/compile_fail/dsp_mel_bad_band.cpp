// EXPECT: ctml::dsp::mel_filterbank<Config>: need 0 <= lower_hz < upper_hz <= sample_rate / 2
#include <ctml/dsp/mel.hpp>

#ifdef CTML_COMPILE_FAIL_OK
inline constexpr ctml::dsp::mel_options bad{512, 40, 16000.0, 20.0, 8000.0};
#else
inline constexpr ctml::dsp::mel_options bad{512, 40, 16000.0, 20.0, 9000.0};  // above Nyquist
#endif

int main() {
  return static_cast<int>(ctml::dsp::mel_filterbank<bad>::num_mel);
}

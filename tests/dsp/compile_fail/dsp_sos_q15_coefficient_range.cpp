// EXPECT: sos_coefficient_out_of_range_raise_post_shift
// A Q15 biquad designed at compile time whose coefficient does not fit its post-shift stops the build.
#include <ctml/dsp/biquad.hpp>
#include <ctml/dsp/butterworth.hpp>

int main() {
#ifdef CTML_COMPILE_FAIL_OK
  constexpr ctml::dsp::sos_filter_q15<1, 2> f{ctml::dsp::butter_lowpass<2>(100.0, 1000.0)};
#else
  constexpr ctml::dsp::sos_filter_q15<1, 0> f{ctml::dsp::butter_lowpass<2>(100.0, 1000.0)};  // a1 = -1.56
#endif
  return f.coefficients(0)[0];
}

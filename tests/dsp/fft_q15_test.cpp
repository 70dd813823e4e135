// Q15 FFTs vs numpy.fft.rfft of the same int16 samples (value / 32768), reported as SNR in dB.
// Data: tests/dsp/data/fft.bin (rfft_q15/*), written by tools/gen_dsp/gen_dsp_reference.py.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <ctml/dsp/fft_q15.hpp>

#include "ref_data.hpp"

using ctml::dsp::complex_q15;

namespace {
const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("fft.bin");
  return f;
}

// 10 log10(signal power / error power), the Q15 output read as value / 32768.
template <typename C>
double snr_db(const C& out, const std::vector<double>& ref, double scale) {
  double sig = 0, err = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double rr = ref[2 * i] * scale, ri = ref[2 * i + 1] * scale;
    const double er = out[i].re / 32768.0 - rr, ei = out[i].im / 32768.0 - ri;
    sig += rr * rr + ri * ri;
    err += er * er + ei * ei;
  }
  return 10.0 * std::log10(sig / std::fmax(err, 1e-300));
}

// Asserted SNR floors (docs/dsp.md). They depend on the signal: 1/N scaling leaves spread-out
// spectra (white noise) only a few bits per bin, while a tone keeps most of its bits.
double snr_floor(const std::string& sig, std::size_t n) {
  const double log2n = std::log2(static_cast<double>(n));
  if (sig == "sine_between") return 58.0 - 3.0 * (log2n - 8);  // measured 59.4 / 55.8 / 53.3
  return 53.0 - 2.5 * (log2n - 8);  // white 55.0 / 51.0 / 49.0, full scale 66.5 / 63.2 / 59.7
}

template <std::size_t N>
void check_rfft_q15() {
  const std::size_t n_ = N;  // a local: doctest messages capture by reference
  for (const std::string sig : {"white", "sine_between", "full_scale"}) {
    const std::string p = "rfft_q15/" + std::to_string(N) + "/" + sig + "/";
    const auto x = data()[p + "x"].as<std::int16_t>();
    const auto& ref = data()[p + "X"];
    std::array<std::int16_t, N> in{};
    std::copy(x.begin(), x.end(), in.begin());
    std::array<complex_q15, N / 2 + 1> out{};
    ctml::dsp::rfft_q15<N>(in, out);
    const double snr = snr_db(out, ref.values, 1.0 / N);
    std::printf("rfft_q15 N=%-5zu %-13s SNR %.1f dB\n", N, sig.c_str(), snr);
    std::fflush(stdout);
    CHECK_MESSAGE(snr >= snr_floor(sig, N), sig << " N=" << n_ << " SNR " << snr);

    // Complex fft_q15 of the same real input: its first N/2 + 1 bins are the same spectrum.
    std::array<complex_q15, N> z{};
    for (std::size_t n = 0; n < N; ++n) z[n] = {in[n], 0};
    ctml::dsp::fft_q15<N>(z);
    const double snr_c = snr_db(std::span<const complex_q15>(z).first(N / 2 + 1), ref.values, 1.0 / N);
    CHECK_MESSAGE(snr_c >= snr_floor(sig, N), "fft_q15 " << sig << " N=" << n_ << " SNR " << snr_c);

    // ifft_q15 of the same real input: numpy.fft.ifft(x) = conj(numpy.fft.fft(x)) / N for real x.
    for (std::size_t n = 0; n < N; ++n) z[n] = {in[n], 0};
    ctml::dsp::ifft_q15<N>(z);
    std::vector<double> conj_ref = ref.values;
    for (std::size_t k = 1; k < conj_ref.size(); k += 2) conj_ref[k] = -conj_ref[k];
    const double snr_i = snr_db(std::span<const complex_q15>(z).first(N / 2 + 1), conj_ref, 1.0 / N);
    INFO("ifft_q15 " << sig << " SNR " << snr_i);
    CHECK(snr_i >= snr_floor(sig, N));
  }
}
}  // namespace

TEST_CASE("Q15 rfft/fft/ifft: SNR vs numpy above the documented floors") {
  std::printf("%s\n", data().provenance().c_str());  // (an INFO of it crashes doctest when a check fails)
  check_rfft_q15<256>();
  check_rfft_q15<512>();
  check_rfft_q15<1024>();
}

// Bit-exactness across targets and saturation: fft_q15_determinism_test.cpp.

// Periodogram and Welch PSD vs scipy.signal.periodogram/welch; spectra, band power and centroid vs
// numpy statements. Data: tests/dsp/data/psd.bin.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <ctml/dsp/psd.hpp>
#include <ctml/dsp/spectrum.hpp>

#include "ref_data.hpp"

using ctml::dsp::detrend_type;
using ctml::dsp::psd_scaling;
using ctml::dsp::window_type;

namespace {
const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("psd.bin");
  return f;
}
std::vector<float> signal() {
  return data()["x"].as_float();
}
const float fs = 1000.0f;

// Largest error over the largest PSD value: float32 FFT and sums vs scipy's float64.
constexpr double psd_tolerance = 2e-6;

template <typename Block>
void check_against(Block& b, std::span<const float> x, const std::string& key) {
  std::array<float, Block::num_bins> psd{};
  CHECK(b.compute(x, psd) > 0);
  const double e = ctml_test::max_rel_error(psd, data()[key].values);
  CHECK_MESSAGE(e <= psd_tolerance, key << " rel error " << e);
}

template <std::size_t NPerSeg, std::size_t NOverlap>
void check_welch() {
  const auto x = signal();
  for (auto scaling : {psd_scaling::density, psd_scaling::spectrum})
    for (auto detrend : {detrend_type::constant, detrend_type::none}) {
      ctml::dsp::welch<NPerSeg, NOverlap> w{{.sample_rate = fs, .scaling = scaling, .detrend = detrend}};
      const std::string key = "welch/" + std::to_string(NPerSeg) + "/" + std::to_string(NOverlap) + "/" +
                              (scaling == psd_scaling::density ? "density" : "spectrum") + "/" +
                              (detrend == detrend_type::constant ? "constant" : "none");
      check_against(w, x, key);
    }
}

template <window_type W>
void check_periodogram(const char* name) {
  const auto x = signal();
  for (auto scaling : {psd_scaling::density, psd_scaling::spectrum})
    for (auto detrend : {detrend_type::constant, detrend_type::none}) {
      ctml::dsp::periodogram<512, W> p{{.sample_rate = fs, .scaling = scaling, .detrend = detrend}};
      std::array<float, 257> psd{};
      p.compute(std::span<const float>(x).first<512>(), psd);
      const std::string key = std::string("periodogram/") + name + "/" +
                              (scaling == psd_scaling::density ? "density" : "spectrum") + "/" +
                              (detrend == detrend_type::constant ? "constant" : "none");
      const double e = ctml_test::max_rel_error(psd, data()[key].values);
      CHECK_MESSAGE(e <= psd_tolerance, key << " rel error " << e);
    }
}
}  // namespace

TEST_CASE("welch matches scipy.signal.welch (hann, overlaps, density/spectrum, detrend)") {
  INFO(data().provenance());
  check_welch<256, 128>();
  check_welch<256, 192>();
  check_welch<128, 0>();
}

TEST_CASE("periodogram matches scipy.signal.periodogram (boxcar and hann)") {
  check_periodogram<window_type::rectangular>("boxcar");
  check_periodogram<window_type::hann>("hann");
}

TEST_CASE("magnitude, power, centroid and band power match numpy statements") {
  const auto x = signal();
  std::array<float, 512> frame{};
  std::copy(x.begin(), x.begin() + 512, frame.begin());
  std::array<ctml::dsp::complex_f32, 257> spec{};
  ctml::dsp::rfft<512>(frame, spec);
  std::array<float, 257> mag{}, pow{};
  ctml::dsp::magnitude(spec, mag);
  ctml::dsp::power(spec, pow);
  CHECK(ctml_test::max_rel_error(mag, data()["spectrum/magnitude"].values) <= 1e-6);
  CHECK(ctml_test::max_rel_error(pow, data()["spectrum/power"].values) <= 2e-6);
  const double centroid = data()["spectrum/centroid"][0];
  CHECK(std::fabs(ctml::dsp::spectral_centroid(mag, fs / 512) - centroid) <= 1e-5 * centroid);

  ctml::dsp::welch<256> w{{.sample_rate = fs}};
  std::array<float, 129> psd{};
  w.compute(x, psd);
  for (const auto& band : {std::pair{40, 60}, std::pair{100, 150}, std::pair{0, 500}}) {
    const int lo = band.first, hi = band.second;
    const double ref = data()["bandpower/" + std::to_string(lo) + "/" + std::to_string(hi)][0];
    const float got =
        ctml::dsp::band_power(psd, w.frequency(1), static_cast<float>(lo), static_cast<float>(hi));
    CHECK_MESSAGE(std::fabs(got - ref) <= 1e-5 * ref, lo << ".." << hi);
  }
  const std::array<float, 4> zeros{};
  CHECK(ctml::dsp::spectral_centroid(zeros, 1.0f) == 0.0f);
}

TEST_CASE("welch on a too-short signal of run-time length returns 0 segments and zeros") {
  // (A too-short signal whose length is a compile-time constant does not compile:
  // compile_fail/dsp_welch_short_signal.cpp.)
  ctml::dsp::welch<256> w;
  std::array<float, 100> x{};
  std::array<float, 129> psd{};
  psd.fill(1.0f);
  CHECK(w.compute(std::span<const float>(x), psd) == 0);
  CHECK(psd[5] == 0.0f);
}

TEST_CASE("welch and periodogram with constant detrend on a large DC offset (sensor.bin) match scipy") {
  // 1000 + a 50 Hz tone + 0.01 noise, and 2048 ADC counts + a 300-count tone + noise: the segment mean
  // is removed relative to its first sample, so the DC bin keeps the documented bound.
  static const ctml_test::ref_file f("sensor.bin");
  double worst = 0.0;
  for (const std::string name : {"dc1000", "adc2048"}) {
    const auto x = f["psd/" + name + "/x"].as_float();
    for (auto scaling : {psd_scaling::density, psd_scaling::spectrum}) {
      const std::string s = scaling == psd_scaling::density ? "density" : "spectrum";
      ctml::dsp::welch<256, 128> w{{.sample_rate = fs, .scaling = scaling}};
      std::array<float, 129> psd{};
      CHECK(w.compute(x, psd) == 15);
      const double ew = ctml_test::max_rel_error(psd, f["psd/" + name + "/welch/" + s].values);
      ctml::dsp::periodogram<512, window_type::hann> pg{{.sample_rate = fs, .scaling = scaling}};
      std::array<float, 257> pp{};
      pg.compute(std::span<const float>(x).first<512>(), pp);
      const double ep = ctml_test::max_rel_error(pp, f["psd/" + name + "/periodogram/" + s].values);
      CHECK_MESSAGE(ew <= psd_tolerance, name << " welch " << s << " rel error " << ew);
      CHECK_MESSAGE(ep <= psd_tolerance, name << " periodogram " << s << " rel error " << ep);
      worst = std::fmax(worst, std::fmax(ew, ep));
    }
  }
  std::printf("psd on DC offsets: max error %.3g of the peak\n", worst);
}

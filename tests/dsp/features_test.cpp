// Spectral features (flatness, rolloff, band energies, flux) vs numpy statements of librosa's
// definitions, crest factor vs numpy, Goertzel vs the numpy DTFT sum at single frequencies.
// Data: tests/dsp/data/features.bin (tools/gen_dsp/gen_dsp_reference.py, gen_features).
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <ctml/dsp/goertzel.hpp>
#include <ctml/dsp/spectrum.hpp>
#include <ctml/dsp/statistics.hpp>

#include "ref_data.hpp"

namespace {
const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("features.bin");
  return f;
}
constexpr float bin_hz = 16000.0f / 512.0f;
}  // namespace

TEST_CASE("spectral flatness, rolloff, band energies and flux match numpy statements") {
  INFO(data().provenance());
  const auto edges = data()["spectrum/edges_hz"].as_float();
  std::vector<float> prev;
  double worst_flat = 0.0, worst_band = 0.0, worst_flux = 0.0;
  for (const std::string name : {"sine_between", "white", "chirp", "pink", "near_silent"}) {
    INFO(name);
    const std::string p = "spectrum/" + name + "/";
    const auto mag = data()[p + "magnitude"].as_float();
    const auto pw = data()[p + "power"].as_float();
    const double flat = data()[p + "flatness"][0];
    const double ef = std::fabs(ctml::dsp::spectral_flatness(pw) - flat) / flat;
    CHECK(ef <= 2e-5);
    worst_flat = std::fmax(worst_flat, ef);
    CHECK(ctml::dsp::spectral_rolloff(pw, bin_hz) ==
          doctest::Approx(data()[p + "rolloff_0.85"][0]).epsilon(1e-6));
    CHECK(ctml::dsp::spectral_rolloff(pw, bin_hz, 0.5f) ==
          doctest::Approx(data()[p + "rolloff_0.5"][0]).epsilon(1e-6));
    std::array<float, 4> e{};
    ctml::dsp::band_energies(pw, bin_hz, edges, e);
    const double eb = ctml_test::max_rel_error(e, data()[p + "band_energies"].values);
    CHECK(eb <= 1e-5);
    worst_band = std::fmax(worst_band, eb);
    if (!prev.empty()) {
      const double flux = data()[p + "flux"][0];
      const double ex = std::fabs(ctml::dsp::spectral_flux(mag, prev) - flux) / flux;
      CHECK(ex <= 1e-5);
      worst_flux = std::fmax(worst_flux, ex);
    }
    prev = mag;
  }
  const std::array<float, 4> zeros{};
  CHECK(ctml::dsp::spectral_rolloff(zeros, 1.0f) == 0.0f);
  CHECK(ctml::dsp::spectral_flatness(zeros) == doctest::Approx(1.0));  // all at the floor: flat
  std::printf("flatness %.3g, band energies %.3g, flux %.3g (relative)\n", worst_flat, worst_band,
              worst_flux);
}

TEST_CASE("crest factor matches numpy max|x| / rms") {
  double worst = 0.0;
  for (const char* sig :
       {"sine_bin", "sine_between", "chirp", "white", "pink", "impulse", "dc", "full_scale", "near_silent"}) {
    const std::string p = std::string("crest/") + sig + "/";
    const auto x = data()[p + "x"].as_float();
    const double ref = data()[p + "crest"][0];
    const double e = std::fabs(ctml::dsp::crest_factor(x) - ref) / ref;
    CHECK_MESSAGE(e <= 5e-6, sig);
    worst = std::fmax(worst, e);
  }
  CHECK(ctml::dsp::crest_factor(std::span<const float>{}) == 0.0f);
  std::printf("crest factor: max relative error %.3g\n", worst);
}

TEST_CASE("goertzel_power equals |DTFT|^2 at single frequencies (on and off bins) from numpy") {
  double worst = 0.0;
  for (const auto& size_rate : {std::pair{205, 8000.0}, std::pair{512, 16000.0}}) {
    const int n = size_rate.first;  // not a structured binding: Clang 14 cannot capture one in CHECK_MESSAGE
    const double fs = size_rate.second;
    const std::string p = "goertzel/" + std::to_string(n) + "/";
    const auto x = data()[p + "x"].as_float();
    const auto& freqs = data()[p + "freqs"].values;
    const auto& ref = data()[p + "power"].values;
    double peak = 0.0;
    for (double r : ref) peak = std::fmax(peak, r);
    for (std::size_t i = 0; i < freqs.size(); ++i) {
      const ctml::dsp::goertzel_coefficient c(freqs[i], fs);
      // float32 recursion: the error scales with the largest power present (the detected tones).
      const double e = std::fabs(ctml::dsp::goertzel_power(x, c) - ref[i]) / peak;
      CHECK_MESSAGE(e <= 1e-5, n << " samples, " << freqs[i] << " Hz: " << e);
      worst = std::fmax(worst, e);
    }
  }
  constexpr ctml::dsp::goertzel_coefficient c1k(1000.0, 8000.0);
  static_assert(c1k.two_cos > 1.414f && c1k.two_cos < 1.4143f);  // 2 cos(pi / 4)
  std::printf("goertzel: max error %.3g of the largest power\n", worst);
}

// Analysis helpers vs numpy/scipy on random, impulse, step, sweep and offset signals: convolve,
// correlate (numpy, three modes, both length orders), autocorrelation; magnitude and jerk of 3-axis
// samples; find_peaks (scipy, height and distance, flat tops); deltas (numpy statement of the
// regression formula, and scipy's Savitzky-Golay derivative inside the sequence); envelope
// (|scipy.signal.hilbert|); stft and spectrogram (scipy.signal, Hann, no padding).
// Data: tests/dsp/data/analysis.bin (tools/gen_dsp/gen_dsp_reference.py, gen_analysis).
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <ctml/dsp/correlation.hpp>
#include <ctml/dsp/deltas.hpp>
#include <ctml/dsp/envelope.hpp>
#include <ctml/dsp/motion.hpp>
#include <ctml/dsp/peaks.hpp>
#include <ctml/dsp/stft.hpp>

#include "ref_data.hpp"

namespace {
const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("analysis.bin");
  return f;
}
const char* const signals[] = {"random", "impulse", "step", "sweep", "offset"};

// max |a - ref| / max(max |ref|, floor)
template <typename T>
double rel_error(const std::vector<T>& a, const std::vector<double>& ref, double floor = 1e-30) {
  double e = 0.0, m = floor;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    e = std::fmax(e, std::fabs(static_cast<double>(a[i]) - ref[i]));
    m = std::fmax(m, std::fabs(ref[i]));
  }
  return e / m;
}
}  // namespace

TEST_CASE("convolve, correlate and autocorrelation equal numpy in every mode") {
  using ctml::dsp::correlation_mode;
  double worst = 0.0;
  for (const char* dims : {"64x9", "7x20"}) {
    const auto v = data()[std::string("corr/") + dims + "/v"].as_float();
    for (const char* sig : signals) {
      const std::string p = std::string("corr/") + dims + "/" + sig + "/";
      const auto a = data()[p + "a"].as_float();
      for (auto [mode, tag] :
           {std::pair{correlation_mode::full, "full"}, std::pair{correlation_mode::same, "same"},
            std::pair{correlation_mode::valid, "valid"}}) {
        const std::string m = tag;
        INFO(p << m);
        const auto& cref = data()[p + "convolve_" + m].values;
        const auto& rref = data()[p + "correlate_" + m].values;
        std::vector<float> c(cref.size() + 3, -7.0f), r(rref.size() + 3, -7.0f);
        CHECK(ctml::dsp::convolve(a, v, c, mode) == cref.size());
        CHECK(ctml::dsp::correlate(a, v, r, mode) == rref.size());
        CHECK(ctml::dsp::correlation_size(a.size(), v.size(), mode) == cref.size());
        CHECK(c[cref.size()] == -7.0f);  // nothing written past the result
        // float32 sums of at most 20 products: relative to the result's scale (the offset signal's
        // 1000 + small makes the absolute error about 1e-4).
        const double ec = rel_error(c, cref), er = rel_error(r, rref);
        CHECK(ec <= 2e-6);
        CHECK(er <= 2e-6);
        worst = std::fmax(worst, std::fmax(ec, er));
      }
    }
  }
  for (const char* sig : signals) {
    INFO(sig);
    const auto x = data()[std::string("autocorr/") + sig + "/x"].as_float();
    const auto& ref = data()[std::string("autocorr/") + sig + "/r"].values;
    std::vector<float> r(ref.size());
    CHECK(ctml::dsp::autocorrelation(x, r) == ref.size());
    const double e = rel_error(r, ref);
    CHECK(e <= 2e-6);
    worst = std::fmax(worst, e);
  }
  std::printf("convolve / correlate / autocorrelation vs numpy: max error %.3g of the result's peak\n",
              worst);
}

TEST_CASE("magnitude, jerk and jerk magnitude of 3-axis samples equal numpy") {
  const auto flat = data()["motion/xyz"].as_float();
  std::vector<std::array<float, 3>> xyz(flat.size() / 3);
  for (std::size_t i = 0; i < xyz.size(); ++i) xyz[i] = {flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]};
  std::vector<float> mag(xyz.size()), jm(xyz.size());
  CHECK(ctml::dsp::magnitude(xyz, mag) == xyz.size());
  CHECK(rel_error(mag, data()["motion/magnitude"].values) <= 1e-6);
  CHECK(ctml::dsp::jerk_magnitude(xyz, ctml::hertz{50.0}, jm) == xyz.size() - 1);
  jm.resize(xyz.size() - 1);
  CHECK(rel_error(jm, data()["motion/jerk_magnitude"].values) <= 1e-5);
  const auto& jref = data()["motion/jerk"].values;  // [99][3]
  for (std::size_t a = 0; a < 3; ++a) {
    std::vector<float> axis(xyz.size()), j(xyz.size()), ref(xyz.size() - 1);
    std::vector<double> refd(xyz.size() - 1);
    for (std::size_t i = 0; i < xyz.size(); ++i) axis[i] = xyz[i][a];
    for (std::size_t i = 0; i + 1 < xyz.size(); ++i) refd[i] = jref[3 * i + a];
    CHECK(ctml::dsp::jerk(axis, 50.0f, j) == xyz.size() - 1);
    j.resize(xyz.size() - 1);
    // The difference of two float32 samples is exact (Sterbenz) only when they are close; the product
    // by 50 rounds once: relative 1e-6 of the largest jerk.
    CHECK(rel_error(j, refd) <= 1e-6);
  }
  CHECK(ctml::dsp::jerk(std::span<const float>{}, 50.0f, std::span<float>{}) == 0);
}

TEST_CASE("find_peaks equals scipy.signal.find_peaks with height and distance") {
  int cases = 0;
  for (const char* sig : {"random", "impulse", "step", "sweep", "offset", "tones", "plateaus"}) {
    const std::string p = std::string("peaks/") + sig;
    const auto x = data()[p + "/x"].as_float();
    for (int i = 0; i < 4; ++i) {
      const std::string c = p + "/cond" + std::to_string(i);
      if (!data().has(c)) break;
      const auto& cond = data()[c].values;
      const auto ref = data()[c + "/peaks"].as<std::size_t>();
      INFO(c);
      std::vector<std::size_t> idx(x.size() / 2 + 1);
      const std::size_t n = ctml::dsp::find_peaks(
          x, idx, {.height = static_cast<float>(cond[0]), .distance = static_cast<std::size_t>(cond[1])});
      idx.resize(n);
      CHECK(idx == ref);
      ++cases;
    }
  }
  CHECK(cases == 26);
}

TEST_CASE("deltas equal the regression formula (edges repeated) and scipy's savgol derivative inside") {
  const auto flat = data()["deltas/c"].as_float();
  std::vector<std::array<float, 13>> c(20), d(20);
  for (std::size_t t = 0; t < 20; ++t)
    for (std::size_t k = 0; k < 13; ++k) c[t][k] = flat[13 * t + k];
  auto check = [&]<std::size_t N>(std::integral_constant<std::size_t, N>) {
    ctml::dsp::deltas<N>(std::span<const std::array<float, 13>>(c), std::span<std::array<float, 13>>(d));
    const auto& ref = data()["deltas/N" + std::to_string(N)].values;
    const auto& sg = data()["deltas/N" + std::to_string(N) + "/savgol"].values;
    double e = 0.0, e_inside = 0.0;
    for (std::size_t t = 0; t < 20; ++t)
      for (std::size_t k = 0; k < 13; ++k) {
        e = std::fmax(e, std::fabs(d[t][k] - ref[13 * t + k]));
        if (t >= N && t + N < 20) e_inside = std::fmax(e_inside, std::fabs(d[t][k] - sg[13 * t + k]));
      }
    CHECK(e <= 1e-5);  // coefficients of about 3: float32 sums of 2N terms
    CHECK(e_inside <= 1e-5);
  };
  check(std::integral_constant<std::size_t, 2>{});
  check(std::integral_constant<std::size_t, 4>{});
}

TEST_CASE("envelope equals |scipy.signal.hilbert|") {
  std::array<ctml::dsp::complex_f32, 256> work{};
  std::array<float, 256> env{};
  double worst = 0.0;
  for (const char* sig : {"random", "impulse", "step", "sweep", "offset", "am"}) {
    INFO(sig);
    const auto x = data()[std::string("envelope/") + sig + "/x"].as_float();
    ctml::dsp::envelope<256>(std::span<const float, 256>(x.data(), 256), env, work);
    const double e = rel_error(std::vector<float>(env.begin(), env.end()),
                               data()[std::string("envelope/") + sig + "/env"].values);
    CHECK(e <= 2e-6);
    worst = std::fmax(worst, e);
  }
  std::printf("envelope vs |hilbert|: max error %.3g of the envelope's peak\n", worst);
}

TEST_CASE("stft and spectrogram equal scipy.signal.stft / spectrogram (Hann, no padding)") {
  std::array<float, 128> frame{};
  std::array<ctml::dsp::complex_f32, 65> bins{};
  double worst_z = 0.0, worst_s = 0.0;
  for (const char* sig : signals) {
    const auto x = data()[std::string("stft/") + sig + "/x"].as_float();
    auto run = [&]<std::size_t Hop>(std::integral_constant<std::size_t, Hop>) {
      const std::string p = std::string("stft/") + sig + "/hop" + std::to_string(Hop) + "/";
      INFO(p);
      const auto& zref = data()[p + "stft"];
      const auto& sref = data()[p + "spectrogram"].values;
      const std::size_t frames = ctml::dsp::stft_frames(x.size(), 128, Hop);
      REQUIRE(zref.shape[0] == frames);
      std::vector<std::array<ctml::dsp::complex_f32, 65>> z(frames);
      std::vector<std::array<float, 65>> s(frames);
      CHECK(ctml::dsp::stft<128, Hop>(x, std::span(z), frame) == frames);
      CHECK(ctml::dsp::spectrogram<128, Hop>(x, ctml::hertz{1000.0}, std::span(s), frame, bins) == frames);
      std::vector<float> zf, sf;
      for (const auto& f : z)
        for (const auto& b : f) zf.insert(zf.end(), {b.re, b.im});
      for (const auto& f : s) sf.insert(sf.end(), f.begin(), f.end());
      const double ez = rel_error(zf, zref.values), es = rel_error(sf, sref);
      CHECK(ez <= 2e-6);
      CHECK(es <= 5e-6);
      worst_z = std::fmax(worst_z, ez);
      worst_s = std::fmax(worst_s, es);
    };
    run(std::integral_constant<std::size_t, 64>{});
    run(std::integral_constant<std::size_t, 32>{});
  }
  std::printf("stft / spectrogram vs scipy: max error %.3g / %.3g of the peak\n", worst_z, worst_s);
}

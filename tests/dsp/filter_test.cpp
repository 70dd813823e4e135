// Filters vs scipy.signal: Butterworth SOS designs (butter(..., output="sos")), sos_filter vs sosfilt,
// sos_filter_q15 vs sosfilt with the quantized sections, fir/fir_q15 vs lfilter (firwin taps) with
// decimation, fir_q31 / sos_filter_q31 vs lfilter / sosfilt on the dequantized values, resampler /
// resampler_q15 / resampler_q31 vs upfirdn (the fixed-point ones on the integers), pre-emphasis, DC
// blocker and moving average vs lfilter; random, impulse, step, sweep and offset signals, each also fed in
// random chunk sizes (must equal one call exactly). Data: tests/dsp/data/filters.bin
// (tools/gen_dsp/gen_dsp_reference.py, gen_filters).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <ctml/dsp/biquad.hpp>
#include <ctml/dsp/butterworth.hpp>
#include <ctml/dsp/dc_blocker.hpp>
#include <ctml/dsp/fir.hpp>
#include <ctml/dsp/moving_average.hpp>
#include <ctml/dsp/pre_emphasis.hpp>

#include "ref_data.hpp"

namespace {
const ctml_test::ref_file& data() {
  static const ctml_test::ref_file f("filters.bin");
  return f;
}
const char* const signals[] = {"random", "impulse", "step", "sweep", "offset"};

// Random chunk sizes 0 .. 37 (xorshift32), deterministic.
std::vector<std::size_t> chunks(std::size_t total, std::uint32_t seed) {
  std::vector<std::size_t> c;
  std::size_t done = 0;
  while (done < total) {
    seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
    const std::size_t n = std::min<std::size_t>(seed % 38, total - done);
    c.push_back(n);
    done += n;
  }
  return c;
}

// Runs `f` (fresh) over x in one call and in random chunks; both outputs must be identical.
// expected: the number of outputs (x.size() unless the filter resamples).
template <typename F, typename T>
std::vector<T> run_checked(F f, const std::vector<T>& x, std::size_t expected = 0) {
  F whole = f;
  std::vector<T> y1(3 * x.size()), y2(3 * x.size());  // room for up to 3x upsampling
  std::size_t n1 = 0, n2 = 0;
  if constexpr (requires { whole.process(std::span<const T>(x), std::span<T>(y1)) + 0; }) {
    n1 = whole.process(std::span<const T>(x), std::span<T>(y1));
  } else {
    whole.process(std::span<const T>(x), std::span<T>(y1));
    n1 = x.size();
  }
  F part = f;
  std::size_t at = 0;
  for (std::size_t c : chunks(x.size(), 0x9e3779b9u + static_cast<std::uint32_t>(x.size()))) {
    const auto in = std::span<const T>(x).subspan(at, c);
    if constexpr (requires { part.process(in, std::span<T>(y2)) + 0; })
      n2 += part.process(in, std::span<T>(y2).subspan(n2));
    else {
      part.process(in, std::span<T>(y2).subspan(n2));
      n2 += c;
    }
    at += c;
  }
  REQUIRE(n1 == n2);
  REQUIRE(n1 == (expected ? expected : x.size()));
  y1.resize(n1);
  y2.resize(n2);
  CHECK(y1 == y2);  // streaming == one shot, bit for bit
  return y1;
}

template <typename T>
double max_abs_diff(const std::vector<T>& a, const std::vector<double>& ref, std::size_t step = 1) {
  double e = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i)
    e = std::fmax(e, std::fabs(static_cast<double>(a[i]) - ref[i * step]));
  return e;
}

double max_abs(const std::vector<double>& v) {
  double m = 0.0;
  for (double x : v) m = std::fmax(m, std::fabs(x));
  return m;
}

template <std::size_t S>
std::array<ctml::dsp::sos_section, S> sections_of(const std::string& key) {
  const auto& v = data()[key].values;
  REQUIRE(v.size() == 6 * S);
  std::array<ctml::dsp::sos_section, S> s{};
  for (std::size_t i = 0; i < S; ++i)
    s[i] = {v[6 * i], v[6 * i + 1], v[6 * i + 2], v[6 * i + 4], v[6 * i + 5]};
  return s;
}

// Designed by the compiler; compared with scipy's design. Frequencies as ctml::hertz literals, or as
// plain numbers (read as hertz: the call sites written before ctml::hertz).
using namespace ctml::literals;
static_assert(16_kHz == ctml::hertz{16000.0} && 2.5_kHz == 2500_Hz && 0.5_Hz == ctml::hertz{0.5});
constexpr auto lp1 = ctml::dsp::butter_lowpass<1>(100.0, 1000.0);
constexpr auto lp4 = ctml::dsp::butter_lowpass<4>(40_Hz, 1_kHz);
constexpr auto lp5 = ctml::dsp::butter_lowpass<5>(3_kHz, 16_kHz);
constexpr auto lp8 = ctml::dsp::butter_lowpass<8>(200.0, 1000.0);
constexpr auto hp2 = ctml::dsp::butter_highpass<2>(0.5_Hz, 100_Hz);
constexpr auto hp3 = ctml::dsp::butter_highpass<3>(300_Hz, 1_kHz);
constexpr auto bp2 = ctml::dsp::butter_bandpass<2>(10.0, 200.0, 1000.0);
constexpr auto bp3 = ctml::dsp::butter_bandpass<3>(300_Hz, 3.4_kHz, 16_kHz);
constexpr auto bp4 = ctml::dsp::butter_bandpass<4>(5.0, 20.0, 100.0);
static_assert(lp4.size() == 2 && lp5.size() == 3 && bp3.size() == 3);

// Design agreement with scipy: |c - c_scipy| <= this times max(1, max |c_scipy|) (docs/dsp.md).
constexpr double design_tolerance = 1e-11;

template <std::size_t S>
double design_error(const std::array<ctml::dsp::sos_section, S>& got, const std::string& name) {
  const auto ref = sections_of<S>("butter/" + name);
  double e = 0.0, m = 1.0;
  for (std::size_t i = 0; i < S; ++i) {
    const double g[5] = {got[i].b0, got[i].b1, got[i].b2, got[i].a1, got[i].a2};
    const double r[5] = {ref[i].b0, ref[i].b1, ref[i].b2, ref[i].a1, ref[i].a2};
    for (int j = 0; j < 5; ++j) {
      e = std::fmax(e, std::fabs(g[j] - r[j]));
      m = std::fmax(m, std::fabs(r[j]));
    }
  }
  return e / m;
}
}  // namespace

TEST_CASE("butter_lowpass/highpass/bandpass (constexpr) equal scipy.signal.butter(output='sos')") {
  INFO(data().provenance());
  double worst = 0.0;
  auto check = [&](double e, const char* name) {
    CHECK_MESSAGE(e <= design_tolerance, name << " error " << e);
    worst = std::fmax(worst, e);
  };
  check(design_error(lp1, "lp1_100_1000"), "lp1");
  check(design_error(lp4, "lp4_40_1000"), "lp4");
  check(design_error(lp5, "lp5_3000_16000"), "lp5");
  check(design_error(lp8, "lp8_200_1000"), "lp8");
  check(design_error(hp2, "hp2_0.5_100"), "hp2");
  check(design_error(hp3, "hp3_300_1000"), "hp3");
  check(design_error(bp2, "bp2_10_200_1000"), "bp2");
  check(design_error(bp3, "bp3_300_3400_16000"), "bp3");
  check(design_error(bp4, "bp4_5_20_100"), "bp4");
  std::printf("butterworth designs: max relative coefficient error %.3g\n", worst);
}

TEST_CASE("sos_filter (float32, transposed DF II) equals scipy.signal.sosfilt, in any chunk sizes") {
  double worst = 0.0;
  auto run = [&]<std::size_t S>(const std::string& name, std::integral_constant<std::size_t, S>) {
    const ctml::dsp::sos_filter<S> f{sections_of<S>("butter/" + name)};
    for (const char* sig : signals) {
      const auto x = data()[std::string("x/") + sig].as_float();
      const auto& ref = data()["sosfilt/" + name + "/" + sig].values;
      const auto y = run_checked(f, x);
      const double e = max_abs_diff(y, ref) / std::fmax(max_abs(ref), 1e-3);
      CHECK_MESSAGE(e <= 2e-5, name << " " << sig << " error " << e);
      worst = std::fmax(worst, e);
    }
  };
  run("lp4_40_1000", std::integral_constant<std::size_t, 2>{});
  run("hp3_300_1000", std::integral_constant<std::size_t, 2>{});
  run("bp3_300_3400_16000", std::integral_constant<std::size_t, 3>{});
  std::printf("sos_filter vs sosfilt: max error %.3g of the output's peak\n", worst);
}

// A fixed-point cascade (Filter: sos_filter_q15 or sos_filter_q31 of scipy's sections `name`) against
// sosfilt of its quantized sections (`key`: sos_q15 or sos_q31, input `xkey`): the stored coefficients
// are numpy's rounding, and the error over the five signals stays within `bound` LSB. One rounding per
// section output (as CMSIS-DSP's DF I), amplified by the later sections' gain: the bound grows as the
// poles approach z = 1 (low cutoff / sample rate). Returns the largest error.
template <typename Filter, typename Sample>
double fixed_sos_error(const std::string& name, const std::string& key, const std::string& xkey,
                       double bound) {
  const Filter f{sections_of<Filter::num_sections>("butter/" + name)};
  const auto& cq = data()[key + "/" + name + "/coefficients"].values;
  for (std::size_t s = 0; s < Filter::num_sections; ++s)
    for (std::size_t j = 0; j < 5; ++j) CHECK(f.coefficients(s)[j] == cq[5 * s + j]);
  double worst = 0.0;
  for (const char* sig : signals) {
    const auto x = data()[xkey + "/" + sig].as<Sample>();
    const double e = max_abs_diff(run_checked(f, x), data()[key + "/" + name + "/" + sig].values);
    CHECK_MESSAGE(e <= bound, key << " " << name << " " << sig << " error " << e << " LSB");
    worst = std::fmax(worst, e);
  }
  std::printf("%s %s: max error %.3g LSB\n", key.c_str(), name.c_str(), worst);
  return worst;
}

TEST_CASE("sos_filter_q15 (DF I, post-shift 2) equals sosfilt of its quantized sections, in any chunks") {
  using ctml::dsp::sos_filter_q15;
  double worst = fixed_sos_error<sos_filter_q15<3>, std::int16_t>("lp5_3000_16000", "sos_q15", "xq", 12.0);
  worst =
      std::fmax(worst,  // measured 102 (10 Hz at 1 kHz)
                fixed_sos_error<sos_filter_q15<2>, std::int16_t>("bp2_10_200_1000", "sos_q15", "xq", 128.0));
  worst = std::fmax(worst,
                    fixed_sos_error<sos_filter_q15<2>, std::int16_t>("hp3_300_1000", "sos_q15", "xq", 3.0));
  std::printf(
      "sos_filter_q15 vs sosfilt (quantized sections): max error %.3g LSB (measured 9.3 / 102 / 1.9)\n",
      worst);
}

TEST_CASE("fir and fir_q15 equal scipy.signal.lfilter (firwin taps), decimated by 1 and 3, in any chunks") {
  double worst = 0.0;
  auto run = [&]<std::size_t N>(const std::string& name, std::integral_constant<std::size_t, N>) {
    const auto taps = data()["fir/" + name + "/taps"].as_float();
    const auto taps_q = data()["fir/" + name + "/taps_q15"].as<std::int16_t>();
    const std::span<const float, N> h(taps.data(), N);
    const std::span<const std::int16_t, N> hq(taps_q.data(), N);
    for (const char* sig : signals) {
      const auto x = data()[std::string("x/") + sig].as_float();
      const auto xq = data()[std::string("xq/") + sig].as<std::int16_t>();
      const auto& ref = data()["fir/" + name + "/" + sig].values;
      const auto& ref_q = data()["fir_q15/" + name + "/" + sig].values;
      const double scale = std::fmax(max_abs(ref), 1e-3);
      const double e1 = max_abs_diff(run_checked(ctml::dsp::fir<N>{h}, x), ref) / scale;
      const double e3 =
          max_abs_diff(run_checked(ctml::dsp::fir<N, 3>{h}, x, (x.size() + 2) / 3), ref, 3) / scale;
      CHECK_MESSAGE(e1 <= 1e-6, name << " " << sig << " error " << e1);
      CHECK_MESSAGE(e3 <= 1e-6, name << " " << sig << " /3 error " << e3);
      worst = std::fmax(worst, std::fmax(e1, e3));
      CHECK(max_abs_diff(run_checked(ctml::dsp::fir_q15<N>{hq}, xq), ref_q) == 0.0);  // exact
      CHECK(max_abs_diff(run_checked(ctml::dsp::fir_q15<N, 3>{hq}, xq, (xq.size() + 2) / 3), ref_q, 3) ==
            0.0);
    }
  };
  run("lp31", std::integral_constant<std::size_t, 31>{});
  run("bp64", std::integral_constant<std::size_t, 64>{});
  std::printf("fir vs lfilter: max error %.3g of the output's peak; fir_q15 exact\n", worst);
}

TEST_CASE(
    "fir_q31 equals scipy.signal.lfilter on its dequantized taps and input, within 0.5 LSB, in any chunks") {
  // The reference is float64 lfilter of taps / 2^31 and x / 2^31, times 2^31 and saturated: the only
  // difference is the one rounding of each output (<= 0.5 LSB) plus lfilter's float64 error
  // (~1e-5 LSB here).
  constexpr double bound = 0.5 + 1e-3;
  double worst = 0.0;
  std::size_t saturated = 0;
  auto run = [&]<std::size_t N>(const std::string& name, std::integral_constant<std::size_t, N>) {
    const auto taps = data()["fir/" + name + "/taps_q31"].as<std::int32_t>();
    const std::span<const std::int32_t, N> h(taps.data(), N);
    for (const char* sig : {"random", "impulse", "step", "sweep", "offset", "full_scale"}) {
      const auto x = data()[std::string("xq31/") + sig].as<std::int32_t>();
      const auto& ref = data()["fir_q31/" + name + "/" + sig].values;
      const auto y1 = run_checked(ctml::dsp::fir_q31<N>{h}, x);
      const auto y3 = run_checked(ctml::dsp::fir_q31<N, 3>{h}, x, (x.size() + 2) / 3);
      const double e = std::fmax(max_abs_diff(y1, ref), max_abs_diff(y3, ref, 3));
      CHECK_MESSAGE(e <= bound, name << " " << sig << " error " << e << " LSB");
      worst = std::fmax(worst, e);
      for (std::int32_t v : y1) saturated += v == INT32_MAX || v == INT32_MIN;
    }
  };
  run("lp31", std::integral_constant<std::size_t, 31>{});
  run("bp64", std::integral_constant<std::size_t, 64>{});
  CHECK(saturated > 0);  // the full-scale signal reached the saturation
  std::printf("fir_q31 vs lfilter: max error %.4g LSB (%u saturated outputs)\n", worst,
              static_cast<unsigned>(saturated));
}

TEST_CASE("sos_filter_q31 (DF I, post-shift 2) equals sosfilt of its quantized sections, in any chunks") {
  using ctml::dsp::sos_filter_q31;
  // In Q31 LSB: the same rounding noise as Q15 relative to one LSB; measured 10.3 / 30.9 / 1.96.
  fixed_sos_error<sos_filter_q31<3>, std::int32_t>("lp5_3000_16000", "sos_q31", "xq31", 12.0);
  fixed_sos_error<sos_filter_q31<2>, std::int32_t>("bp2_10_200_1000", "sos_q31", "xq31", 40.0);
  fixed_sos_error<sos_filter_q31<2>, std::int32_t>("hp3_300_1000", "sos_q31", "xq31", 3.0);
  static_assert(ctml::dsp::sos_filter_q31<3>::ram_bytes == 3 * 9 * 4);
}

TEST_CASE(
    "resampler, resampler_q15 and resampler_q31 equal scipy.signal.upfirdn (2/3 and 3/1), in any chunks") {
  double worst = 0.0;
  std::size_t saturated = 0;
  auto run = [&]<std::size_t N, std::size_t Up, std::size_t Down>(std::integral_constant<std::size_t, N>,
                                                                  std::integral_constant<std::size_t, Up>,
                                                                  std::integral_constant<std::size_t, Down>) {
    const std::string key = "resample/" + std::to_string(Up) + "_" + std::to_string(Down) + "/";
    const auto taps = data()[key + "taps"].as_float();
    const std::span<const float, N> h(taps.data(), N);
    for (const char* sig : signals) {
      const auto x = data()[std::string("x/") + sig].as_float();
      const auto& ref = data()[key + sig].values;
      const auto y = run_checked(ctml::dsp::resampler<N, Up, Down>{h}, x, (x.size() * Up + Down - 1) / Down);
      REQUIRE(y.size() == ref.size());
      const double e = max_abs_diff(y, ref) / std::fmax(max_abs(ref), 1e-3);
      CHECK_MESSAGE(e <= 1e-6, key << sig << " error " << e);
      worst = std::fmax(worst, e);
      if (data().has("resample_q15/" + std::to_string(Up) + "_" + std::to_string(Down) + "/" + sig)) {
        const auto taps_q = data()[key + "taps_q15"].as<std::int16_t>();
        const auto xq = data()[std::string("xq/") + sig].as<std::int16_t>();
        const auto yq = run_checked(
            ctml::dsp::resampler_q15<N, Up, Down>{std::span<const std::int16_t, N>(taps_q.data(), N)}, xq,
            (xq.size() * Up + Down - 1) / Down);
        const auto& ref_q =
            data()["resample_q15/" + std::to_string(Up) + "_" + std::to_string(Down) + "/" + sig].values;
        REQUIRE(yq.size() == ref_q.size());
        CHECK(max_abs_diff(yq, ref_q) == 0.0);  // exact
      }
    }
    // Q31: the Q31 signals, with the full-scale square wave that saturates.
    if (!data().has(key + "taps_q31")) return;
    const auto taps_q31 = data()[key + "taps_q31"].as<std::int32_t>();
    const std::span<const std::int32_t, N> h31(taps_q31.data(), N);
    for (const char* sig : {"random", "impulse", "step", "sweep", "offset", "full_scale"}) {
      const auto x31 = data()[std::string("xq31/") + sig].as<std::int32_t>();
      const auto y31 =
          run_checked(ctml::dsp::resampler_q31<N, Up, Down>{h31}, x31, (x31.size() * Up + Down - 1) / Down);
      const auto& ref31 =
          data()["resample_q31/" + std::to_string(Up) + "_" + std::to_string(Down) + "/" + sig].values;
      REQUIRE(y31.size() == ref31.size());
      CHECK_MESSAGE(max_abs_diff(y31, ref31) == 0.0, "resampler_q31 " << key << std::string(sig));  // exact
      for (std::int32_t v : y31) saturated += v == INT32_MAX || v == INT32_MIN;
    }
  };
  run(std::integral_constant<std::size_t, 48>{}, std::integral_constant<std::size_t, 2>{},
      std::integral_constant<std::size_t, 3>{});
  run(std::integral_constant<std::size_t, 31>{}, std::integral_constant<std::size_t, 3>{},
      std::integral_constant<std::size_t, 1>{});
  CHECK(data().has("resample_q15/2_3/random"));  // the Q15 case above really ran
  CHECK(data().has("resample/2_3/taps_q31"));    // and the Q31 one
  CHECK(saturated > 0);                          // the full-scale signal reached the saturation
  std::printf(
      "resampler vs upfirdn: max error %.3g of the output's peak; resampler_q15 and _q31 exact (%u "
      "saturated Q31 outputs)\n",
      worst, static_cast<unsigned>(saturated));
}

TEST_CASE("pre-emphasis, DC blocker and moving average equal scipy.signal.lfilter, in any chunks") {
  double worst = 0.0;
  for (const char* sig : signals) {
    const auto x = data()[std::string("x/") + sig].as_float();
    const auto xq = data()[std::string("xq/") + sig].as<std::int16_t>();
    const std::string s = sig;
    const double e1 =
        max_abs_diff(run_checked(ctml::dsp::pre_emphasis{0.97f}, x), data()["preemphasis/" + s].values);
    const double e2 =
        max_abs_diff(run_checked(ctml::dsp::dc_blocker{0.995f}, x), data()["dc_blocker/" + s].values);
    const double e3 =
        max_abs_diff(run_checked(ctml::dsp::moving_average<8>{}, x), data()["moving_average/" + s].values);
    CHECK_MESSAGE(e1 <= 2e-7, sig);
    CHECK_MESSAGE(e2 <= 2e-6, sig);
    CHECK_MESSAGE(e3 <= 2e-7, sig);
    worst = std::fmax(worst, std::fmax(e1, std::fmax(e2, e3)));
    // Q15: exact, as the numpy statements of the integer definitions.
    CHECK(max_abs_diff(run_checked(ctml::dsp::pre_emphasis_q15{0.97}, xq),
                       data()["preemphasis_q15/" + s].values) == 0.0);
    CHECK(max_abs_diff(run_checked(ctml::dsp::moving_average_q15<8>{}, xq),
                       data()["moving_average_q15/" + s].values) == 0.0);
  }
  static_assert(ctml::dsp::pre_emphasis_q15{0.97}.coefficient() == 31785);  // round(0.97 * 32768)
  std::printf("pre-emphasis / DC blocker / moving average vs lfilter: max abs error %.3g\n", worst);
  static_assert(ctml::dsp::moving_average<8>::ram_bytes == sizeof(ctml::dsp::moving_average<8>));
  static_assert(ctml::dsp::sos_filter_q15<3>::ram_bytes == 3 * 18);
}

// The architecture paths (assembly / SMLALD on Cortex-M, dsp/arm_dsp) against the portable code,
// called directly, on the same core: the same bits. Full-scale noise (saturating Q15 sections, taps
// of both signs), lengths that leave remainders for every block size, odd and even tap counts. On
// the host both sides are the portable code (the test then checks the block/lead-in bookkeeping).
TEST_CASE("filter kernels: the target's paths give the portable code's bits") {
  namespace d = ctml::dsp::detail;
  std::uint32_t s = 12345;
  auto next = [&] {
    s ^= s << 13, s ^= s >> 17, s ^= s << 5;
    return s;
  };
  std::vector<std::int16_t> xq(301);
  std::vector<float> xf(301);
  for (std::size_t i = 0; i < xq.size(); ++i) {
    xq[i] = static_cast<std::int16_t>(next() & 0xffff);
    xf[i] = static_cast<float>(xq[i]) / 32768.0f;
  }
  // Biquads: sections near z = 1 (large a1), a section with a = -4.0 (-32768: the portable path) and
  // one whose coefficients add up to more than 8 (beyond Helium's 32-bit sums: the DSP extension's).
  const std::array<ctml::dsp::sos_section, 4> sos = {{{0.9, -1.8, 0.9, -1.95, 0.96},
                                                      {1.0, 2.0, 1.0, -1.2, 0.5},
                                                      {0.5, 0.1, -0.3, -4.0, 0.2},
                                                      {3.0, 3.5, 1.5, -1.0, 0.5}}};
  const std::size_t lengths[] = {1, 7, 8, 9, 10, 11, 12, 13, 16, 17, 18, 301}, offsets[] = {0, 1};
  for (std::size_t n : lengths) {
    CAPTURE(n);
    std::vector<std::int16_t> rq(xq.begin(), xq.begin() + static_cast<std::ptrdiff_t>(n));
    ctml::dsp::sos_filter_q15<4> ref{sos};
    for (std::size_t k = 0; k < 4; ++k) {
      std::array<std::int16_t, 4> z{};
      d::sos_q15_section_impl<ctml::arch::generic>::run<13>(ref.coefficients(k).data(), z.data(), rq.data(),
                                                            rq.data(), n);
    }
    // Output at a word-aligned and at an odd halfword address, and in place.
    for (std::size_t offset : offsets) {
      CAPTURE(offset);
      ctml::dsp::sos_filter_q15<4> fq{sos};
      std::vector<std::int16_t> buffer(n + 2);
      const std::span<std::int16_t> yq(buffer.data() + offset, n);
      fq.process(std::span<const std::int16_t>(xq.data(), n), yq);
      CHECK(std::equal(yq.begin(), yq.end(), rq.begin()));
    }
    ctml::dsp::sos_filter_q15<4> fi{sos};
    std::vector<std::int16_t> io(xq.begin(), xq.begin() + static_cast<std::ptrdiff_t>(n));
    fi.process(io, io);
    CHECK(io == rq);

    const std::array<ctml::dsp::sos_section, 2> sos2 = {sos[0], sos[1]};
    ctml::dsp::sos_filter<2> ff{sos2};
    std::vector<float> yf(n), rf(xf.begin(), xf.begin() + static_cast<std::ptrdiff_t>(n));
    ff.process(std::span<const float>(xf.data(), n), yf);
    for (const auto& sec : sos2) {
      const float c[5] = {static_cast<float>(sec.b0), static_cast<float>(sec.b1), static_cast<float>(sec.b2),
                          static_cast<float>(sec.a1), static_cast<float>(sec.a2)};
      float z[2] = {0, 0};
      d::sos_section_impl<ctml::arch::generic>::run(c, z, rf.data(), rf.data(), n);
    }
    CHECK(yf == rf);
  }
  // FIRs: the whole signal after N - 1 zeros, through the portable block kernel.
  auto fir_case = [&]<std::size_t N, std::size_t D>(std::integral_constant<std::size_t, N>,
                                                    std::integral_constant<std::size_t, D>) {
    CAPTURE(N);
    CAPTURE(D);
    std::array<std::int16_t, N> hq{};
    std::array<float, N> hf{};
    for (std::size_t k = 0; k < N; ++k) {
      hq[k] = static_cast<std::int16_t>(next() & 0xffff);
      hf[k] = static_cast<float>(hq[k]) / 32768.0f;
    }
    std::vector<std::int16_t> pq(N - 1, 0);
    pq.insert(pq.end(), xq.begin(), xq.end());
    std::vector<float> pf(N - 1, 0.0f);
    pf.insert(pf.end(), xf.begin(), xf.end());
    const std::size_t count = (xq.size() + D - 1) / D;
    std::vector<std::int16_t> yq(count), rq(count);
    std::vector<float> yf(count), rf(count);
    ctml::dsp::fir_q15<N, D> fq{std::span<const std::int16_t, N>(hq)};
    ctml::dsp::fir<N, D> ff{std::span<const float, N>(hf)};
    CHECK(fq.process(xq, yq) == count);
    CHECK(ff.process(xf, yf) == count);
    d::fir_block_impl<ctml::arch::generic>::run<std::int16_t, N, D>(hq.data(), pq.data(), rq.data(), count);
    d::fir_block_impl<ctml::arch::generic>::run<float, N, D>(hf.data(), pf.data(), rf.data(), count);
    CHECK(yq == rq);
    CHECK(yf == rf);
  };
  fir_case(std::integral_constant<std::size_t, 32>{}, std::integral_constant<std::size_t, 1>{});
  fir_case(std::integral_constant<std::size_t, 17>{}, std::integral_constant<std::size_t, 1>{});
  fir_case(std::integral_constant<std::size_t, 6>{}, std::integral_constant<std::size_t, 1>{});
  fir_case(std::integral_constant<std::size_t, 16>{}, std::integral_constant<std::size_t, 2>{});
  fir_case(std::integral_constant<std::size_t, 24>{}, std::integral_constant<std::size_t, 3>{});
  fir_case(std::integral_constant<std::size_t, 32>{}, std::integral_constant<std::size_t, 4>{});
}

// ctml::sigmoid and ctml::tanh: float against numpy float64; int8 against TFLite's int8 LOGISTIC /
// TANH arithmetic (bit for bit) and against the float function requantized (within 1 LSB), for every
// int8 input of 16 input quantizations (data: tests/gru/gen_sigmoid_tanh_data.py); and in a
// `sequential` chain (dense -> sigmoid -> dense -> tanh), in place in the memory plan.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include <ctml/graph/arena.hpp>
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/dense.hpp>
#include <ctml/layers/sigmoid_tanh.hpp>

#include "data/sigmoid_tanh_cases.hpp"

namespace c = sigmoid_tanh_cases;

namespace {

template <class L, class T, std::size_t N, const ctml::quantization&... Q>
using bound =
    typename L::template bind<ctml::tensor_spec<ctml::shape<static_cast<int>(N)>, T, ctml::quant_ref<Q>...>>;

template <class B, class T, std::size_t N>
std::array<T, B::output::size> run(const std::array<T, N>& x) {
  static_assert(N == B::input::size);
  std::array<T, B::output::size> y{};
  B::run(x.data(), y.data(), nullptr);
  return y;
}

template <class L>
double float_error(const std::array<double, c::float_count>& want) {
  using B = bound<L, float, c::float_count>;
  const auto y = run<B>(c::x);
  double worst = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    REQUIRE(std::isfinite(y[i]));
    worst = std::max(worst, std::abs(double(y[i]) - want[i]));
  }
  return worst;
}

constexpr std::array<std::int8_t, 256> every_int8 = [] {
  std::array<std::int8_t, 256> a{};
  for (int i = 0; i < 256; ++i) a[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(i - 128);
  return a;
}();

struct int8_result {
  int tflite_mismatches = 0;
  int max_lsb = 0;  // |ctml - exact| over the input scales below large_scale
};

template <ctml::smooth_activation F, std::size_t... I>
int8_result check_int8(std::index_sequence<I...>) {
  constexpr bool sig = F == ctml::smooth_activation::sigmoid;
  const auto& tflite = sig ? c::sigmoid_tflite : c::tanh_tflite;
  const auto& exact = sig ? c::sigmoid_exact : c::tanh_exact;
  int8_result r;
  auto one = [&]<std::size_t K>() {
    using L = std::conditional_t<sig, ctml::sigmoid<>, ctml::tanh<>>;
    using B = bound<L, std::int8_t, 256, *c::quants[K]>;
    const auto y = run<B>(every_int8);
    for (std::size_t i = 0; i < 256; ++i) {
      // tables are indexed by input value + 128
      if (y[i] != tflite[K][i]) {
        ++r.tflite_mismatches;
        MESSAGE("q" << K << " input " << int(every_int8[i]) << ": ctml " << int(y[i]) << ", TFLite "
                    << int(tflite[K][i]));
      }
      if (c::quants[K]->scale < c::large_scale) r.max_lsb = std::max(r.max_lsb, std::abs(y[i] - exact[K][i]));
    }
  };
  (one.template operator()<I>(), ...);
  return r;
}

// Small deterministic weights for the chain.
template <class T, std::size_t N>
constexpr std::array<T, N> pattern(int seed, int span) {
  std::array<T, N> a{};
  std::uint32_t s = static_cast<std::uint32_t>(seed) * 2654435761u + 1u;
  for (auto& v : a) {
    s = s * 1664525u + 1013904223u;
    const int k = static_cast<int>(s >> 24) % (2 * span + 1) - span;
    if constexpr (std::is_same_v<T, float>)
      v = static_cast<float>(k) / static_cast<float>(span) * 0.8f;
    else
      v = static_cast<T>(k);
  }
  return a;
}

constexpr ctml::dense_weights<float, 12, 16> fd0{pattern<float, 192>(1, 50), pattern<float, 12>(2, 50)};
constexpr ctml::dense_weights<float, 6, 12> fd1{pattern<float, 72>(3, 50), pattern<float, 6>(4, 50)};
constexpr ctml::quantization in_q{0.05f, -3};
constexpr ctml::dense_weights<std::int8_t, 12, 16, 1> qd0{
    pattern<std::int8_t, 192>(5, 127), pattern<std::int32_t, 12>(6, 400), {0.004f}, {0.06f, 5}};
constexpr ctml::dense_weights<std::int8_t, 6, 12, 1> qd1{
    pattern<std::int8_t, 72>(7, 127), pattern<std::int32_t, 6>(8, 3000), {0.01f}, {0.03f, -7}};

template <class T, const auto& D0, const auto& D1, const ctml::quantization&... InQ>
struct chain final : ctml::sequential<ctml::input<ctml::shape<16>, T, InQ...>,
                                      ctml::dense<ctml::dense_options{.units = 12}, D0>, ctml::sigmoid<>,
                                      ctml::dense<ctml::dense_options{.units = 6}, D1>, ctml::tanh<>> {};
template <class T, const auto& D0, const auto& D1, const ctml::quantization&... InQ>
struct chain_without final : ctml::sequential<ctml::input<ctml::shape<16>, T, InQ...>,
                                              ctml::dense<ctml::dense_options{.units = 12}, D0>,
                                              ctml::dense<ctml::dense_options{.units = 6}, D1>> {};
using float_chain = chain<float, fd0, fd1>;
using int8_chain = chain<std::int8_t, qd0, qd1, in_q>;

// Element-wise layers run in place: they add nothing to the arena, only their table to flash.
static_assert(float_chain::arena_bytes == chain_without<float, fd0, fd1>::arena_bytes);
static_assert(int8_chain::arena_bytes == chain_without<std::int8_t, qd0, qd1, in_q>::arena_bytes);
static_assert(int8_chain::weight_bytes == chain_without<std::int8_t, qd0, qd1, in_q>::weight_bytes + 2 * 256);
static_assert(float_chain::weight_bytes == chain_without<float, fd0, fd1>::weight_bytes);
static_assert(int8_chain::output_spec::quant.scale == 1.0f / 128 &&
              int8_chain::output_spec::quant.zero_point == 0);
static_assert(int8_chain::layer<2>::input::quant.scale == 1.0f / 256);  // dense 2 reads the sigmoid's grid

// The chain's result equals its layers run one by one on separate buffers.
template <class M, class T>
void check_chain(const std::array<T, 16>& x) {
  static ctml::arena<M> a;
  std::copy(x.begin(), x.end(), a.input().begin());
  M::invoke(a);
  const auto h0 = run<typename M::template layer<0>>(x);
  const auto h1 = run<typename M::template layer<1>>(h0);
  const auto h2 = run<typename M::template layer<2>>(h1);
  const auto h3 = run<typename M::template layer<3>>(h2);
  CHECK(std::equal(h3.begin(), h3.end(), a.output().begin()));
}

}  // namespace

TEST_CASE("sigmoid, tanh: float against numpy float64") {
  const double s = float_error<ctml::sigmoid<>>(c::sigmoid);
  const double t = float_error<ctml::tanh<>>(c::tanh);
  MESSAGE("max |ctml - numpy|: sigmoid " << s << ", tanh " << t);
  CHECK(s <= 2.5e-7);
  CHECK(t <= 2.5e-7);
}

TEST_CASE("sigmoid, tanh: float NaN propagates, infinities saturate") {
  using S = bound<ctml::sigmoid<>, float, 3>;
  using T = bound<ctml::tanh<>, float, 3>;
  const std::array<float, 3> x{NAN, INFINITY, -INFINITY};
  const auto s = run<S>(x);
  const auto t = run<T>(x);
  CHECK(std::isnan(s[0]));
  CHECK(s[1] == 1.0f);
  CHECK(s[2] == doctest::Approx(0.0).epsilon(1e-30));
  CHECK(std::isnan(t[0]));
  CHECK(t[1] == 1.0f);
  CHECK(t[2] == -1.0f);
}

TEST_CASE("sigmoid, tanh: int8 bit-exact with TFLite's arithmetic, within 1 LSB of the float function") {
  const auto s = check_int8<ctml::smooth_activation::sigmoid>(std::make_index_sequence<c::quant_count>{});
  const auto t = check_int8<ctml::smooth_activation::tanh>(std::make_index_sequence<c::quant_count>{});
  MESSAGE("max |ctml - requantized float| (LSB): sigmoid " << s.max_lsb << ", tanh " << t.max_lsb);
  CHECK(s.tflite_mismatches == 0);
  CHECK(t.tflite_mismatches == 0);
  CHECK(s.max_lsb <= 1);
  CHECK(t.max_lsb <= 1);
}

TEST_CASE("sigmoid, tanh: layer facts") {
  using S8 = bound<ctml::sigmoid<>, std::int8_t, 10, in_q>;
  using T8 = bound<ctml::tanh<>, std::int8_t, 10, in_q>;
  using SF = bound<ctml::sigmoid<>, float, 10>;
  static_assert(ctml::BoundLayer<S8> && ctml::BoundLayer<T8> && ctml::BoundLayer<SF>);
  static_assert(S8::weight_bytes == 256 && SF::weight_bytes == 0 && S8::in_place && S8::macs == 0);
  static_assert(S8::output::quant.scale == 1.0f / 256 && S8::output::quant.zero_point == -128);
  static_assert(T8::output::quant.scale == 1.0f / 128 && T8::output::quant.zero_point == 0);
  static_assert(std::is_same_v<S8::output::shape, ctml::shape<10>>);
  CHECK(std::string_view{S8::name} == "sigmoid");
  CHECK(std::string_view{T8::name} == "tanh");
  // In place: the output written over the input gives the same bytes.
  std::array<std::int8_t, 10> x{-128, -60, -10, -3, 0, 1, 4, 30, 90, 127};
  const auto y = run<T8>(x);
  T8::run(x.data(), x.data(), nullptr);
  CHECK(x == y);
}

TEST_CASE("sigmoid, tanh: in a sequential chain (dense -> sigmoid -> dense -> tanh)") {
  std::array<float, 16> xf{};
  std::array<std::int8_t, 16> xq{};
  for (std::size_t i = 0; i < 16; ++i) {
    xf[i] = 0.3f * static_cast<float>(i) - 2.0f;
    xq[i] = static_cast<std::int8_t>(static_cast<int>(i) * 13 - 100);
  }
  check_chain<float_chain>(xf);
  check_chain<int8_chain>(xq);
  // The float chain against its definition in double precision.
  static ctml::arena<float_chain> a;
  std::copy(xf.begin(), xf.end(), a.input().begin());
  float_chain::invoke(a);
  std::array<double, 12> h{};
  for (std::size_t u = 0; u < 12; ++u) {
    double acc = fd0.bias[u];
    for (std::size_t i = 0; i < 16; ++i) acc += double(fd0.weights[u * 16 + i]) * xf[i];
    h[u] = 1.0 / (1.0 + std::exp(-acc));
  }
  for (std::size_t u = 0; u < 6; ++u) {
    double acc = fd1.bias[u];
    for (std::size_t i = 0; i < 12; ++i) acc += double(fd1.weights[u * 12 + i]) * h[i];
    CHECK(a.output()[u] == doctest::Approx(std::tanh(acc)).epsilon(1e-5));
  }
}

// Pooling, softmax, reshape and standalone activations.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

#include <doctest/doctest.h>

#include "test_support.hpp"

namespace {
constexpr ctml::quantization q{0.08f, -10};
using spec_s8 = ctml::tensor_spec<ctml::shape<7, 5, 3>, std::int8_t, ctml::quant_ref<q>>;

// Naive pooling: every window position, taps outside the input skipped (TFLite does not count them).
template <bool Average>
std::vector<int> naive_pool(const std::vector<std::int8_t>& x, int h, int w, int c, int kh, int kw, int sh,
                            int sw, bool same) {
  const test::axis ay = test::tflite_axis(same, h, kh, sh, 1), ax = test::tflite_axis(same, w, kw, sw, 1);
  std::vector<int> out;
  for (int oy = 0; oy < ay.out; ++oy)
    for (int ox = 0; ox < ax.out; ++ox)
      for (int ch = 0; ch < c; ++ch) {
        int sum = 0, n = 0, mx = -1000;
        for (int fy = 0; fy < kh; ++fy)
          for (int fx = 0; fx < kw; ++fx) {
            const int iy = oy * sh + fy - ay.pad_before, ix = ox * sw + fx - ax.pad_before;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
            const int v = x[static_cast<std::size_t>((iy * w + ix) * c + ch)];
            sum += v;
            ++n;
            mx = std::max(mx, v);
          }
        // Round half away from zero: sum / n as a rational.
        const int avg = static_cast<int>(std::lround(static_cast<double>(sum) / n));
        out.push_back(Average ? avg : mx);
      }
  return out;
}
}  // namespace

TEST_CASE("average_pool2d and max_pool2d int8 equal naive loops") {
  using avg_same = ctml::average_pool2d<ctml::pool2d_options{
      .pool_size = {3, 2}, .strides = {2, 2}, .padding = ctml::padding::same}>::bind<spec_s8>;
  using avg_global =
      ctml::average_pool2d<ctml::pool2d_options{.pool_size = {7, 5}, .strides = {7, 5}}>::bind<spec_s8>;
  using max_valid =
      ctml::max_pool2d<ctml::pool2d_options{.pool_size = {2, 2}, .strides = {1, 2}}>::bind<spec_s8>;
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    const auto x = test::input_i8(spec_s8::size, seed);
    const auto a = test::run<avg_same>(x);
    const auto na = naive_pool<true>(x, 7, 5, 3, 3, 2, 2, 2, true);
    REQUIRE(a.size() == na.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i] == na[i]);
    const auto g = test::run<avg_global>(x);
    const auto ng = naive_pool<true>(x, 7, 5, 3, 7, 5, 7, 5, false);
    for (std::size_t i = 0; i < g.size(); ++i) CHECK(g[i] == ng[i]);
    const auto m = test::run<max_valid>(x);
    const auto nm = naive_pool<false>(x, 7, 5, 3, 2, 2, 1, 2, false);
    REQUIRE(m.size() == nm.size());
    for (std::size_t i = 0; i < m.size(); ++i) CHECK(m[i] == nm[i]);
  }
  static_assert(std::is_same_v<avg_same::output::shape, ctml::shape<4, 3, 3>>);
}

TEST_CASE("average_pool2d float is the mean of the valid taps") {
  using L = ctml::average_pool2d<ctml::pool2d_options{
      .pool_size = {2, 2}, .strides = {2, 2}, .padding = ctml::padding::same}>::
      bind<ctml::tensor_spec<ctml::shape<3, 3, 1>, float>>;
  const auto y = test::run<L>({1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(y[0] == doctest::Approx(3.0));  // (1 + 2 + 4 + 5) / 4
  CHECK(y[1] == doctest::Approx(4.5));  // (3 + 6) / 2
  CHECK(y[2] == doctest::Approx(7.5));  // (7 + 8) / 2
  CHECK(y[3] == doctest::Approx(9.0));
}

TEST_CASE("softmax int8 is within one step of the real softmax, sums to about 256") {
  static constexpr ctml::quantization in_q{0.14469251f, 14};
  using L = ctml::softmax<>::bind<ctml::tensor_spec<ctml::shape<12>, std::int8_t, ctml::quant_ref<in_q>>>;
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    const auto x = test::input_i8(12, seed);
    const auto y = test::run<L>(x);
    double e[12], s = 0;
    const int mx = *std::max_element(x.begin(), x.end());
    for (int i = 0; i < 12; ++i)
      s += e[i] = std::exp(double{in_q.scale} * (x[static_cast<std::size_t>(i)] - mx));
    for (int i = 0; i < 12; ++i)
      CHECK(std::abs((y[static_cast<std::size_t>(i)] + 128) - 256.0 * e[i] / s) <= 1.0);
  }
  // Hand-worked: four equal logits -> 1/4 each -> 64 / 256 -> 64 - 128 = -64.
  using L4 = ctml::softmax<>::bind<ctml::tensor_spec<ctml::shape<4>, std::int8_t, ctml::quant_ref<in_q>>>;
  for (auto v : test::run<L4>({5, 5, 5, 5})) CHECK(v == -64);
}

TEST_CASE("softmax float over rows") {
  using L = ctml::softmax<>::bind<ctml::tensor_spec<ctml::shape<2, 3>, float>>;
  const auto y = test::run<L>({0.0f, 1.0f, 2.0f, 5.0f, 5.0f, 5.0f});
  const double s = 1 + std::exp(1.0) + std::exp(2.0);
  CHECK(y[0] == doctest::Approx(1 / s));
  CHECK(y[2] == doctest::Approx(std::exp(2.0) / s));
  CHECK(y[4] == doctest::Approx(1.0 / 3));
}

TEST_CASE("reshape aliases, activations clamp at the quantized bounds") {
  using R = ctml::reshape<ctml::shape<105>>::bind<spec_s8>;
  static_assert(R::in_place && std::is_same_v<R::output::shape, ctml::shape<105>>);
  static_assert(std::is_same_v<ctml::flatten::bind<spec_s8>::output::shape, ctml::shape<105>>);
  // relu6 with scale 0.08, zero point -10: [-10, -10 + round(6 / 0.08) = 65].
  using A = ctml::relu6::bind<spec_s8>;
  const auto x = test::input_i8(spec_s8::size, 3);
  const auto y = test::run<A>(x);
  for (std::size_t i = 0; i < x.size(); ++i) CHECK(y[i] == std::clamp<int>(x[i], -10, 65));
  using F = ctml::relu::bind<ctml::tensor_spec<ctml::shape<3>, float>>;
  const auto fy = test::run<F>({-1.0f, 0.5f, 7.0f});
  CHECK(fy[0] == 0.0f);
  CHECK(fy[2] == 7.0f);
}

// A reshape that cannot alias its input (the model input, which in-place layers never overwrite)
// copies it: the model's output must equal its input.
namespace {
constexpr ctml::quantization q_id{0.5f, 1};
struct reshape_first final
    : ctml::sequential<ctml::input<ctml::shape<2, 3>, std::int8_t, q_id>, ctml::reshape<ctml::shape<6>>> {};
}  // namespace

TEST_CASE("a reshape that cannot run in place copies") {
  static ctml::arena<reshape_first> arena;
  static_assert(reshape_first::input_offset != reshape_first::output_offset);
  const std::int8_t x[6] = {1, -2, 3, -4, 5, -6};
  std::copy(x, x + 6, arena.input().begin());
  reshape_first::invoke(arena);
  CHECK(std::equal(x, x + 6, arena.output().begin()));
}

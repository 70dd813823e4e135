// conv2d and depthwise_conv2d, int8 and float, against naive loops written here: the input is
// first copied into an explicitly padded buffer (padding = the input zero point, i.e. real 0), and
// every tap of every window is visited. Edge cases: 1x1 input, non-square kernels, stride > 1 with
// SAME padding (asymmetric pads), dilation, channel counts not a multiple of 4, zero points at
// -128 and 127, saturation, per-tensor and per-channel weights, depth multiplier.
#include <cmath>
#include <cstdint>
#include <vector>

#include <doctest/doctest.h>

#include "naive_conv.hpp"
#include "test_support.hpp"

namespace {
using test::conv_case;
using test::naive_f32;
using test::naive_s8;

template <int OC, int KH, int KW, int IC, int NS>
constexpr ctml::conv2d_weights<std::int8_t, OC, KH, KW, IC, NS> conv_s8(std::uint32_t seed, float w_scale_lo,
                                                                        float w_scale_hi,
                                                                        ctml::quantization out) {
  return {test::random_i8<static_cast<std::size_t>(OC * KH * KW * IC)>(seed),
          test::random_i32<static_cast<std::size_t>(OC)>(seed + 1, -3000, 3000),
          test::random_f<static_cast<std::size_t>(NS)>(seed + 2, w_scale_lo, w_scale_hi), out};
}
template <int KH, int KW, int OC, int NS>
constexpr ctml::depthwise_conv2d_weights<std::int8_t, KH, KW, OC, NS> dw_s8(std::uint32_t seed, float lo,
                                                                            float hi,
                                                                            ctml::quantization out) {
  return {test::random_i8<static_cast<std::size_t>(KH * KW * OC)>(seed),
          test::random_i32<static_cast<std::size_t>(OC)>(seed + 1, -2000, 2000),
          test::random_f<static_cast<std::size_t>(NS)>(seed + 2, lo, hi), out};
}

// --- int8 conv2d cases -------------------------------------------------------------------------------
constexpr ctml::quantization q_in_83{0.584702909f, 83};
constexpr ctml::quantization q_in_lo{0.05f, -128};
constexpr ctml::quantization q_in_hi{0.03f, 127};

// KWS-like first layer: non-square kernel, stride 2, SAME (pads 4/5 and 1/1), relu, per-channel.
constexpr auto c1 = conv_s8<6, 10, 4, 1, 6>(11, 0.0003f, 0.002f, {0.0787f, -128});
constexpr conv_case k1{13, 7, 1, 6, 10, 4, 2, 2, 1, 1, true, ctml::activation::relu, 1};
using l1 =
    ctml::conv2d<ctml::conv2d_options{.filters = 6,
                                      .kernel_size = {10, 4},
                                      .strides = {2, 2},
                                      .padding = ctml::padding::same,
                                      .activation = ctml::activation::relu},
                 c1>::bind<ctml::tensor_spec<ctml::shape<13, 7, 1>, std::int8_t, ctml::quant_ref<q_in_83>>>;
// 1x1 input, 1x1 kernel, VALID, 3 -> 5 channels, input zero point -128, output zero point 127.
constexpr auto c2 = conv_s8<5, 1, 1, 3, 5>(21, 0.001f, 0.01f, {0.02f, 127});
constexpr conv_case k2{1, 1, 3, 5, 1, 1, 1, 1, 1, 1, false, ctml::activation::none, 1};
using l2 =
    ctml::conv2d<ctml::conv2d_options{.filters = 5},
                 c2>::bind<ctml::tensor_spec<ctml::shape<1, 1, 3>, std::int8_t, ctml::quant_ref<q_in_lo>>>;
// Dilation {2, 1}, non-square 3x2 kernel, SAME, relu6, 3 -> 7 channels.
constexpr auto c3 = conv_s8<7, 3, 2, 3, 7>(31, 0.002f, 0.02f, {0.03f, -20});
constexpr conv_case k3{9, 6, 3, 7, 3, 2, 1, 1, 2, 1, true, ctml::activation::relu6, 1};
using l3 =
    ctml::conv2d<ctml::conv2d_options{.filters = 7,
                                      .kernel_size = {3, 2},
                                      .padding = ctml::padding::same,
                                      .dilation_rate = {2, 1},
                                      .activation = ctml::activation::relu6},
                 c3>::bind<ctml::tensor_spec<ctml::shape<9, 6, 3>, std::int8_t, ctml::quant_ref<q_in_hi>>>;
// Stride 3 with SAME on 10x8 (asymmetric total padding), 5 -> 3 channels, per-tensor weights, and a
// tiny output scale so most outputs saturate at both ends.
constexpr auto c4 = conv_s8<3, 3, 3, 5, 1>(41, 0.05f, 0.06f, {0.001f, 0});
constexpr conv_case k4{10, 8, 5, 3, 3, 3, 3, 3, 1, 1, true, ctml::activation::none, 1};
using l4 =
    ctml::conv2d<ctml::conv2d_options{
                     .filters = 3, .kernel_size = {3, 3}, .strides = {3, 3}, .padding = ctml::padding::same},
                 c4>::bind<ctml::tensor_spec<ctml::shape<10, 8, 5>, std::int8_t, ctml::quant_ref<q_in_83>>>;
// VALID with stride 2 that leaves input columns unused.
constexpr auto c5 = conv_s8<4, 2, 3, 2, 4>(51, 0.001f, 0.01f, {0.05f, 5});
constexpr conv_case k5{7, 9, 2, 4, 2, 3, 2, 2, 1, 1, false, ctml::activation::relu, 1};
using l5 = ctml::conv2d<
    ctml::conv2d_options{
        .filters = 4, .kernel_size = {2, 3}, .strides = {2, 2}, .activation = ctml::activation::relu},
    c5>::bind<ctml::tensor_spec<ctml::shape<7, 9, 2>, std::int8_t, ctml::quant_ref<q_in_lo>>>;

// 1x1 kernel over 24 channels (the dot-product kernel over OHWI weights), stride 2 SAME, 10 filters.
constexpr auto c6 = conv_s8<10, 1, 1, 24, 10>(57, 0.001f, 0.004f, {0.04f, -7});
constexpr conv_case k6{5, 4, 24, 10, 1, 1, 2, 2, 1, 1, true, ctml::activation::relu, 1};
using l6 =
    ctml::conv2d<ctml::conv2d_options{.filters = 10,
                                      .kernel_size = {1, 1},
                                      .strides = {2, 2},
                                      .padding = ctml::padding::same,
                                      .activation = ctml::activation::relu},
                 c6>::bind<ctml::tensor_spec<ctml::shape<5, 4, 24>, std::int8_t, ctml::quant_ref<q_in_83>>>;
// On the portable path, l6 takes the OHWI dot-product kernel and l1 the HWIO one (Arm DSP targets
// select their own kernel and layout).
static_assert(ctml::target_arch != ctml::arch::generic ||
              (l6::kernel::layout == ctml::kernels::weight_layout::as_imported &&
               l1::kernel::layout == ctml::kernels::weight_layout::hwio));

template <class L, class Data>
void check_conv_s8(const conv_case& k, const Data& d, ctml::quantization in_q, std::uint32_t seed) {
  const auto x = test::input_i8(L::input::size, seed);
  const auto got = test::run<L>(x);
  const auto want = naive_s8(k, false, x, in_q, d);
  REQUIRE(got.size() == want.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < got.size(); ++i) mismatches += got[i] != want[i];
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("conv2d int8 equals a naive padded-buffer convolution") {
  for (std::uint32_t seed = 1; seed <= 5; ++seed) {
    INFO("kws-like 10x4 stride 2 SAME relu");
    check_conv_s8<l1>(k1, c1, q_in_83, seed);
    INFO("1x1 input, zero points -128 / 127");
    check_conv_s8<l2>(k2, c2, q_in_lo, seed);
    INFO("dilation 2x1, 3x2 kernel, relu6");
    check_conv_s8<l3>(k3, c3, q_in_hi, seed);
    INFO("stride 3 SAME, per-tensor, saturating");
    check_conv_s8<l4>(k4, c4, q_in_83, seed);
    INFO("VALID stride 2");
    check_conv_s8<l5>(k5, c5, q_in_lo, seed);
    INFO("1x1 over 24 channels, stride 2 SAME");
    check_conv_s8<l6>(k6, c6, q_in_83, seed);
  }
  static_assert(std::is_same_v<l1::output::shape, ctml::shape<7, 4, 6>>);
  static_assert(std::is_same_v<l4::output::shape, ctml::shape<4, 3, 3>>);
  static_assert(std::is_same_v<l5::output::shape, ctml::shape<3, 4, 4>>);
}

TEST_CASE("conv2d int8: a hand-worked 1x1 case") {
  // One pixel, two channels (x = 10, -6 with zero point 2 -> 8, -8), weights (3, 1), bias 100:
  // acc = 100 + 24 - 8 = 116; M = 0.5 * 0.25 / 1.0 = 0.125 -> 14.5 -> 15 (ties away); + zp 1 = 16.
  static constexpr ctml::quantization in_q{0.5f, 2};
  static constexpr ctml::conv2d_weights<std::int8_t, 1, 1, 1, 2, 1> w{{3, 1}, {100}, {0.25f}, {1.0f, 1}};
  using L =
      ctml::conv2d<ctml::conv2d_options{.filters = 1},
                   w>::bind<ctml::tensor_spec<ctml::shape<1, 1, 2>, std::int8_t, ctml::quant_ref<in_q>>>;
  CHECK(test::run<L>({10, -6})[0] == 16);
}

namespace {
// --- int8 depthwise cases ----------------------------------------------------------------------------
// KWS-like 3x3 SAME relu, 5 channels.
constexpr auto d1 = dw_s8<3, 3, 5, 5>(61, 0.004f, 0.02f, {0.08f, -128});
constexpr conv_case dk1{6, 5, 5, 5, 3, 3, 1, 1, 1, 1, true, ctml::activation::relu, 1};
using dl1 = ctml::depthwise_conv2d<
    ctml::depthwise_conv2d_options{
        .kernel_size = {3, 3}, .padding = ctml::padding::same, .activation = ctml::activation::relu},
    d1>::bind<ctml::tensor_spec<ctml::shape<6, 5, 5>, std::int8_t, ctml::quant_ref<q_in_lo>>>;
// Depth multiplier 2, stride 2 SAME, dilation 2, 3 -> 6 channels, per-tensor scale, relu6.
constexpr auto d2 = dw_s8<3, 3, 6, 1>(71, 0.01f, 0.02f, {0.02f, 3});
constexpr conv_case dk2{9, 8, 3, 6, 3, 3, 2, 2, 2, 2, true, ctml::activation::relu6, 2};
using dl2 = ctml::depthwise_conv2d<
    ctml::depthwise_conv2d_options{.kernel_size = {3, 3},
                                   .strides = {2, 2},
                                   .padding = ctml::padding::same,
                                   .depth_multiplier = 2,
                                   .dilation_rate = {2, 2},
                                   .activation = ctml::activation::relu6},
    d2>::bind<ctml::tensor_spec<ctml::shape<9, 8, 3>, std::int8_t, ctml::quant_ref<q_in_hi>>>;
// VALID 2x3 kernel on a 1-row-tall result, 7 channels (odd).
constexpr auto d3 = dw_s8<2, 3, 7, 7>(81, 0.01f, 0.05f, {0.1f, 0});
constexpr conv_case dk3{2, 6, 7, 7, 2, 3, 1, 1, 1, 1, false, ctml::activation::none, 1};
using dl3 = ctml::depthwise_conv2d<ctml::depthwise_conv2d_options{.kernel_size = {2, 3}}, d3>::bind<
    ctml::tensor_spec<ctml::shape<2, 6, 7>, std::int8_t, ctml::quant_ref<q_in_83>>>;

template <class L, class Data>
void check_dw_s8(const conv_case& k, const Data& d, ctml::quantization in_q, std::uint32_t seed) {
  const auto x = test::input_i8(L::input::size, seed);
  const auto got = test::run<L>(x);
  const auto want = naive_s8(k, true, x, in_q, d);
  REQUIRE(got.size() == want.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < got.size(); ++i) mismatches += got[i] != want[i];
  CHECK(mismatches == 0);
}
}  // namespace

TEST_CASE("depthwise_conv2d int8 equals a naive padded-buffer depthwise convolution") {
  for (std::uint32_t seed = 1; seed <= 5; ++seed) {
    INFO("3x3 SAME relu");
    check_dw_s8<dl1>(dk1, d1, q_in_lo, seed);
    INFO("multiplier 2, stride 2, dilation 2, relu6");
    check_dw_s8<dl2>(dk2, d2, q_in_hi, seed);
    INFO("VALID 2x3, 7 channels");
    check_dw_s8<dl3>(dk3, d3, q_in_83, seed);
  }
  static_assert(std::is_same_v<dl2::output::shape, ctml::shape<5, 4, 6>>);
}

namespace {
// --- float cases -------------------------------------------------------------------------------------
constexpr ctml::conv2d_weights<float, 5, 3, 2, 3> cf{test::random_f<90>(91, -1.0f, 1.0f),
                                                     test::random_f<5>(92, -0.5f, 0.5f)};
constexpr conv_case kf{7, 6, 3, 5, 3, 2, 2, 1, 1, 2, true, ctml::activation::relu6, 1};
using lf = ctml::conv2d<ctml::conv2d_options{.filters = 5,
                                             .kernel_size = {3, 2},
                                             .strides = {2, 1},
                                             .padding = ctml::padding::same,
                                             .dilation_rate = {1, 2},
                                             .activation = ctml::activation::relu6},
                        cf>::bind<ctml::tensor_spec<ctml::shape<7, 6, 3>, float>>;
constexpr ctml::depthwise_conv2d_weights<float, 3, 3, 8> df{test::random_f<72>(93, -1.0f, 1.0f),
                                                            test::random_f<8>(94, -0.5f, 0.5f)};
constexpr conv_case dkf{5, 5, 4, 8, 3, 3, 1, 1, 1, 1, true, ctml::activation::none, 2};
using dlf =
    ctml::depthwise_conv2d<ctml::depthwise_conv2d_options{
                               .kernel_size = {3, 3}, .padding = ctml::padding::same, .depth_multiplier = 2},
                           df>::bind<ctml::tensor_spec<ctml::shape<5, 5, 4>, float>>;
}  // namespace

TEST_CASE("conv2d and depthwise_conv2d float equal naive double-precision loops") {
  const auto x = test::input_f(lf::input::size, 7);
  const auto got = test::run<lf>(x);
  const auto want = naive_f32(kf, false, x, cf);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-5));

  const auto x2 = test::input_f(dlf::input::size, 8);
  const auto got2 = test::run<dlf>(x2);
  const auto want2 = naive_f32(dkf, true, x2, df);
  REQUIRE(got2.size() == want2.size());
  for (std::size_t i = 0; i < got2.size(); ++i) CHECK(got2[i] == doctest::Approx(want2[i]).epsilon(1e-5));
}

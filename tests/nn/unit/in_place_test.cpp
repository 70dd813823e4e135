// Convolutions run in place (layers/in_place.hpp) against the same layer out of place, byte for byte:
// the out-of-place layers are checked against TFLM elsewhere, so they are the reference here. Odd
// shapes, channel counts not multiple of 4, padding on every edge, dilation, explicit pads; the input
// and the output share their bytes as the planner gives them. Then ctml::scheduled: which layers a
// budget turns in place, and a scheduled model's output equal to the model's.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "test_support.hpp"

namespace {

using test::conv_s8;
using test::dw_s8;
using test::random_i64;

constexpr ctml::quantization q_in{0.05f, -7};
constexpr ctml::quantization q_out{0.08f, 5};
constexpr ctml::quantization q16_in{0.001f, 0};
constexpr ctml::quantization q16_out{0.002f, 0};
template <int H, int W, int C>
using in_s8 = ctml::tensor_spec<ctml::shape<H, W, C>, std::int8_t, ctml::quant_ref<q_in>>;
template <int H, int W, int C>
using in_s16 = ctml::tensor_spec<ctml::shape<H, W, C>, std::int16_t, ctml::quant_ref<q16_in>>;
template <int H, int W, int C>
using in_f32 = ctml::tensor_spec<ctml::shape<H, W, C>, float>;

using test::random_input;

// Runs bound layer B out of place and in place (input and output on the same bytes, as planned) on
// three random inputs; the bytes must be equal.
template <class B>
void check_in_place() {
  using R = ctml::detail::row_in_place<B>;
  static_assert(R::supported);
  static_assert(R::in_place && !B::in_place);
  using T = typename B::input::value_type;
  constexpr std::size_t in_n = B::input::size, out_n = B::output::size;
  for (std::uint32_t seed : {1u, 77u, 1234u}) {
    const auto x = random_input<T>(in_n, seed);
    std::vector<T> want(out_n);
    alignas(16) std::byte scratch[B::scratch_bytes + 16];
    B::run(x.data(), want.data(), scratch);
    std::vector<T> buf(std::max(in_n, out_n));
    std::copy(x.begin(), x.end(), buf.begin());
    std::vector<std::byte> in_place_scratch(R::scratch_bytes);  // exactly: ASan sees an overrun
    R::run(buf.data(), buf.data(), in_place_scratch.data());
    CHECK(std::memcmp(buf.data(), want.data(), out_n * sizeof(T)) == 0);
  }
}

constexpr auto dw_a = dw_s8<3, 3, 3>(11, q_out);
constexpr auto dw_b = dw_s8<5, 3, 6>(21, q_out);
constexpr auto dw_c = dw_s8<3, 3, 5>(31, q_out);
constexpr auto dw_d = dw_s8<3, 2, 7>(41, q_out);
constexpr auto dw_e = dw_s8<3, 3, 4>(51, q_out);
constexpr auto dw_8 = dw_s8<3, 3, 8>(55, q_out);
constexpr auto pw_a = conv_s8<5, 1, 1, 7>(61, q_out);
constexpr auto pw_b = conv_s8<7, 1, 1, 7>(71, q_out);
constexpr auto cv_a = conv_s8<6, 3, 3, 6>(81, q_out);
constexpr auto cv_c = conv_s8<6, 3, 3, 3>(83, q_out);
constexpr auto pw_wide = conv_s8<7, 1, 1, 6>(85, q_out);
constexpr ctml::depthwise_conv2d_weights<float, 3, 3, 5> dw_f{test::random_f<45>(91, -1.0f, 1.0f),
                                                              test::random_f<5>(92, -0.5f, 0.5f)};
constexpr ctml::depthwise_conv2d_weights<std::int16_t, 3, 3, 3, 3> dw_16{
    test::random_i8<27>(101), random_i64<3>(102), test::random_f<3>(103, 0.002f, 0.02f), q16_out};
constexpr ctml::conv2d_weights<std::int16_t, 4, 1, 1, 6, 4> pw_16{
    test::random_i8<24>(111), random_i64<4>(112), test::random_f<4>(113, 0.002f, 0.02f), q16_out};

using relu = ctml::depthwise_conv2d_options;
}  // namespace

TEST_CASE("depthwise_conv2d in place equals it out of place (int8, float, int16; padding edges)") {
  // 3x3 SAME, 3 channels, a single-row and a single-column input too.
  check_in_place<ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .padding = ctml::padding::same},
                                        dw_a>::bind<in_s8<7, 5, 3>>>();
  check_in_place<ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .padding = ctml::padding::same},
                                        dw_a>::bind<in_s8<1, 4, 3>>>();
  check_in_place<ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .padding = ctml::padding::same},
                                        dw_a>::bind<in_s8<6, 1, 3>>>();
  // 5 rows high: two rows of padding on top, a ring of three rows; relu6.
  check_in_place<ctml::depthwise_conv2d<
      relu{.kernel_size = {5, 3}, .padding = ctml::padding::same, .activation = ctml::activation::relu6},
      dw_b>::bind<in_s8<6, 4, 6>>>();
  // VALID: shorter output rows (W 6 -> 4), no lag.
  check_in_place<ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .padding = ctml::padding::valid},
                                        dw_c>::bind<in_s8<5, 6, 5>>>();
  // Dilation 2 along both axes, SAME.
  check_in_place<ctml::depthwise_conv2d<
      relu{.kernel_size = {3, 2}, .padding = ctml::padding::same, .dilation_rate = {2, 2}},
      dw_d>::bind<in_s8<8, 5, 7>>>();
  // Explicit asymmetric pads (a folded PAD): two rows on top, none at the bottom.
  check_in_place<ctml::depthwise_conv2d<
      relu{.kernel_size = {3, 3}, .pads = {.top = 2, .left = 1, .right = 1}}, dw_e>::bind<in_s8<6, 5, 4>>>();
  // Channels a multiple of 4, 3x3: what the Armv6-M and Helium kernels take (on those targets).
  check_in_place<ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .padding = ctml::padding::same},
                                        dw_8>::bind<in_s8<5, 6, 8>>>();
  check_in_place<ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .padding = ctml::padding::same},
                                        dw_f>::bind<in_f32<5, 3, 5>>>();
  check_in_place<ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .padding = ctml::padding::same},
                                        dw_16>::bind<in_s16<4, 5, 3>>>();
}

TEST_CASE("conv2d in place equals it out of place (1x1 narrowing or not, 3x3 SAME, int16)") {
  using opts = ctml::conv2d_options;
  // 1x1 layers run on bands of an even number of pixels (the row rounded up) and a tail band:
  // 27 pixels in bands of 4 and a tail of 3; 15 in bands of 6 and 3; 16 in bands of 4, no tail.
  check_in_place<ctml::conv2d<opts{.filters = 5, .kernel_size = {1, 1}}, pw_a>::bind<in_s8<9, 3, 7>>>();
  check_in_place<ctml::conv2d<opts{.filters = 5, .kernel_size = {1, 1}}, pw_a>::bind<in_s8<4, 4, 7>>>();
  check_in_place<ctml::conv2d<opts{.filters = 5, .kernel_size = {1, 1}}, pw_a>::bind<in_s8<1, 1, 7>>>();
  check_in_place<ctml::conv2d<opts{.filters = 7, .kernel_size = {1, 1}, .activation = ctml::activation::relu},
                              pw_b>::bind<in_s8<3, 5, 7>>>();
  check_in_place<ctml::conv2d<opts{.filters = 7, .kernel_size = {1, 1}}, pw_b>::bind<in_s8<3, 5, 7>>>();
  check_in_place<ctml::conv2d<opts{.filters = 6, .kernel_size = {3, 3}, .padding = ctml::padding::same},
                              cv_a>::bind<in_s8<5, 4, 6>>>();
  check_in_place<ctml::conv2d<opts{.filters = 4, .kernel_size = {1, 1}}, pw_16>::bind<in_s16<3, 3, 6>>>();
}

TEST_CASE("stride 2 in place: conv2d and depthwise_conv2d, SAME and VALID, odd sizes") {
  using opts = ctml::conv2d_options;
  // Stride 2 along the height only: output rows as long as input rows, so row f lies under input
  // rows the later rows no longer read once row f (SAME: and the next) is computed.
  check_in_place<
      ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .strides = {2, 1}, .padding = ctml::padding::same},
                             dw_a>::bind<in_s8<7, 5, 3>>>();
  check_in_place<
      ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .strides = {2, 2}, .padding = ctml::padding::same},
                             dw_8>::bind<in_s8<9, 7, 8>>>();
  check_in_place<
      ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .strides = {2, 2}, .padding = ctml::padding::valid},
                             dw_c>::bind<in_s8<8, 6, 5>>>();
  // A stride-3 5x3 window with two rows of padding on top.
  check_in_place<
      ctml::depthwise_conv2d<relu{.kernel_size = {5, 3}, .strides = {3, 1}, .padding = ctml::padding::same},
                             dw_b>::bind<in_s8<10, 4, 6>>>();
  // IC's downsampling shape: 3x3 stride 2, as many output bytes a row as input bytes (W halves,
  // channels double).
  check_in_place<ctml::conv2d<
      opts{.filters = 6, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = ctml::padding::same},
      cv_c>::bind<in_s8<7, 6, 3>>>();
  check_in_place<ctml::conv2d<
      opts{.filters = 6, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = ctml::padding::same},
      cv_c>::bind<in_s8<8, 6, 3>>>();
  check_in_place<
      ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .strides = {2, 2}, .padding = ctml::padding::same},
                             dw_f>::bind<in_f32<7, 5, 5>>>();
}

TEST_CASE("pooling in place equals it out of place (average, max; int8, float; strides, padding)") {
  using P = ctml::pool2d_options;
  // 2x2 stride 2 (MaxPool after a conv), odd sizes: the last row and column are dropped.
  check_in_place<ctml::max_pool2d<P{.pool_size = {2, 2}, .strides = {2, 2}}>::bind<in_s8<7, 5, 6>>>();
  check_in_place<ctml::average_pool2d<P{.pool_size = {2, 2}, .strides = {2, 2}}>::bind<in_s8<7, 5, 6>>>();
  // 3x3 stride 2 SAME: padding taps are not counted by the average.
  check_in_place<ctml::average_pool2d<P{
      .pool_size = {3, 3}, .strides = {2, 2}, .padding = ctml::padding::same}>::bind<in_s8<9, 6, 5>>>();
  check_in_place<ctml::max_pool2d<P{.pool_size = {3, 3},
                                    .strides = {2, 2},
                                    .padding = ctml::padding::same,
                                    .activation = ctml::activation::relu}>::bind<in_s8<9, 6, 5>>>();
  // 3x3 stride 1 SAME: rows as long as the input's, a ring of two rows.
  check_in_place<
      ctml::average_pool2d<P{.pool_size = {3, 3}, .padding = ctml::padding::same}>::bind<in_s8<5, 4, 7>>>();
  check_in_place<
      ctml::max_pool2d<P{.pool_size = {3, 3}, .padding = ctml::padding::same}>::bind<in_f32<5, 4, 3>>>();
  // KWS's last layer: the whole 25x5 map to one pixel (64 channels).
  check_in_place<ctml::average_pool2d<P{.pool_size = {25, 5}, .strides = {25, 5}}>::bind<in_s8<25, 5, 64>>>();
  check_in_place<ctml::average_pool2d<P{.pool_size = {2, 2}, .strides = {2, 2}}>::bind<in_f32<6, 6, 4>>>();
  // ONNX's arithmetic, to another output quantization.
  check_in_place<ctml::average_pool2d<P{.pool_size = {3, 3},
                                        .strides = {2, 2},
                                        .padding = ctml::padding::same,
                                        .requantization = ctml::requantization::onnx},
                                      q_out>::bind<in_s8<7, 7, 5>>>();
}

TEST_CASE("what cannot run in place is refused at compile time") {
  using opts = ctml::conv2d_options;
  static_assert(
      !ctml::detail::row_in_place<
          ctml::conv2d<opts{.filters = 7, .kernel_size = {1, 1}}, pw_wide>::bind<in_s8<3, 5, 6>>>::supported);
  CHECK(true);
}

namespace {
constexpr auto m_c0 = conv_s8<6, 3, 3, 1>(191, q_out);
constexpr auto m_dw = dw_s8<3, 3, 6>(201, q_out);
constexpr ctml::quantization q_mid{0.06f, -3};
constexpr auto m_pw = conv_s8<3, 1, 1, 6>(211, q_mid);
constexpr auto m_dw2 = dw_s8<3, 3, 3>(221, q_out);
// Tensors: the input 9 x 7 x 1 (64 bytes aligned), then 9 x 7 x 6 (380), 9 x 7 x 6, 9 x 7 x 3 (192),
// 9 x 7 x 3. Out of place the depthwise layer peaks at two 380-byte tensors (760). In place it needs
// one + a ring of two 42-byte rows (464), and the pointwise layer then peaks (380 + 192 = 572).
struct net final
    : ctml::sequential<
          ctml::input<ctml::shape<9, 7, 1>, std::int8_t, q_in>,
          ctml::conv2d<ctml::conv2d_options{
                           .filters = 6, .kernel_size = {3, 3}, .padding = ctml::padding::same},
                       m_c0>,
          ctml::depthwise_conv2d<relu{.kernel_size = {3, 3},
                                      .padding = ctml::padding::same,
                                      .activation = ctml::activation::relu},
                                 m_dw>,
          ctml::conv2d<ctml::conv2d_options{.filters = 3, .kernel_size = {1, 1}}, m_pw>,
          ctml::depthwise_conv2d<relu{.kernel_size = {3, 3}, .padding = ctml::padding::same}, m_dw2>> {};
struct net_any final : ctml::scheduled<net, ctml::budget{}> {};
// The portable kernels need no scratch, so the numbers above are exact; the Arm kernels add some, and
// the budgets are then set from the model's own numbers.
#if defined(__ARM_ARCH)
constexpr std::size_t mid_budget = net::arena_bytes - 1;
#else
constexpr std::size_t mid_budget = 600;
#endif
struct net_mid final : ctml::scheduled<net, ctml::budget{.ram = mid_budget}> {};
// The least RAM with convolutions in place only: below it, ctml::scheduled runs the first layers
// as a patch (layers/patch.hpp, tests/nn/unit/patch_test.cpp).
constexpr std::size_t in_place_ram =
    ctml::detail::candidate_of<ctml::detail::model_base_t<net>, 0>(0).smallest_ram;
struct net_small final : ctml::scheduled<net, ctml::budget{.ram = in_place_ram}> {};
}  // namespace

TEST_CASE("ctml::scheduled turns in place only what the budget needs, and the bytes stay the model's") {
#if !defined(__ARM_ARCH)
  static_assert(net::arena_bytes == 760);
  static_assert(net_mid::arena_bytes == 572);
  static_assert(in_place_ram == 464);
  // Layers 0-2 as a patch: the input, the pointwise layer's output, line buffers of 3 + 1 rows.
  static_assert(ctml::smallest_ram<net> == 428);
  CHECK(!net_mid::layers[2].in_place);  // 572 fits: the pointwise layer stays out of place
#endif
  static_assert(net_any::arena_bytes == net::arena_bytes);
  static_assert(net_mid::arena_bytes <= mid_budget);
  static_assert(net_small::arena_bytes == in_place_ram && net_small::patch.layers == 0);
  static_assert(ctml::smallest_ram<net> < in_place_ram);
  CHECK(!net_any::layers[1].in_place);
  CHECK(net_mid::layers[1].in_place);
  CHECK(net_small::layers[1].in_place);
  // A depthwise kernel that runs its layer in place by itself (Helium's: a ring of a few bytes a row
  // per channel group) leaves the smallest schedule's peak elsewhere: then the search keeps these
  // two out of place.
  if constexpr (!ctml::kernels::runs_in_place<typename net::template layer<1>::kernel>) {
    CHECK(net_small::layers[2].in_place);
    // An in-place layer keeps its input's bytes (the planner merges the two tensors), so the last
    // layer then reads a 380-byte buffer and writes 192 (572): it goes in place too.
    CHECK(net_small::layers[3].in_place);
  }
  for (std::uint32_t seed : {5u, 6u}) CHECK(test::same_output<net, net_mid, net_small>(seed));
  std::string s;
  ctml::print_summary<net_small>([&](char ch) { s += ch; }, "net_small");
  CHECK(s.find("In place") != std::string::npos);
  CHECK(s.find("yes") != std::string::npos);
}

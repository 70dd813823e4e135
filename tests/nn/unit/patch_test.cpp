// A chain of convolutions run as one patch, row by row (layers/patch.hpp), against the same layers
// run whole one after the other, byte for byte: the whole layers are checked against TFLM elsewhere,
// so they are the reference here. Odd heights that no stride divides, SAME padding on every edge
// (stride 2 on an odd height pads the top too), explicit asymmetric pads, dilation, a pointwise
// layer widening the rows, float and int16. Then ctml::scheduled: a budget below two live tensors
// of the first stage picks the patch, and the model's output stays the model's.
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
constexpr ctml::quantization q_a{0.08f, 5};
constexpr ctml::quantization q_b{0.06f, -3};
constexpr ctml::quantization q16_in{0.001f, 0};
constexpr ctml::quantization q16_out{0.002f, 0};
template <int H, int W, int C>
using in_s8 = ctml::tensor_spec<ctml::shape<H, W, C>, std::int8_t, ctml::quant_ref<q_in>>;
template <int H, int W, int C>
using in_s16 = ctml::tensor_spec<ctml::shape<H, W, C>, std::int16_t, ctml::quant_ref<q16_in>>;
template <int H, int W, int C>
using in_f32 = ctml::tensor_spec<ctml::shape<H, W, C>, float>;

using test::random_input;

// The chain's layers one after the other, each whole (a recursion, not a fold over a lambda:
// Clang 14 crashes on that).
template <class P, std::size_t I, class T>
void run_whole(std::vector<T>& cur) {
  if constexpr (I < P::n) {
    using B = typename P::template at<I>;
    std::vector<T> next(B::output::size);
    std::vector<std::byte> s(B::scratch_bytes + 16);
    B::run(cur.data(), next.data(), s.data());
    cur = std::move(next);
    run_whole<P, I + 1>(cur);
  }
}

// Runs unbound layers L... from input spec In whole, one after the other, and as one patch; on
// three random inputs the bytes of the chain's output must be equal.
template <class In, class... L>
void check_patch() {
  using P = typename ctml::detail::patch_chain<L...>::template bind<In>;
  static_assert(P::supported);
  using T = typename In::value_type;
  for (std::uint32_t seed : {3u, 99u, 4242u}) {
    const auto x = random_input<T>(In::size, seed);
    std::vector<T> cur = x;
    run_whole<P, 0>(cur);
    std::vector<T> y(P::output::size);
    std::vector<std::byte> scratch(P::scratch_bytes);  // exactly: ASan sees an overrun
    P::run(x.data(), y.data(), scratch.data());
    CHECK(std::memcmp(y.data(), cur.data(), y.size() * sizeof(T)) == 0);
  }
}

using conv = ctml::conv2d_options;
using dwo = ctml::depthwise_conv2d_options;
constexpr auto c0 = conv_s8<8, 3, 3, 3>(11, q_a);
constexpr auto d1 = dw_s8<3, 3, 8>(21, q_a);
constexpr auto p2 = conv_s8<12, 1, 1, 8>(31, q_b);
constexpr auto d3 = dw_s8<3, 3, 12>(41, q_a);
constexpr auto c5 = conv_s8<5, 5, 3, 3>(51, q_a);
constexpr auto d6 = dw_s8<3, 2, 5>(61, q_b);
constexpr auto p7 = conv_s8<7, 1, 1, 5>(71, q_a);
constexpr ctml::conv2d_weights<float, 4, 3, 3, 2> cf{test::random_f<72>(81, -1.0f, 1.0f),
                                                     test::random_f<4>(82, -0.5f, 0.5f)};
constexpr ctml::depthwise_conv2d_weights<float, 3, 3, 4> df{test::random_f<36>(91, -1.0f, 1.0f),
                                                            test::random_f<4>(92, -0.5f, 0.5f)};
constexpr ctml::conv2d_weights<std::int16_t, 4, 3, 3, 2, 4> c16{
    test::random_i8<72>(101), random_i64<4>(102), test::random_f<4>(103, 0.002f, 0.02f), q16_out};
constexpr ctml::depthwise_conv2d_weights<std::int16_t, 3, 3, 4, 4> d16{
    test::random_i8<36>(111), random_i64<4>(112), test::random_f<4>(113, 0.002f, 0.02f), q16_out};

using vww_like = ctml::conv2d<conv{.filters = 8,
                                   .kernel_size = {3, 3},
                                   .strides = {2, 2},
                                   .padding = ctml::padding::same,
                                   .activation = ctml::activation::relu},
                              c0>;
using dw_same = ctml::depthwise_conv2d<
    dwo{.kernel_size = {3, 3}, .padding = ctml::padding::same, .activation = ctml::activation::relu}, d1>;
using pw_wide =
    ctml::conv2d<conv{.filters = 12, .kernel_size = {1, 1}, .activation = ctml::activation::relu}, p2>;
using dw_s2 =
    ctml::depthwise_conv2d<dwo{.kernel_size = {3, 3}, .strides = {2, 2}, .padding = ctml::padding::same}, d3>;
}  // namespace

TEST_CASE("a patch equals its layers run whole: VWW's first stage on odd shapes") {
  // 11 x 9 -> 6 x 5 (stride 2 on odd sizes: SAME pads the top and left too) -> 6 x 5 -> 3 x 3.
  check_patch<in_s8<11, 9, 3>, vww_like, dw_same, pw_wide, dw_s2>();
  // 14 x 7: stride 2 on an even height pads the bottom only; 7 output rows, then 4.
  check_patch<in_s8<14, 7, 3>, vww_like, dw_same, pw_wide, dw_s2>();
  // Two and three layers; a single-row input.
  check_patch<in_s8<5, 6, 3>, vww_like, dw_same>();
  check_patch<in_s8<1, 4, 3>, vww_like, dw_same, pw_wide>();
  check_patch<in_s8<13, 10, 8>, dw_same, pw_wide, dw_s2>();
  // Row counts: 11 -> 6 -> 3 rows: the stride-2 layer's last output row reads one padding row.
  using P = ctml::detail::patch_chain<vww_like, dw_same, pw_wide, dw_s2>::bind<in_s8<11, 9, 3>>;
  static_assert(std::is_same_v<P::output::shape, ctml::shape<3, 3, 12>>);
  // Line buffers: 3 rows of 5 x 8 for the depthwise layer, 1 row of 5 x 8 for the pointwise one,
  // 3 rows of 5 x 12 for the stride-2 one.
  static_assert(P::line_bytes == 120 + 40 + 180);
  // Halo rows kept: the depthwise layer's rows read twice (2 x 5 pairs of consecutive rows), none
  // for the pointwise one, one row shared by consecutive stride-2 windows (2 pairs).
  static_assert(P::halo_rows == 10 + 0 + 2 && P::recomputed_rows == 0);
}

TEST_CASE("a patch equals its layers run whole: explicit pads, taller kernels, dilation, float, int16") {
  // VALID with explicit pads on every edge, a 5 x 3 kernel of stride 2 along the height only, then
  // a dilated depthwise layer and a pointwise one.
  using cp = ctml::conv2d<conv{.filters = 5,
                               .kernel_size = {5, 3},
                               .strides = {2, 1},
                               .pads = {.top = 2, .bottom = 1, .left = 1, .right = 2}},
                          c5>;
  using dd = ctml::depthwise_conv2d<
      dwo{.kernel_size = {3, 2}, .padding = ctml::padding::same, .dilation_rate = {2, 2}}, d6>;
  using pn = ctml::conv2d<conv{.filters = 7, .kernel_size = {1, 1}}, p7>;
  check_patch<in_s8<12, 6, 3>, cp, dd, pn>();
  check_patch<in_s8<9, 5, 3>, cp, dd>();
  using cf_l = ctml::conv2d<
      conv{.filters = 4, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = ctml::padding::same}, cf>;
  using df_l = ctml::depthwise_conv2d<dwo{.kernel_size = {3, 3}, .padding = ctml::padding::same}, df>;
  check_patch<in_f32<9, 7, 2>, cf_l, df_l>();
  using c16_l = ctml::conv2d<
      conv{.filters = 4, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = ctml::padding::same}, c16>;
  using d16_l = ctml::depthwise_conv2d<dwo{.kernel_size = {3, 3}, .padding = ctml::padding::same}, d16>;
  check_patch<in_s16<7, 5, 2>, c16_l, d16_l>();
}

namespace {
constexpr auto n0 = conv_s8<8, 3, 3, 1>(201, q_a);
constexpr auto n1 = dw_s8<3, 3, 8>(211, q_a);
constexpr auto n2 = conv_s8<16, 1, 1, 8>(221, q_b);
constexpr auto n3 = dw_s8<3, 3, 16>(231, q_a);
constexpr auto n4 = conv_s8<8, 1, 1, 16>(241, q_b);
// 31 x 31 x 1 (961 bytes, 964 aligned) -> 16 x 16 x 8 (2,048) -> 16 x 16 x 8 -> 16 x 16 x 16 (4,096)
// -> 8 x 8 x 16 (1,024) -> 8 x 8 x 8 (512). One layer at a time, the pointwise layer peaks at
// 2,048 + 4,096 (it widens its rows: it cannot run in place). Patches of the first E layers need the
// input, the patch's output and line buffers of 3 rows (384 bytes) for the depthwise layer, 1 (128)
// for the pointwise one, 3 (768) for the stride-2 one, 1 (128) for the last pointwise one:
//   E = 3: 964 + 4,096 + 512 = 5,572 (then 4,096 + 1,024), the fewest bytes shifted that fit 6,143;
//   E = 4: 964 + 1,024 + 1,280 = 3,268;  E = 5: 964 + 512 + 1,408 = 2,884, the smallest.
struct net final
    : ctml::sequential<ctml::input<ctml::shape<31, 31, 1>, std::int8_t, q_in>,
                       ctml::conv2d<conv{.filters = 8,
                                         .kernel_size = {3, 3},
                                         .strides = {2, 2},
                                         .padding = ctml::padding::same,
                                         .activation = ctml::activation::relu},
                                    n0>,
                       ctml::depthwise_conv2d<dwo{.kernel_size = {3, 3}, .padding = ctml::padding::same}, n1>,
                       ctml::conv2d<conv{.filters = 16, .kernel_size = {1, 1}}, n2>,
                       ctml::depthwise_conv2d<
                           dwo{.kernel_size = {3, 3}, .strides = {2, 2}, .padding = ctml::padding::same}, n3>,
                       ctml::conv2d<conv{.filters = 8, .kernel_size = {1, 1}}, n4>> {};
// The least RAM without a patch (in-place convolutions only).
constexpr std::size_t no_patch_ram =
    ctml::detail::candidate_of<ctml::detail::model_base_t<net>, 0>(0).smallest_ram;
struct net_patched final : ctml::scheduled<net, ctml::budget{.ram = no_patch_ram - 1}> {};
struct net_any final : ctml::scheduled<net, ctml::budget{}> {};
struct net_fits final : ctml::scheduled<net, ctml::budget{.ram = no_patch_ram}> {};
struct net_tight final : ctml::scheduled<net, ctml::budget{.ram = ctml::smallest_ram<net>}> {};
}  // namespace

TEST_CASE("ctml::scheduled runs the first stage as a patch only when the budget needs it") {
#if !defined(__ARM_ARCH)
  static_assert(net::arena_bytes == 6'144 && no_patch_ram == 6'144);
  static_assert(ctml::smallest_ram<net> == 964 + 512 + 384 + 128 + 768 + 128);
  static_assert(net_patched::patch.layers == 3 && net_patched::num_layers == 3);
  static_assert(net_patched::arena_bytes == 964 + 4'096 + 512);
  static_assert(net_tight::patch.layers == 5 && net_tight::num_layers == 1);
  static_assert(net_tight::patch.halo_rows == 15 * 2 + 0 + 7 + 0);
#endif
  static_assert(ctml::smallest_ram<net> < no_patch_ram);
  static_assert(net_patched::patch.layers >= 2);
  static_assert(net_tight::arena_bytes == ctml::smallest_ram<net>);
  static_assert(net_patched::arena_bytes <= no_patch_ram - 1);
  static_assert(net_patched::macs == net::macs && net_patched::weight_bytes == net::weight_bytes);
  static_assert(net_any::patch.layers == 0 && net_any::arena_bytes == net::arena_bytes);
  static_assert(net_fits::patch.layers == 0 && net_fits::num_layers == net::num_layers);
  for (std::uint32_t seed : {5u, 6u, 7u}) CHECK(test::same_output<net, net_patched, net_tight>(seed));
  std::string s;
  ctml::print_summary<net_tight>([&](char ch) { s += ch; }, "net_tight");
  CHECK(s.find(" 0  patch ") != std::string::npos);
  CHECK(s.find("Patch: layer 0 runs the model's first 5 layers row by row") != std::string::npos);
  CHECK(s.find("0 recomputed") != std::string::npos);
}

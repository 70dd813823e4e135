// The headers ctml-import generates for the four MLPerf Tiny models compile with the project's
// warnings as errors, -fno-exceptions -fno-rtti, and describe what the models' .layers.md say.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "ad.hpp"
#include "ic.hpp"
#include "kws.hpp"
#include "tiny_conv.hpp"
#include "tiny_dense.hpp"
#include "tiny_depthwise.hpp"
#include "tiny_float.hpp"
#include "tiny_residual.hpp"
#include "vww.hpp"

// Data objects (ctml/layers/weights.hpp).
static_assert(decltype(kws_data::op0_conv2d)::out_channels == 64);
static_assert(decltype(kws_data::op0_conv2d)::kernel_h == 10 &&
              decltype(kws_data::op0_conv2d)::kernel_w == 4);
static_assert(decltype(kws_data::op11_dense)::units == 12);
static_assert(decltype(kws_data::op11_dense)::in_features == 64);
static_assert(kws_data::input.zero_point == 83);
static_assert(kws_data::op12_softmax.output.zero_point == -128);
static_assert(decltype(vww_data::op29_dense)::units == 2);
static_assert(decltype(ic_data::op14_dense)::units == 10);
static_assert(ic_data::op3_add.zero_point == -128);
static_assert(decltype(ad_data::op9_dense)::units == 640);
static_assert(decltype(ad_data::op4_dense)::units == 8);

// Model facts from the library's model types: MACs as the models' .layers.md count them, output
// sizes, and arenas within issue 3's targets (the library's plan: the headers' summaries name
// kws::arena_bytes rather than print a number of their own).
static_assert(kws::macs == 2664768 && vww::macs == 7491968 && ic::macs == 12505728 && ad::macs == 264192);
static_assert(kws::output_shape::size == 12 && vww::output_shape::size == 2);
static_assert(ic::output_shape::size == 10 && ad::output_shape::size == 640);
static_assert(kws::arena_bytes <= 16000 && vww::arena_bytes <= 55296);
static_assert(ic::arena_bytes <= 49152 && ad::arena_bytes <= 1024);

// The small models of tools/ctml-import/fuzz/seeds (tests/importer/importer_test.cpp describes them).
static_assert(tiny_dense::output_shape::size == 2 && tiny_dense::macs == 8);
static_assert(tiny_float::output_shape::size == 2 && tiny_float::macs == 8);
static_assert(tiny_conv::output_shape::size == 2);       // conv, max pool, flatten, dense
static_assert(tiny_depthwise::output_shape::size == 4);  // depth multiplier 2, avg pool, reshape
static_assert(tiny_residual::output_shape::size == 8);   // ADD(input, conv(input))
static_assert(decltype(tiny_depthwise_data::op0_depthwise_conv2d)::out_channels == 4);

TEST_CASE("generated headers: data are the model's bytes") {
  CHECK(kws_data::op0_conv2d.weights[0] == -6);  // first filter byte of kws_ref_model.tflite, t17
  CHECK(kws_data::op0_conv2d.weight_scales.size() == 64);
  CHECK(kws_data::op11_dense.weight_scales[0] == 0.00838575512f);
  CHECK(ad_data::input.scale == 0.391015232f);
}

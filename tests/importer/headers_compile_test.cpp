// The headers ctml-import generates for the four MLPerf Tiny models compile with the project's
// warnings as errors, -fno-exceptions -fno-rtti, and describe what the models' .layers.md say.
// Facts of the library's model types are checked where the library provides them.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "ad.hpp"
#include "ic.hpp"
#include "kws.hpp"
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

namespace {
// Model facts, checked when the model type exposes them (the graph layer's API may still grow).
template <class M>
constexpr bool macs_are(unsigned long long n) {
  if constexpr (requires { M::macs; }) return static_cast<unsigned long long>(M::macs) == n;
  return true;
}
template <class M>
constexpr bool output_elements_are(unsigned long long n) {
  if constexpr (requires { M::output_shape.size(); })
    return static_cast<unsigned long long>(M::output_shape.size()) == n;
  return true;
}
}  // namespace

static_assert(macs_are<kws>(2664768));
static_assert(macs_are<vww>(7491968));
static_assert(macs_are<ic>(12505728));
static_assert(macs_are<ad>(264192));
static_assert(output_elements_are<kws>(12));
static_assert(output_elements_are<ad>(640));

TEST_CASE("generated headers: data are the model's bytes") {
  CHECK(kws_data::op0_conv2d.weights[0] == -6);  // first filter byte of kws_ref_model.tflite, t17
  CHECK(kws_data::op0_conv2d.weight_scales.size() == 64);
  CHECK(kws_data::op11_dense.weight_scales[0] == 0.00838575512f);
  CHECK(ad_data::input.scale == 0.391015232f);
}

// Keyword spotting (MLPerf Tiny DS-CNN), imported by ctml-import, against TensorFlow Lite Micro.
#include "golden_io.hpp"
#include "kws.hpp"

using namespace ctml::literals;
// The budget a user would write next to the model; TFLM needs a 24,000-byte arena for it.
static_assert(ctml::fits<kws, ctml::budget{.ram = 16'000, .flash = 32_KiB}>);

TEST_CASE("kws: every layer equals TFLite Micro's intermediate tensor (input A_1)") {
  // TFLite tensor index of each layer's output (kws_ref_model.layers.md).
  golden::check_layers<kws>("kws_ref_model", std::array{22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34});
}
TEST_CASE("kws: outputs equal TFLite Micro's on every input (A_1..8, S)") {
  golden::check_outputs<kws>("kws_ref_model", 9);
}

// The same model under a RAM budget below two live tensors: ctml::scheduled runs the depthwise and
// pointwise convolutions in place (docs/memory.md, "A RAM budget"); every byte stays TFLM's.
struct kws_small final : ctml::scheduled<kws, ctml::budget{.ram = 9'216}> {};
static_assert(kws_small::arena_bytes <= 9'216);
TEST_CASE("kws, scheduled for 9,216 bytes of RAM: every layer equals TFLite Micro's (input A_1)") {
  golden::check_layers<kws_small>("kws_ref_model",
                                  std::array{22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34});
}
TEST_CASE("kws, scheduled for 9,216 bytes of RAM: outputs equal TFLite Micro's (A_1..8, S)") {
  golden::check_outputs<kws_small>("kws_ref_model", 9);
}

// Every layer that can run in place doing so (the depthwise and pointwise convolutions and the average pool):
// each through TFLM's bytes.
using kws_every = ctml::detail::every_in_place_t<kws>;
TEST_CASE("kws, every layer that can run in place doing so: every layer and output equal TFLite Micro's") {
  golden::check_layers<kws_every>("kws_ref_model",
                                  std::array{22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34});
  golden::check_outputs<kws_every>("kws_ref_model", 9);
}

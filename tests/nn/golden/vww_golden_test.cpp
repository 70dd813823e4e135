// Visual wake words (MLPerf Tiny MobileNetV1 0.25, 96x96x3), imported by ctml-import, against TFLite Micro.
#include "golden_io.hpp"
#include "vww.hpp"

using namespace ctml::literals;
// TFLM needs a 103,392-byte arena; the largest pair of live activations is 55,296 bytes.
static_assert(ctml::fits<vww, ctml::budget{.ram = 55'296, .flash = 320_KiB}>);

TEST_CASE("vww: every layer equals TFLite Micro's intermediate tensor (input A_1)") {
  golden::check_layers<vww>("vww_96_int8",
                            std::array{58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73,
                                       74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88});
}
TEST_CASE("vww: outputs equal TFLite Micro's on every input (A_1..8)") {
  golden::check_outputs<vww>("vww_96_int8", 8);
}

// The same model under a RAM budget below two live tensors of its first stage: ctml::scheduled runs
// layers 0-3 (conv, depthwise, pointwise, depthwise stride 2) as one patch, row by row
// (docs/memory.md, "Patch-based execution"); every byte stays TFLM's.
struct vww_small final : ctml::scheduled<vww, ctml::budget{.ram = 40'960}> {};
static_assert(vww_small::arena_bytes <= 40'960);
static_assert(vww_small::patch.layers == 4 && vww_small::num_layers == vww::num_layers - 3);
TEST_CASE("vww, scheduled for 40,960 bytes of RAM: every layer equals TFLite Micro's (input A_1)") {
  golden::check_layers<vww_small>("vww_96_int8",
                                  std::array{61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74,
                                             75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88});
}
TEST_CASE("vww, scheduled for 40,960 bytes of RAM: outputs equal TFLite Micro's (A_1..8)") {
  golden::check_outputs<vww_small>("vww_96_int8", 8);
}

// Every layer that can run in place doing so (the stride-1 and stride-2 depthwise layers, the
// pointwise layers that do not widen, the average pool): each through TFLM's bytes.
using vww_every = ctml::detail::every_in_place_t<vww>;
TEST_CASE("vww, every layer that can run in place doing so: every layer and output equal TFLite Micro's") {
  golden::check_layers<vww_every>("vww_96_int8",
                                  std::array{58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73,
                                             74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88});
  golden::check_outputs<vww_every>("vww_96_int8", 8);
}

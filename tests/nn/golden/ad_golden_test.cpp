// Anomaly detection (MLPerf Tiny fully connected autoencoder, 640 in/out), imported by ctml-import,
// against TFLite Micro.
#include "ad.hpp"
#include "golden_io.hpp"

using namespace ctml::literals;
// TFLM needs a 3,424-byte arena.
static_assert(ctml::fits<ad, ctml::budget{.ram = 1_KiB, .flash = 320_KiB}>);
// The bound for a chain of dense layers (docs/memory.md, "AD: the bound of a dense chain"): each
// output element reads every input element, so a dense layer's input and output are alive together;
// layer 0 (640 -> 128, the input the caller's) and layer 9 (128 -> 640, the output) need 768 bytes,
// which the plan reaches, and no schedule goes below it: nothing in AD can run in place.
// (Exactly 768 with the portable kernels; a target's dense kernels may add scratch.)
static_assert(ad::arena_bytes == 640 + 128 || ctml::target_arch != ctml::arch::generic);
static_assert(ctml::smallest_ram<ad> == ad::arena_bytes);

TEST_CASE("ad: every layer equals TFLite Micro's intermediate tensor (input A_1)") {
  golden::check_layers<ad>("ad01_int8", std::array{21, 22, 23, 24, 25, 26, 27, 28, 29, 30});
}
TEST_CASE("ad: outputs equal TFLite Micro's on every input (A_1..8, S windows)") {
  golden::check_outputs<ad>("ad01_int8", 16);
}

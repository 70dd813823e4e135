// Anomaly detection (MLPerf Tiny fully connected autoencoder, 640 in/out), imported by ctml-import,
// against TFLite Micro.
#include "ad.hpp"
#include "golden_io.hpp"

using namespace ctml::literals;
// TFLM needs a 3,424-byte arena.
static_assert(ctml::fits<ad, ctml::budget{.ram = 1_KiB, .flash = 320_KiB}>);

TEST_CASE("ad: every layer equals TFLite Micro's intermediate tensor (input A_1)") {
  golden::check_layers<ad>("ad01_int8", std::array{21, 22, 23, 24, 25, 26, 27, 28, 29, 30});
}
TEST_CASE("ad: outputs equal TFLite Micro's on every input (A_1..8, S windows)") {
  golden::check_outputs<ad>("ad01_int8", 16);
}

// Image classification (MLPerf Tiny ResNet-8, residual adds: a ctml::graph), imported by ctml-import,
// against TFLite Micro.
#include "golden_io.hpp"
#include "ic.hpp"

using namespace ctml::literals;
// TFLM needs a 55,712-byte arena; the largest set of live activations is 49,152 bytes.
static_assert(ctml::fits<ic, ctml::budget{.ram = 49'152, .flash = 128_KiB}>);

TEST_CASE("ic: every layer equals TFLite Micro's intermediate tensor (input A_1)") {
  golden::check_layers<ic>("pretrainedResnet_quant",
                           std::array{22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37});
}
TEST_CASE("ic: outputs equal TFLite Micro's on every input (A_1..8, S)") {
  golden::check_outputs<ic>("pretrainedResnet_quant", 9);
}

// A ctml::graph with residual adds under a RAM budget: ctml::scheduled runs in place the
// convolutions whose input nothing later reads (docs/memory.md, "A RAM budget"); the bytes stay TFLM's.
struct ic_small final : ctml::scheduled<ic, ctml::budget{.ram = ctml::smallest_ram<ic>}> {};
static_assert(ic_small::arena_bytes < ic::arena_bytes);
TEST_CASE("ic, scheduled for its smallest RAM: every layer equals TFLite Micro's (input A_1)") {
  golden::check_layers<ic_small>("pretrainedResnet_quant",
                                 std::array{22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37});
}
TEST_CASE("ic, scheduled for its smallest RAM: outputs equal TFLite Micro's (A_1..8, S)") {
  golden::check_outputs<ic_small>("pretrainedResnet_quant", 9);
}

// Every layer that can run in place doing so (stride-1 and stride-2 3x3 convolutions whose input nothing else
// reads, and the average pool): each through TFLM's bytes.
using ic_every = ctml::detail::every_in_place_t<ic>;
TEST_CASE("ic, every layer that can run in place doing so: every layer and output equal TFLite Micro's") {
  golden::check_layers<ic_every>("pretrainedResnet_quant",
                                 std::array{22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37});
  golden::check_outputs<ic_every>("pretrainedResnet_quant", 9);
}

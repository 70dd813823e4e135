// Visual wake words (MLPerf Tiny vww_96_int8) as ctml-import writes it by default: the model has filters
// whose weights are all zero; ctml-import drops them (and the channels only they fed) and folds their
// constant outputs into the next layers' biases (docs/pruning.md). Its outputs must still be TFLite
// Micro's, byte for byte, on every input; vww_golden_test runs the file's layers unchanged.
#include "golden_io.hpp"
#include "vww_folded.hpp"

// The file's model: 31 layers, 7,491,968 MACs and 210,850 params (vww_96_int8.layers.md). Folded: the same
// layers with fewer channels, half the MACs, a seventh of the params (docs/pruning.md).
static_assert(vww_folded::num_layers == 31);
static_assert(vww_folded::macs == 3'774'900 && vww_folded::params == 31'618);  // multiples of 4 channels kept

TEST_CASE("vww, filters of zeros folded away: outputs equal TFLite Micro's on every input (A_1..8)") {
  MESSAGE("vww folded: " << vww_folded::macs << " MACs (file: 7491968), " << vww_folded::params
                         << " params (file: 210850)");
  golden::check_outputs<vww_folded>("vww_96_int8", 8);
}

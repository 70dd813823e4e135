// EXPECT: flash_bytes_exceed_budget<tone_pipeline, 174, 173>
// A pipeline periodogram<16> -> one-split forest needs 174 bytes of flash (138 of window and FFT
// tables, 36 of node table; see tests/trees/pipeline_test.cpp): a flash budget one byte smaller must
// not build, and the message must name the pipeline and both numbers.
#include <ctml/dsp/psd.hpp>
#include <ctml/graph/pipeline.hpp>
#include <ctml/trees.hpp>

inline constexpr ctml::trees::table<float, float, 9, 2, 1, 1, 2, 1, 2> tone_table{.feature = {1},
                                                                                  .threshold = {0.5f},
                                                                                  .left = {-1},
                                                                                  .right = {-2},
                                                                                  .base = {0},
                                                                                  .root = {0},
                                                                                  .values = {1, 0, 0, 1},
                                                                                  .init = {0, 0}};
struct tone_forest final : ctml::trees::random_forest_classifier<tone_table> {};
struct tone_pipeline final : ctml::pipeline<ctml::dsp::periodogram<16>, tone_forest> {};

#ifdef CTML_COMPILE_FAIL_OK
static_assert(ctml::fits<tone_pipeline, ctml::budget{.flash = 174}>);
#else
static_assert(ctml::fits<tone_pipeline, ctml::budget{.flash = 173}>);
#endif

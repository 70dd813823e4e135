#pragma once
// A complete pipeline DSP front end -> trees for the budget tests: a 16-sample periodogram (9 PSD
// bins) feeding a one-split forest on bin 1 (pipeline_test.cpp, compile_fail/).
#include <ctml/dsp/psd.hpp>
#include <ctml/graph/pipeline.hpp>
#include <ctml/trees.hpp>

// One tree: bin1 <= 0.5 ? class 0 ("quiet") : class 1 ("tone at bin 1"). Leaves one-hot.
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

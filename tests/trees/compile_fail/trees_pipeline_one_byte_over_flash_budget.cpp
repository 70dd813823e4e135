// EXPECT: flash_bytes_exceed_budget<tone_pipeline, 174(UL)?, 173(UL)?>
// A pipeline periodogram<16> -> one-split forest needs 174 bytes of flash (138 of window and FFT
// tables, 36 of node table; see tests/trees/pipeline_test.cpp): a flash budget one byte smaller must
// not build, and the message must name the pipeline and both numbers.
#include "../tone_pipeline.hpp"

#ifdef CTML_COMPILE_FAIL_OK
static_assert(ctml::fits<tone_pipeline, ctml::budget{.flash = 174}>);
#else
static_assert(ctml::fits<tone_pipeline, ctml::budget{.flash = 173}>);
#endif

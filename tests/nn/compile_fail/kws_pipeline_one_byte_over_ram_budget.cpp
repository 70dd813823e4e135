// FIRST-ERROR: ctml::fits: the model needs more RAM
// EXPECT: ram_bytes_exceed_budget<kws_pipeline, 25120(UL)?, 25119(UL)?>
// ERRORS: 1
// The KWS pipeline -- the MLPerf Tiny front end (9,120 bytes of buffers on a 64-bit host) feeding
// the imported DS-CNN (16,000-byte arena) -- needs 25,120 bytes of RAM; a budget one byte smaller
// must not build, and the message must name the pipeline and both numbers.
#include <ctml/dsp/kws_frontend.hpp>
#include <ctml/graph/pipeline.hpp>

#include "kws.hpp"

struct kws_pipeline final : ctml::pipeline<ctml::dsp::kws_frontend, kws> {};

#ifdef CTML_COMPILE_FAIL_OK
static_assert(ctml::fits<kws_pipeline, ctml::budget{.ram = 25'120}>);
#else
static_assert(ctml::fits<kws_pipeline, ctml::budget{.ram = 25'119}>);
#endif

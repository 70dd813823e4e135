// FIRST-ERROR: ctml::fits: the model needs more RAM
// EXPECT: ram_bytes_exceed_budget<kws_pipeline, 24144(UL)?, 24143(UL)?>
// ERRORS: 1
// The KWS pipeline -- the MLPerf Tiny front end (8,136 bytes of buffers) feeding the imported DS-CNN
// (16,000-byte arena, 16-byte aligned: 8 bytes of padding) -- needs 24,144 bytes of RAM on a 64-bit
// host; a budget one byte smaller
// must not build, and the message must name the pipeline and both numbers.
#include <ctml/dsp/kws_frontend.hpp>
#include <ctml/graph/pipeline.hpp>

#include "kws.hpp"

struct kws_pipeline final : ctml::pipeline<ctml::dsp::kws_frontend, kws> {};

#ifdef CTML_COMPILE_FAIL_OK
static_assert(ctml::fits<kws_pipeline, ctml::budget{.ram = 24'144}>);
#else
static_assert(ctml::fits<kws_pipeline, ctml::budget{.ram = 24'143}>);
#endif

// EXPECT: ram_bytes_exceed_budget<kws, 16000, 15999>
// The imported KWS model needs a 16,000-byte arena; a budget one byte smaller must not build, and
// the message must name the model and both numbers.
#include "kws.hpp"

#ifdef CTML_COMPILE_FAIL_OK
static_assert(ctml::fits<kws, ctml::budget{.ram = 16'000}>);
#else
static_assert(ctml::fits<kws, ctml::budget{.ram = 15'999}>);
#endif

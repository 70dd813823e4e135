// FIRST-ERROR: ctml::fits: the model's constants .* need more flash than the budget
// EXPECT: flash_bytes_exceed_budget<kws, ([0-9]+)(UL)?, [0-9]+(UL)?>
// ERRORS: 1
// A flash budget one byte below the model's constants must not build.
#include "kws.hpp"

#ifdef CTML_COMPILE_FAIL_OK
static_assert(ctml::fits<kws, ctml::budget{.flash = kws::weight_bytes}>);
#else
static_assert(ctml::fits<kws, ctml::budget{.flash = kws::weight_bytes - 1}>);
#endif

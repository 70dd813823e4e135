// The imported IC model's RAM under ctml::scheduled, pinned (docs/memory.md, "A RAM budget"). If a
// change to the planner, the layers or the kernels' scratch moves one of these numbers, update it
// here and say why in the commit.
#include "ic.hpp"

static_assert(std::is_same_v<ic::input_shape, ctml::shape<32, 32, 3>>);
// One layer at a time the first residual block peaks with three 32x32x16 tensors alive: the block's
// input (read again by its ADD), the first 3x3 conv's output and the second's (49,152 bytes with
// the portable kernels). The smallest schedule runs the second 3x3 conv in place over the first's
// output: the block's input (16,384), that tensor (16,384) and a ring of two 32x16 rows (1,024),
// + the kernels' scratch. Issue #16's target on Cortex-M4: 36,864 bytes.
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
static_assert(ctml::smallest_ram<ic> == 34'368);  // + the Helium kernels' scratch
#elif defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC) && !defined(CTML_KERNELS_SIZE_FIRST)
static_assert(ctml::smallest_ram<ic> == 34'368);  // + the Arm DSP kernels' scratch
#elif defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
static_assert(ctml::smallest_ram<ic> <= 36'864);
#elif defined(__ARM_ARCH_6M__) && !defined(CTML_FORCE_GENERIC)
static_assert(ctml::smallest_ram<ic> == 33'936);  // + the Armv6-M kernels' scratch
#elif !defined(__ARM_ARCH)
static_assert(ic::arena_bytes == 49'152);
static_assert(ctml::smallest_ram<ic> == 16'384 + 16'384 + 1'024);
#endif
struct ic_small final : ctml::scheduled<ic, ctml::budget{.ram = ctml::smallest_ram<ic>}> {};
static_assert(ic_small::arena_bytes == ctml::smallest_ram<ic> && ic_small::patch.layers == 0);
static_assert(ic_small::layers[2].in_place && !ic_small::layers[1].in_place);

// The imported VWW model's RAM under ctml::scheduled, pinned (docs/memory.md, "Patch-based
// execution"). If a change to the planner, the layers or the kernels' scratch moves one of these
// numbers, update it here and say why in the commit.
#include "vww.hpp"

static_assert(std::is_same_v<vww::input_shape, ctml::shape<96, 96, 3>>);
static_assert(vww::num_layers == 31 && vww::macs == 7'491'968);  // vww_96_int8.layers.md
// One layer at a time the first stage peaks at the pointwise layer 2: 48x48x8 in, 48x48x16 out
// (55,296 bytes with the portable kernels); it widens its rows, so it cannot run in place.
// The smallest schedule runs layers 0-3 (conv stride 2, depthwise, pointwise, depthwise stride 2) as
// one patch, row by row: the 96x96x3 input (27,648), the 24x24x16 output (9,216) and line buffers of
// 3 rows of 48x8, 1 row of 48x8 and 3 rows of 48x16 (3,840), + the row kernels' scratch. Issue #16's
// target on Cortex-M4: 40,960 bytes.
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
// + the Helium kernels' scratch (folded biases, im2col rows).
static_assert(ctml::smallest_ram<vww> == 40'832);
#elif defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC) && !defined(CTML_KERNELS_SIZE_FIRST)
// + the Arm DSP kernels' scratch (widened input patches).
static_assert(ctml::smallest_ram<vww> == 40'816);
#elif defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
static_assert(ctml::smallest_ram<vww> <= 40'960);
#elif defined(__ARM_ARCH_6M__) && !defined(CTML_FORCE_GENERIC)
static_assert(ctml::smallest_ram<vww> == 40'848);  // + the Armv6-M kernels' scratch
#elif !defined(__ARM_ARCH)
static_assert(vww::arena_bytes == 55'296);
static_assert(ctml::smallest_ram<vww> == 27'648 + 9'216 + 3'840);
#endif
struct vww_40k final : ctml::scheduled<vww, ctml::budget{.ram = ctml::smallest_ram<vww>}> {};
static_assert(vww_40k::arena_bytes == ctml::smallest_ram<vww>);
static_assert(vww_40k::patch.layers == 4 && vww_40k::num_layers == vww::num_layers - 3);
static_assert(vww_40k::macs == vww::macs && vww_40k::weight_bytes == vww::weight_bytes);
static_assert(vww_40k::patch.line_bytes == 3'840 && vww_40k::patch.recomputed_rows == 0);
// Halo rows kept: 47 pairs of depthwise windows sharing 2 rows, 23 pairs of stride-2 windows sharing 1.
static_assert(vww_40k::patch.halo_rows == 47 * 2 + 23);
// No budget, or one that in-place convolutions meet: no patch, the model's own layers.
static_assert(ctml::scheduled<vww, ctml::budget{}>::patch.layers == 0);
static_assert(ctml::scheduled<vww, ctml::budget{}>::arena_bytes == vww::arena_bytes);
static_assert(ctml::scheduled<vww, ctml::budget{.ram = vww::arena_bytes}>::num_layers == vww::num_layers);

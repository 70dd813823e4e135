// The imported KWS model's compile-time facts, pinned. If a change to the planner or the layers
// moves one of these numbers, update it here and say why in the commit (docs/memory.md explains
// the plan).
#include "kws.hpp"

using namespace ctml::literals;

static_assert(std::is_same_v<kws::input_shape, ctml::shape<49, 10, 1>>);
static_assert(std::is_same_v<kws::output_shape, ctml::shape<12>>);
static_assert(std::is_same_v<kws::layer<0>::output::shape, ctml::shape<25, 5, 64>>);
static_assert(std::is_same_v<kws::layer<9>::output::shape, ctml::shape<1, 1, 64>>);
static_assert(kws::num_layers == 13);
static_assert(kws::macs == 2'664'768);  // kws_ref_model.layers.md
static_assert(kws::params == 22'604);   // weights + biases
static_assert(kws::state_bytes == 0);
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
// The Helium kernels: int8 OHWI weights as imported, + biases with the input offset folded in at
// compile time (1,024 bytes of flash, no arena scratch for them: docs/kernels.md, prepare_bias).
constexpr std::size_t pinned_arena = 16'000, pinned_weights = 30'008;
#elif defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC) && !defined(CTML_KERNELS_SIZE_FIRST)
// The Arm DSP kernels: + 256 bytes of arena scratch (widened input patches of the pointwise
// layers) and int16-widened weights for the layers with room for them (docs/kernels.md).
constexpr std::size_t pinned_arena = 16'256, pinned_weights = 47'928;
#elif defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC)
constexpr std::size_t pinned_arena = 16'256, pinned_weights = 28'984;
#elif defined(__ARM_ARCH_6M__) && !defined(CTML_FORCE_GENERIC)
// The Armv6-M kernels: weights interleaved with the input offset folded into the biases, and
// arena scratch for their widened rows (docs/kernels.md).
constexpr std::size_t pinned_arena = 16'576, pinned_weights = 31'336;
#else
// Portable kernels: two 25x5x64 activations (TFLM: 24,000); 22,016 int8 weights + 2,352 bias +
// 577 x 8-byte multipliers.
constexpr std::size_t pinned_arena = 16'000, pinned_weights = 28'984;
#endif
static_assert(kws::arena_bytes == pinned_arena);
static_assert(kws::weight_bytes == pinned_weights);
static_assert(sizeof(ctml::arena<kws>) == pinned_arena);
static_assert(ctml::FitsBudget<kws, ctml::budget{.ram = pinned_arena, .flash = 48_KiB}>);
static_assert(!ctml::FitsBudget<kws, ctml::budget{.ram = pinned_arena - 1}>);

// The smallest schedule (ctml::scheduled, docs/memory.md "A RAM budget"): every depthwise and
// pointwise convolution in place, one 25x5x64 tensor + the depthwise layers' ring of two 320-byte
// rows (+ on Arm DSP the first conv's 160 bytes of patches next to the 490-byte input). Issue #16's
// target for KWS on Cortex-M4: 9,216 bytes.
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(CTML_FORCE_GENERIC)
// Helium: the first convolution's input, output and im2col rows peak above the ring.
static_assert(ctml::smallest_ram<kws> == 8'684);
#elif defined(__ARM_FEATURE_DSP) && !defined(CTML_FORCE_GENERIC) && !defined(CTML_KERNELS_SIZE_FIRST)
static_assert(ctml::smallest_ram<kws> == 8'652);
#elif defined(__ARM_ARCH_6M__) && !defined(CTML_FORCE_GENERIC)
static_assert(ctml::smallest_ram<kws> == 9'216);
#else
static_assert(ctml::smallest_ram<kws> == 8'640);
#endif
struct kws_9k final : ctml::scheduled<kws, ctml::budget{.ram = 9'216}> {};
static_assert(kws_9k::arena_bytes == ctml::smallest_ram<kws>);
static_assert(kws_9k::weight_bytes == kws::weight_bytes && kws_9k::macs == kws::macs);
static_assert(kws_9k::layers[1].in_place && kws_9k::layers[2].in_place && kws_9k::layers[8].in_place);
static_assert(!kws_9k::layers[0].in_place);  // 49x10x1 -> 25x5x64: more bytes out than in
// No budget, or one two tensors fit: the fastest schedule, nothing in place.
static_assert(ctml::scheduled<kws, ctml::budget{}>::arena_bytes == kws::arena_bytes);
static_assert(!ctml::scheduled<kws, ctml::budget{.ram = pinned_arena}>::layers[1].in_place);

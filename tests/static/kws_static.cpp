// The imported KWS model's compile-time facts, pinned. If a change to the planner or the layers
// moves one of these numbers, update it here and say why in the commit (docs/memory.md explains
// the plan).
#include "kws.hpp"

using namespace ctml::literals;

static_assert(std::is_same_v<kws::input_shape, ctml::shape<49, 10, 1>>);
static_assert(std::is_same_v<kws::output_shape, ctml::shape<12>>);
static_assert(std::is_same_v<kws::layer<0>::output::shape, ctml::shape<25, 5, 64>>);
static_assert(std::is_same_v<kws::layer<9>::output::shape, ctml::shape<1, 1, 64>>);
static_assert(kws::layer_count == 13);
static_assert(kws::macs == 2'664'768);      // kws_ref_model.layers.md
static_assert(kws::params == 22'604);       // weights + biases
static_assert(kws::arena_bytes == 16'000);  // two 25x5x64 activations; TFLM: 24,000
static_assert(kws::state_bytes == 0);
static_assert(kws::weight_bytes == 28'984);  // 22,016 int8 weights + 2,352 bias + 577 x 8-byte multipliers
static_assert(sizeof(ctml::arena<kws>) == 16'000);
static_assert(ctml::FitsBudget<kws, ctml::budget{.ram = 16'000, .flash = 32_KiB}>);
static_assert(!ctml::FitsBudget<kws, ctml::budget{.ram = 15'999}>);

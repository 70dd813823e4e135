// On-target golden test and measurement of one imported model (compiled once per model), shaped
// like firmware: ONE call site of `invoke` (run_once, called from one loop), each input copied into
// the arena outside the measured region, the arena a plain global in .bss.
//   - every embedded input's output must be byte-identical to TensorFlow Lite Micro's (the loop
//     runs every case through the same call site);
//   - case 0 is measured: instructions (QEMU -icount), stack high-water (painting). Printed as a
//     `MEASURE` line for the report.
// Built a second time with CTML_CM_LAPS (image cortex_m_layers_<model>): the one call site then
// passes an observer that laps the counter after each layer (`LAYER` lines, each with the layer's
// MACs from the model's constexpr table); that image's total is not the reported one.
// CTML_CM_SECOND_CALL_SITE adds a second, unmeasured call site of `invoke` before the loop (the
// harness shape before issue #15), to check that the kernels' inlining does not depend on it.
// CTML_CM_MODEL names the model type, CTML_CM_MODEL_HEADER its header from ctml-import, and
// CTML_CM_GOLDEN_HEADER the embedded cases (tests/cortex_m/models/embed_golden.cmake).
// CTML_CM_RAM_BUDGET, if set, runs the model as ctml::scheduled for that many bytes of RAM (its
// convolutions in place where the budget needs them, docs/memory.md); CTML_CM_RAM_SMALLEST runs it
// with the smallest schedule (budget ctml::smallest_ram<model>); CTML_CM_RAM_EVERY with every layer
// that can run in place doing so (stride-2 convolutions and pooling too), whatever the RAM;
// CTML_CM_RAM_BELOW with a budget one byte below the plan without one (the largest schedule that
// needs a budget: on the M4, KWS with its pointwise layers in place; where the kernels need no
// scratch, as on the host, that plan is no smaller than the plain one and the smallest is chosen).
// CTML_CM_PATCH_LAYERS, with a budget, runs a patch the search weighed there but did not choose
// (tools/memory_curve/measure.sh): the model's first CTML_CM_PATCH_LAYERS layers as the patch, then
// ctml::scheduled's search on the rest.
// `--stack-limit N` (a program argument) makes the image fail when case 0's inference uses more than
// N bytes of stack (issue #16: at most 1 KiB on the M4).
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>
#include <ctml_cm/stack.hpp>

#include CTML_CM_MODEL_HEADER
#include CTML_CM_GOLDEN_HEADER

#define CTML_CM_STRINGIFY_(x) #x
#define CTML_CM_STRINGIFY(x) CTML_CM_STRINGIFY_(x)

namespace {

#if defined(CTML_CM_RAM_SMALLEST)
struct model final : ctml::scheduled<CTML_CM_MODEL, ctml::budget{.ram = ctml::smallest_ram<CTML_CM_MODEL>}> {
};
constexpr const char* model_name = CTML_CM_STRINGIFY(CTML_CM_MODEL) "_smallest";
#elif defined(CTML_CM_RAM_BELOW)
struct model final : ctml::scheduled<CTML_CM_MODEL, ctml::budget{.ram = CTML_CM_MODEL::ram_bytes - 1}> {};
constexpr const char* model_name = CTML_CM_STRINGIFY(CTML_CM_MODEL) "_below";
#elif defined(CTML_CM_RAM_EVERY)
using model = ctml::detail::every_in_place_t<CTML_CM_MODEL>;
constexpr const char* model_name = CTML_CM_STRINGIFY(CTML_CM_MODEL) "_every";
#elif defined(CTML_CM_PATCH_LAYERS)
using patched = ctml::detail::fuse_prefix_t<ctml::detail::model_base_t<CTML_CM_MODEL>, CTML_CM_PATCH_LAYERS>;
static_assert(ctml::detail::patchable<ctml::detail::model_base_t<CTML_CM_MODEL>, CTML_CM_PATCH_LAYERS>());
struct model final : ctml::scheduled<patched, ctml::budget{.ram = CTML_CM_RAM_BUDGET}> {};
constexpr const char* model_name = CTML_CM_STRINGIFY(CTML_CM_MODEL) "_ram" CTML_CM_STRINGIFY(
    CTML_CM_RAM_BUDGET) "_patch" CTML_CM_STRINGIFY(CTML_CM_PATCH_LAYERS);
#elif defined(CTML_CM_RAM_BUDGET)
struct model final : ctml::scheduled<CTML_CM_MODEL, ctml::budget{.ram = CTML_CM_RAM_BUDGET}> {};
constexpr const char* model_name =
    CTML_CM_STRINGIFY(CTML_CM_MODEL) "_ram" CTML_CM_STRINGIFY(CTML_CM_RAM_BUDGET);
#else
using model = CTML_CM_MODEL;
constexpr const char* model_name = CTML_CM_STRINGIFY(CTML_CM_MODEL);
#endif

// The arena where firmware's globals go: .bss (zeroed at start-up, like any static).
ctml::arena<model> arena;

static_assert(ctml_cm_golden::input_bytes == ctml::arena<model>::input_size * sizeof(model::input_type),
              "model_test: golden input size differs from the model's input");
static_assert(ctml_cm_golden::output_bytes == ctml::arena<model>::output_size * sizeof(model::output_type),
              "model_test: golden output size differs from the model's output");

void load(std::size_t i) {
  std::memcpy(arena.input().data(), ctml_cm_golden::cases[i].input, ctml_cm_golden::input_bytes);
}

bool matches(std::size_t i) {
  const auto* out = reinterpret_cast<const std::uint8_t*>(arena.output().data());
  const auto* expected = reinterpret_cast<const std::uint8_t*>(ctml_cm_golden::cases[i].output);
  for (std::size_t b = 0; b < ctml_cm_golden::output_bytes; ++b) {
    if (out[b] != expected[b]) {
      ctml_cm_print("FAIL ");
      ctml_cm_print(ctml_cm_golden::cases[i].name);
      ctml_cm_print(": output byte ");
      ctml_cm_print_u64(b);
      ctml_cm_print(" is ");
      ctml_cm_print_i64(static_cast<std::int8_t>(out[b]));
      ctml_cm_print(", TFLite Micro gives ");
      ctml_cm_print_i64(static_cast<std::int8_t>(expected[b]));
      ctml_cm_print("\n");
      return false;
    }
  }
  ctml_cm_print("ok   ");
  ctml_cm_print(ctml_cm_golden::cases[i].name);
  ctml_cm_print("\n");
  return true;
}

void field(const char* name, std::uint64_t value) {
  ctml_cm_print(" ");
  ctml_cm_print(name);
  ctml_cm_print("=");
  ctml_cm_print_u64(value);
}

// The one call site of invoke: not inlined into the loop, so the count is one inference plus its call.
[[gnu::noinline]] void run_once() {
#if defined(CTML_CM_LAPS)
  model::invoke(arena, [](std::size_t, std::span<const std::byte>) { ctml_cm_counter_lap(); });
#else
  model::invoke(arena);
#endif
}

#if defined(CTML_CM_SECOND_CALL_SITE)
[[gnu::noinline]] void run_second_site() {
  model::invoke(arena);
}
#endif

// Per-layer MACs, copied from the constexpr `model::layers` table (which also holds names and would
// put them in flash); the report subtracts this array from the weights it measures.
constexpr auto layer_macs_table = [] {
  std::array<std::uint32_t, model::num_layers> m{};
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = static_cast<std::uint32_t>(model::layers[i].macs);
  return m;
}();
[[gnu::used]] const std::array<std::uint32_t, model::num_layers> layer_macs = layer_macs_table;

// `--stack-limit N`: N, or 0 (no limit).
std::size_t stack_limit(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--stack-limit") != 0) continue;
    std::size_t n = 0;
    for (const char* c = argv[i + 1]; *c >= '0' && *c <= '9'; ++c)
      n = n * 10 + static_cast<std::size_t>(*c - '0');
    return n;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int failures = 0;
  const std::size_t max_stack = stack_limit(argc, argv);
#if defined(CTML_CM_SECOND_CALL_SITE)
  load(0);
  run_second_site();
  if (!matches(0)) ++failures;
#endif
  std::uint64_t instructions = 0;
  std::size_t stack = 0;
  std::uint64_t laps[ctml_cm_counter_max_laps] = {};
  std::size_t lap_count = 0;
  for (std::size_t i = 0; i < ctml_cm_golden::case_count; ++i) {
    load(i);  // outside the measured region, as firmware fills its input buffer
    const std::uintptr_t mark = ctml_cm_stack_paint();
    ctml_cm_counter_begin();
    run_once();
    const std::uint64_t n = ctml_cm_counter_end();
    const std::size_t used = ctml_cm_stack_used(mark);
    if (i == 0) {  // case 0 is the reported one
      instructions = n;
      stack = used;
      lap_count = ctml_cm_counter_laps(laps, ctml_cm_counter_max_laps);
    }
    if (!matches(i)) ++failures;
  }

  if (max_stack > 0 && stack > max_stack) {
    ctml_cm_print("FAIL stack: the inference used ");
    ctml_cm_print_u64(stack);
    ctml_cm_print(" bytes, the limit is ");
    ctml_cm_print_u64(max_stack);
    ctml_cm_print("\n");
    ++failures;
  }
  if (!ctml_cm_counter_valid()) {
    ctml_cm_print("FAIL instruction counter not valid (QEMU not in -icount mode)\n");
    ++failures;
  }
  ctml_cm_print("MEASURE model=");
  ctml_cm_print(model_name);
  ctml_cm_print(" target=" CTML_CM_STRINGIFY(CTML_CM_TARGET_NAME));
  field("insns", instructions);
  field("stack", stack);
  field("arena", model::arena_bytes);
  field("weight_bytes", model::weight_bytes);
  field("macs", model::macs);
  field("cases", ctml_cm_golden::case_count);
  ctml_cm_print("\n");
  for (std::size_t i = 0; i < lap_count; ++i) {
    ctml_cm_print("LAYER model=");
    ctml_cm_print(model_name);
    field("index", i);
    field("insns", laps[i]);
    if (i < layer_macs.size()) field("macs", layer_macs[i]);
    ctml_cm_print("\n");
  }
  return failures == 0 ? 0 : 1;
}

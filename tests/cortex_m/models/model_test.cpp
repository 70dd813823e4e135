// On-target golden test and measurement of one imported model (compiled once per model):
//   - every embedded input's output must be byte-identical to TensorFlow Lite Micro's;
//   - one inference is measured: instructions (QEMU -icount), per-layer instructions (laps in the
//     observer), stack high-water (painting). Printed as `MEASURE` / `LAYER` lines for the report,
//     each LAYER line with the layer's MACs from the model's constexpr table.
// CTML_CM_MODEL names the model type, CTML_CM_MODEL_HEADER its header from ctml-import, and
// CTML_CM_GOLDEN_HEADER the embedded cases (tests/cortex_m/models/embed_golden.cmake).
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

using model = CTML_CM_MODEL;
constexpr const char* model_name = CTML_CM_STRINGIFY(CTML_CM_MODEL);

// The arena in its own section, as firmware would place it (ld/common.ld: .ctml_arena).
[[gnu::section(".ctml_arena")]] ctml::arena<model> arena;

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

// The measured call: not inlined, so the count is one inference plus its call.
[[gnu::noinline]] void run_once() {
  model::invoke(arena);
}
// Per-layer MACs, copied from the constexpr `model::layers` table (which also holds names and would
// put them in flash); the report subtracts this array from the weights it measures.
constexpr auto layer_macs_table = [] {
  std::array<std::uint32_t, model::num_layers> m{};
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = static_cast<std::uint32_t>(model::layers[i].macs);
  return m;
}();
[[gnu::used]] const std::array<std::uint32_t, model::num_layers> layer_macs = layer_macs_table;

[[gnu::noinline]] void run_with_laps() {
  model::invoke(arena, [](std::size_t, std::span<const std::byte>) { ctml_cm_counter_lap(); });
}

}  // namespace

int main() {
  int failures = 0;
  // Case 0, measured: stack painted before, instructions counted around one inference.
  load(0);
  const std::uintptr_t mark = ctml_cm_stack_paint();
  ctml_cm_counter_begin();
  run_once();
  const std::uint64_t instructions = ctml_cm_counter_end();
  const std::size_t stack = ctml_cm_stack_used(mark);
  if (!matches(0)) ++failures;

  // Case 0 again with a lap after each layer.
  load(0);
  ctml_cm_counter_begin();
  run_with_laps();
  ctml_cm_counter_end();
  std::uint64_t laps[ctml_cm_counter_max_laps] = {};
  const std::size_t lap_count = ctml_cm_counter_laps(laps, ctml_cm_counter_max_laps);
  if (!matches(0)) ++failures;

  for (std::size_t i = 1; i < ctml_cm_golden::case_count; ++i) {
    load(i);
    run_once();
    if (!matches(i)) ++failures;
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

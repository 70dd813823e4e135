// One model's image for the per-op comparison (README.md here): every embedded case must give TFLite
// Micro's output bytes, then one invoke of the first case is counted (QEMU -icount,
// cmake/cortex_m/include/ctml_cm/counter.hpp), as benchmarks/ops/tflm/tflm_count.cc counts TFLM.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

#include CTML_OPS_MODEL_HEADER
#include CTML_OPS_CASES_HEADER

#define CTML_OPS_STR_(x) #x
#define CTML_OPS_STR(x) CTML_OPS_STR_(x)

namespace {

using model = CTML_OPS_MODEL;
ctml::arena<model> arena;
// TFLite inputs the importer drops (TRANSPOSE_CONV's output shape) come first in the golden cases.
constexpr std::size_t first_input = golden::num_inputs - model::input_count;
constexpr auto inputs = std::make_index_sequence<model::input_count>{};
constexpr auto outputs = std::make_index_sequence<golden::num_outputs>{};

template <std::size_t... I>
void load(const golden::golden_case& c, std::index_sequence<I...>) {
  (std::memcpy(arena.input<I>().data(), c.inputs[first_input + I], arena.input<I>().size_bytes()), ...);
}

template <std::size_t... O>
bool outputs_match(const golden::golden_case& c, std::index_sequence<O...>) {
  return ((std::memcmp(arena.output<O>().data(), c.outputs[O], arena.output<O>().size_bytes()) == 0) && ...);
}

template <std::size_t... I, std::size_t... O>
bool sizes_match(std::index_sequence<I...>, std::index_sequence<O...>) {
  return ((golden::input_bytes[first_input + I] == arena.input<I>().size_bytes()) && ...) &&
         ((golden::output_bytes[O] == arena.output<O>().size_bytes()) && ...);
}

[[gnu::noinline]] void invoke() {
  model::invoke(arena);
}

}  // namespace

int main() {
  if (!sizes_match(inputs, outputs)) {
    ctml_cm_print("FAIL the embedded inputs or outputs differ in size from the model's\n");
    return 1;
  }
  int failures = 0;
  for (const auto& c : golden::cases) {
    load(c, inputs);
    invoke();
    if (!outputs_match(c, outputs)) {
      ctml_cm_print("FAIL ");
      ctml_cm_print(c.name);
      ctml_cm_print("\n");
      ++failures;
    }
  }
  load(golden::cases[0], inputs);
  ctml_cm_counter_begin();
  invoke();
  const std::uint64_t instructions = ctml_cm_counter_end();
  ctml_cm_print("ctml model=" CTML_OPS_STR(CTML_OPS_MODEL) " insns=");
  ctml_cm_print_u64(instructions);
  ctml_cm_print(" cases=");
  ctml_cm_print_u64(sizeof golden::cases / sizeof golden::cases[0]);
  ctml_cm_print(failures == 0 ? " golden=ok\n" : " golden=FAIL\n");
  return failures == 0 ? 0 : 1;
}

// On-target golden test of small TFLite Micro models (tests/data/tflm_models, tests/data/tflm_ops):
// each is imported with ctml-import, and every embedded case's output must be byte-identical to
// TFLM's. The models are the representative subset of what the host tests cover in full (float I/O
// around an int8 core, a float model, int16x8, several inputs, ...), chosen in CMakeLists.txt; the
// cases may have several inputs and outputs (arena.input<I>(), arena.output<I>()). A model with state
// (LSTM, SVDF) starts each case from reset() and runs its invocations back to back (a case holds
// several inputs and outputs in a row), as TFLM did. CTML_CM_MODELS_LIST names the generated header
// that includes them and defines CTML_CM_FOR_EACH_MODEL(X) as X(model, cases)...
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

#include <ctml_cm/semihosting.hpp>

#include CTML_CM_MODELS_LIST

namespace {

/// Model::invoke, with the model's state if it has one (reset first when `reset`: a case's first call).
template <class Model, class Arena>
void run(Arena& arena, bool reset) {
  if constexpr (Model::state_bytes > 0) {
    static ctml::state<Model> state;
    if (reset) state.reset();
    Model::invoke(arena, state);
  } else {
    Model::invoke(arena);
  }
}

/// Copies invocation k of case `c`'s inputs into the arena (input<I>() for each graph input I).
template <class Arena, class Case, std::size_t... I>
void load(Arena& arena, const Case& c, std::size_t k, std::index_sequence<I...>) {
  (std::memcpy(arena.template input<I>().data(), c.inputs[I] + k * arena.template input<I>().size_bytes(),
               arena.template input<I>().size_bytes()),
   ...);
}

/// Whether output I of the arena equals invocation k of case `c`'s (prints the first differing byte
/// if not).
template <std::size_t I, class Arena, class Case>
bool output_matches(const Arena& arena, const Case& c, std::size_t k, const char* name) {
  const auto out = arena.template output<I>();
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(out.data());
  for (std::size_t b = 0; b < out.size_bytes(); ++b) {
    if (bytes[b] != c.outputs[I][k * out.size_bytes() + b]) {
      ctml_cm_print("FAIL ");
      ctml_cm_print(name);
      ctml_cm_print(" ");
      ctml_cm_print(c.name);
      ctml_cm_print(": output ");
      ctml_cm_print_u64(I);
      ctml_cm_print(" byte ");
      ctml_cm_print_u64(b);
      ctml_cm_print(" differs from TFLite Micro's\n");
      return false;
    }
  }
  return true;
}

template <class Model, class Case, std::size_t N, std::size_t NI, std::size_t NO>
int check(const char* name, const Case (&cases)[N], const std::array<std::size_t, NI>& input_bytes,
          const std::array<std::size_t, NO>& output_bytes) {
  static ctml::arena<Model> arena;
  constexpr bool stateful = Model::state_bytes > 0;
  constexpr auto ins = std::make_index_sequence<NI>{};
  // The last case's sizes: one invocation's, or (stateful) the same number of each.
  const std::size_t n = input_bytes[0] / arena.template input<0>().size_bytes();
  const bool sizes_match = [&]<std::size_t... I, std::size_t... O>(std::index_sequence<I...>,
                                                                   std::index_sequence<O...>) {
    return (n == 1 || (stateful && n > 1)) &&
           ((input_bytes[I] == n * arena.template input<I>().size_bytes()) && ...) &&
           ((output_bytes[O] == n * arena.template output<O>().size_bytes()) && ...);
  }
  (ins, std::make_index_sequence<NO>{});
  if (!sizes_match) {
    ctml_cm_print("FAIL ");
    ctml_cm_print(name);
    ctml_cm_print(": the embedded inputs or outputs differ in size from the model's\n");
    return 1;
  }
  int failures = 0;
  for (const Case& c : cases) {
    const std::size_t invocations = c.bytes0 / arena.template input<0>().size_bytes();
    bool ok = invocations >= 1 && (invocations == 1 || stateful);
    for (std::size_t k = 0; ok && k < invocations; ++k) {
      load(arena, c, k, ins);
      run<Model>(arena, k == 0);
      ok = [&]<std::size_t... O>(std::index_sequence<O...>) {
        return (output_matches<O>(arena, c, k, name) && ...);
      }
      (std::make_index_sequence<NO>{});
    }
    if (!ok) {
      ++failures;
      continue;
    }
    ctml_cm_print("ok   ");
    ctml_cm_print(name);
    ctml_cm_print(" ");
    ctml_cm_print(c.name);
    ctml_cm_print("\n");
  }
  return failures;
}

}  // namespace

int main() {
  int failures = 0;
#define CTML_CM_CHECK(model, golden) \
  failures += check<model>(#model, golden::cases, golden::input_bytes, golden::output_bytes);
  CTML_CM_FOR_EACH_MODEL(CTML_CM_CHECK)
#undef CTML_CM_CHECK
  ctml_cm_print(failures == 0 ? "tflm_models_test: all cases equal TFLite Micro's\n"
                              : "tflm_models_test: FAILED\n");
  return failures == 0 ? 0 : 1;
}

// On-target golden test of small TFLite Micro models (tests/data/tflm_models, tests/data/tflm_ops):
// each is imported with ctml-import, and every embedded case's output must be byte-identical to
// TFLM's. The models are the representative subset of what the host tests cover in full (float I/O
// around an int8 core, a float model, ...), chosen in CMakeLists.txt; CTML_CM_MODELS_LIST names the
// generated header that includes them and defines CTML_CM_FOR_EACH_MODEL(X) as X(model, cases)...
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <ctml_cm/semihosting.hpp>

#include CTML_CM_MODELS_LIST

namespace {

template <class Model, class Case, std::size_t N, std::size_t NI, std::size_t NO>
int check(const char* name, const Case (&cases)[N], const std::array<std::size_t, NI>& input_bytes,
          const std::array<std::size_t, NO>& output_bytes) {
  static_assert(NI == 1 && NO == 1, "tflm_models_test: one input and one output per model");
  static ctml::arena<Model> arena;
  int failures = 0;
  if (input_bytes[0] != arena.input().size_bytes() || output_bytes[0] != arena.output().size_bytes()) {
    ctml_cm_print("FAIL ");
    ctml_cm_print(name);
    ctml_cm_print(": the embedded input or output size differs from the model's\n");
    return 1;
  }
  for (const Case& c : cases) {
    std::memcpy(arena.input().data(), c.inputs[0], input_bytes[0]);
    Model::invoke(arena);
    const auto* out = reinterpret_cast<const std::uint8_t*>(arena.output().data());
    std::size_t first_diff = output_bytes[0];
    for (std::size_t b = 0; b < output_bytes[0] && first_diff == output_bytes[0]; ++b)
      if (out[b] != c.outputs[0][b]) first_diff = b;
    ctml_cm_print(first_diff == output_bytes[0] ? "ok   " : "FAIL ");
    ctml_cm_print(name);
    ctml_cm_print(" ");
    ctml_cm_print(c.name);
    if (first_diff != output_bytes[0]) {
      ctml_cm_print(": output byte ");
      ctml_cm_print_u64(first_diff);
      ctml_cm_print(" differs from TFLite Micro's");
      ++failures;
    }
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

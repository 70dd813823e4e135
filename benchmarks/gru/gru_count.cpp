// Instructions per streaming GRU step on emulated Cortex-M (QEMU -icount, the project's exact
// instruction counter), for the benchmark configurations and the predictive-maintenance models.
// Built and run by tests/gru/CMakeLists.txt in Cortex-M builds; the host uses count_instructions.py.
#include <cstddef>
#include <cstdint>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

#include "gru_bench_models.hpp"
#include "model/vibration_model_float.hpp"
#include "model/vibration_model_int8.hpp"

namespace {

constexpr int warm_up = 2, measured = 10;

template <class Model>
void count(const char* name) {
  static ctml::arena<Model> a;
  static ctml::state<Model> st;
  st.reset();
  std::uint64_t total = 0;
  for (int t = 0; t < warm_up + measured; ++t) {
    gru_bench::fill_input(a, t);
    ctml_cm_counter_begin();
    Model::invoke(a, st);
    const std::uint64_t n = ctml_cm_counter_end();
    if (t >= warm_up) total += n;
  }
  ctml_cm_print(name);
  ctml_cm_print(": ");
  ctml_cm_print_u64(total / measured);
  ctml_cm_print(" instructions/step, RAM ");
  ctml_cm_print_u64(Model::ram_bytes);
  ctml_cm_print(" bytes, flash ");
  ctml_cm_print_u64(Model::weight_bytes);
  ctml_cm_print(" bytes\n");
}

template <int U, int F>
void pair(const char* f, const char* q) {
  count<gru_bench::float_step<U, F>>(f);
  count<gru_bench::int8_step<U, F>>(q);
}

}  // namespace

int main() {
  if (!ctml_cm_counter_valid()) {
    ctml_cm_print_error("instruction counter not valid (QEMU without -icount?)\n");
    return 1;
  }
  pair<16, 8>("float 16 units x 8 features", "int8  16 units x 8 features");
  pair<16, 40>("float 16 units x 40 features", "int8  16 units x 40 features");
  pair<32, 8>("float 32 units x 8 features", "int8  32 units x 8 features");
  pair<32, 24>("float 32 units x 24 features", "int8  32 units x 24 features");
  pair<32, 40>("float 32 units x 40 features", "int8  32 units x 40 features");
  pair<64, 8>("float 64 units x 8 features", "int8  64 units x 8 features");
  pair<64, 40>("float 64 units x 40 features", "int8  64 units x 40 features");
  count<vibration_model_float>("predictive maintenance, float (gru 16 x 8 + dense 3)");
  count<vibration_model_int8>("predictive maintenance, int8 (gru 16 x 8 + dense 3)");
  return 0;
}

// Instructions per prediction for the three benchmark models, both strategies, int16 and
// float features. Every prediction is also checked against scikit-learn's predict (the expected
// classes in tests/trees/generated/*_data.hpp, written by tests/trees/generate.py): a mismatch makes
// the program fail, so a count is never reported for a wrong model.
//
// Host: run under callgrind (benchmarks/trees/callgrind.sh); each bench_* function is one call per
// prediction. Cortex-M (QEMU -icount): the project's instruction counter (cmake/cortex_m) counts each
// call; the program prints instructions per prediction.
#include <cstddef>
#include <cstdint>

#include <ctml/trees.hpp>

#include "generated/breast_cancer_data.hpp"
#include "generated/breast_cancer_q16_data.hpp"
#include "generated/breast_cancer_q16_rf.hpp"
#include "generated/breast_cancer_rf.hpp"
#include "generated/digits_data.hpp"
#include "generated/digits_dt.hpp"
#include "generated/digits_q16_data.hpp"
#include "generated/digits_q16_dt.hpp"
#include "generated/digits_q16_rf.hpp"
#include "generated/digits_rf.hpp"

#if defined(__arm__) && __has_include(<ctml_cm/counter.hpp>)
#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>
#define CTML_TREES_COUNT_ON_TARGET 1
#else
#include <cstdio>
#endif

namespace tr = ctml::trees;

// One out-of-line function per configuration, so callgrind can attribute instructions to it and
// its code size can be read from the symbol table.
#define CTML_TREES_BENCH(name, model, strategy)                                             \
  [[gnu::noinline]] std::size_t bench_##name(const model::feature_type* x) {                \
    return model::with_strategy<tr::strategy>::predict(                                     \
        std::span<const model::feature_type, model::num_features>(x, model::num_features)); \
  }
CTML_TREES_BENCH(rf_digits_i16_table, digits_q16_rf, table_driven)
CTML_TREES_BENCH(rf_digits_i16_unrolled, digits_q16_rf, unrolled)
CTML_TREES_BENCH(rf_cancer_i16_table, breast_cancer_q16_rf, table_driven)
CTML_TREES_BENCH(rf_cancer_i16_unrolled, breast_cancer_q16_rf, unrolled)
CTML_TREES_BENCH(dt_digits_i16_table, digits_q16_dt, table_driven)
CTML_TREES_BENCH(dt_digits_i16_unrolled, digits_q16_dt, unrolled)
CTML_TREES_BENCH(rf_digits_f32_table, digits_rf, table_driven)
CTML_TREES_BENCH(rf_digits_f32_unrolled, digits_rf, unrolled)
CTML_TREES_BENCH(rf_cancer_f32_table, breast_cancer_rf, table_driven)
CTML_TREES_BENCH(rf_cancer_f32_unrolled, breast_cancer_rf, unrolled)
CTML_TREES_BENCH(dt_digits_f32_table, digits_dt, table_driven)
CTML_TREES_BENCH(dt_digits_f32_unrolled, digits_dt, unrolled)
#undef CTML_TREES_BENCH

namespace {

void say(const char* s) {
#ifdef CTML_TREES_COUNT_ON_TARGET
  ctml_cm_print(s);
#else
  std::fputs(s, stdout);
#endif
}
void say_u(std::uint64_t v) {
#ifdef CTML_TREES_COUNT_ON_TARGET
  ctml_cm_print_u64(v);
#else
  std::printf("%llu", static_cast<unsigned long long>(v));
#endif
}

int failures = 0;

// Runs `fn` on the first n samples of x, compares with scikit-learn's classes, reports.
template <typename F, std::size_t NF, std::size_t N>
void run(const char* name, std::size_t (*fn)(const F*), const F (&x)[N][NF], const int (&expected)[N],
         std::size_t n, std::size_t flash) {
  std::size_t mismatches = 0;
#ifdef CTML_TREES_COUNT_ON_TARGET
  std::uint64_t instructions = 0;
#endif
  for (std::size_t i = 0; i < n; ++i) {
#ifdef CTML_TREES_COUNT_ON_TARGET
    ctml_cm_counter_begin();
    const std::size_t c = fn(x[i]);
    instructions += ctml_cm_counter_end();
#else
    const std::size_t c = fn(x[i]);
#endif
    mismatches += c != static_cast<std::size_t>(expected[i]);
  }
  say(name);
  say(": predictions ");
  say_u(n);
  say(", mismatches vs scikit-learn ");
  say_u(mismatches);
  say(", table bytes ");
  say_u(flash);
#ifdef CTML_TREES_COUNT_ON_TARGET
  say(", instructions/prediction x100 ");
  say_u(instructions * 100 / n);
#endif
  say("\n");
  failures += mismatches != 0;
}

}  // namespace

int main() {
#ifdef CTML_TREES_COUNT_ON_TARGET
  if (!ctml_cm_counter_valid()) say("instruction counter not valid (QEMU without -icount?)\n");
#endif
  namespace dq = digits_q16_data;
  namespace cq = breast_cancer_q16_data;
  namespace df = digits_data;
  namespace cf = breast_cancer_data;
  run("rf_digits_i16_table", bench_rf_digits_i16_table, dq::x, dq::rf_class, dq::n_test,
      digits_q16_rf::flash_bytes);
  run("rf_digits_i16_unrolled", bench_rf_digits_i16_unrolled, dq::x, dq::rf_class, dq::n_test,
      digits_q16_rf::flash_bytes);
  run("rf_cancer_i16_table", bench_rf_cancer_i16_table, cq::x, cq::rf_class, cq::n_test,
      breast_cancer_q16_rf::flash_bytes);
  run("rf_cancer_i16_unrolled", bench_rf_cancer_i16_unrolled, cq::x, cq::rf_class, cq::n_test,
      breast_cancer_q16_rf::flash_bytes);
  run("dt_digits_i16_table", bench_dt_digits_i16_table, dq::x, dq::dt_class, dq::n_test,
      digits_q16_dt::flash_bytes);
  run("dt_digits_i16_unrolled", bench_dt_digits_i16_unrolled, dq::x, dq::dt_class, dq::n_test,
      digits_q16_dt::flash_bytes);
  run("rf_digits_f32_table", bench_rf_digits_f32_table, df::x, df::rf_class, df::n_test,
      digits_rf::flash_bytes);
  run("rf_digits_f32_unrolled", bench_rf_digits_f32_unrolled, df::x, df::rf_class, df::n_test,
      digits_rf::flash_bytes);
  run("rf_cancer_f32_table", bench_rf_cancer_f32_table, cf::x, cf::rf_class, cf::n_test,
      breast_cancer_rf::flash_bytes);
  run("rf_cancer_f32_unrolled", bench_rf_cancer_f32_unrolled, cf::x, cf::rf_class, cf::n_test,
      breast_cancer_rf::flash_bytes);
  run("dt_digits_f32_table", bench_dt_digits_f32_table, df::x, df::dt_class, df::n_test,
      digits_dt::flash_bytes);
  run("dt_digits_f32_unrolled", bench_dt_digits_f32_unrolled, df::x, df::dt_class, df::n_test,
      digits_dt::flash_bytes);
  return failures;
}

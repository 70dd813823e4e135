// Google Benchmark: host time per prediction of the benchmark models, both strategies.
// Instruction counts (the numbers in README.md) come from trees_count under callgrind / QEMU.
#include <cstddef>

#include <benchmark/benchmark.h>

#include <ctml/trees.hpp>

#include "generated/breast_cancer_q16_data.hpp"
#include "generated/breast_cancer_q16_rf.hpp"
#include "generated/digits_q16_data.hpp"
#include "generated/digits_q16_dt.hpp"
#include "generated/digits_q16_rf.hpp"

namespace {

template <typename Model, typename Strategy, std::size_t N>
void predict_all(benchmark::State& state, const typename Model::feature_type (&x)[N][Model::num_features]) {
  using M = typename Model::template with_strategy<Strategy>;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(M::predict(x[i]));
    i = i + 1 == N ? 0 : i + 1;
  }
}

void rf_digits_table(benchmark::State& s) {
  predict_all<digits_q16_rf, ctml::trees::table_driven>(s, digits_q16_data::x);
}
void rf_digits_unrolled(benchmark::State& s) {
  predict_all<digits_q16_rf, ctml::trees::unrolled>(s, digits_q16_data::x);
}
void rf_cancer_table(benchmark::State& s) {
  predict_all<breast_cancer_q16_rf, ctml::trees::table_driven>(s, breast_cancer_q16_data::x);
}
void rf_cancer_unrolled(benchmark::State& s) {
  predict_all<breast_cancer_q16_rf, ctml::trees::unrolled>(s, breast_cancer_q16_data::x);
}
void dt_digits_table(benchmark::State& s) {
  predict_all<digits_q16_dt, ctml::trees::table_driven>(s, digits_q16_data::x);
}
void dt_digits_unrolled(benchmark::State& s) {
  predict_all<digits_q16_dt, ctml::trees::unrolled>(s, digits_q16_data::x);
}

}  // namespace

BENCHMARK(rf_digits_table);
BENCHMARK(rf_digits_unrolled);
BENCHMARK(rf_cancer_table);
BENCHMARK(rf_cancer_unrolled);
BENCHMARK(dt_digits_table);
BENCHMARK(dt_digits_unrolled);

// Google Benchmark: one streaming GRU step, float and int8, units 16/32/64, features 8/40.
#include <benchmark/benchmark.h>

#include "gru_bench_models.hpp"

template <class Model>
static void step(benchmark::State& s) {
  static ctml::arena<Model> a;
  static ctml::state<Model> st;
  st.reset();
  int t = 0;
  for (auto _ : s) {
    gru_bench::fill_input(a, t++ & 15);
    Model::invoke(a, st);
    benchmark::DoNotOptimize(a.output().data());
    benchmark::ClobberMemory();
  }
  s.counters["macs"] = static_cast<double>(Model::macs);
  s.counters["ram_bytes"] = static_cast<double>(Model::ram_bytes);
  s.counters["weight_bytes"] = static_cast<double>(Model::weight_bytes);
}

#define GRU_BENCH(U, F)                                                                     \
  BENCHMARK_TEMPLATE(step, gru_bench::float_step<U, F>)->Name("gru_float/" #U "u/" #F "f"); \
  BENCHMARK_TEMPLATE(step, gru_bench::int8_step<U, F>)->Name("gru_int8/" #U "u/" #F "f");
GRU_BENCH(16, 8)
GRU_BENCH(16, 40)
GRU_BENCH(32, 8)
GRU_BENCH(32, 40)
GRU_BENCH(64, 8)
GRU_BENCH(64, 40)

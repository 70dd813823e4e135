// Host benchmarks: one inference of each other MLPerf Tiny model (KWS is in nn_bench.cpp), to put
// time beside the callgrind instruction counts (benchmarks/callgrind.sh).
#include <cstddef>
#include <cstdint>

#include <benchmark/benchmark.h>

#include "ad.hpp"
#include "ic.hpp"
#include "vww.hpp"

namespace {
template <class Model>
void inference(benchmark::State& state) {
  static ctml::arena<Model> arena;
  for (std::size_t i = 0; i < arena.input().size(); ++i) arena.input()[i] = static_cast<std::int8_t>(i * 37);
  for (auto _ : state) {
    Model::invoke(arena);
    benchmark::DoNotOptimize(arena.bytes);
  }
  state.counters["MACs/s"] =
      benchmark::Counter(static_cast<double>(Model::macs), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK_TEMPLATE(inference, vww)->Name("vww_inference");
BENCHMARK_TEMPLATE(inference, ic)->Name("ic_inference");
BENCHMARK_TEMPLATE(inference, ad)->Name("ad_inference");
}  // namespace

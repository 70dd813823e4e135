// Host benchmarks: one KWS inference, each KWS layer on its own, and the naive convolution loops
// of the unit tests on the same shapes (the baseline ctml's kernels are measured against).
#include <cstdint>
#include <vector>

#include <benchmark/benchmark.h>

#include "kws.hpp"
#include "naive_conv.hpp"

namespace {
ctml::arena<kws> arena;

void kws_inference(benchmark::State& state) {
  for (std::size_t i = 0; i < arena.input().size(); ++i) arena.input()[i] = static_cast<std::int8_t>(i * 37);
  for (auto _ : state) {
    kws::invoke(arena);
    benchmark::DoNotOptimize(arena.bytes);
  }
  state.counters["MACs/s"] =
      benchmark::Counter(static_cast<double>(kws::macs), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(kws_inference);

template <std::size_t I>
void kws_layer(benchmark::State& state) {
  using L = kws::layer<I>;
  std::vector<typename L::input::value_type> x(L::input::size, 3);
  std::vector<typename L::output::value_type> y(L::output::size);
  std::vector<std::byte> scratch(L::scratch_bytes + 1);
  for (auto _ : state) {
    L::run(x.data(), y.data(), scratch.data());
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetLabel(L::name);
  state.counters["MACs"] = static_cast<double>(L::macs);
}
BENCHMARK_TEMPLATE(kws_layer, 0);
BENCHMARK_TEMPLATE(kws_layer, 1);
BENCHMARK_TEMPLATE(kws_layer, 2);
BENCHMARK_TEMPLATE(kws_layer, 9);
BENCHMARK_TEMPLATE(kws_layer, 11);
BENCHMARK_TEMPLATE(kws_layer, 12);

// Baseline: the unit tests' naive loops on KWS's first conv, a depthwise and a pointwise layer.
template <std::size_t I>
void naive_layer(benchmark::State& state) {
  using L = kws::layer<I>;
  constexpr auto g = L::geometry;
  const bool depthwise = I % 2 == 1;
  const test::conv_case k{g.in_h,     g.in_w,     g.in_c, g.out_c, g.k_h, g.k_w,
                          g.stride_h, g.stride_w, 1,      1,       true,  ctml::activation::relu,
                          1};
  const std::vector<std::int8_t> x(L::input::size, 3);
  for (auto _ : state) {
    if constexpr (I == 0)
      benchmark::DoNotOptimize(test::naive_s8(k, depthwise, x, L::input::quant, kws_data::op0_conv2d));
    else if constexpr (I == 1)
      benchmark::DoNotOptimize(
          test::naive_s8(k, depthwise, x, L::input::quant, kws_data::op1_depthwise_conv2d));
    else
      benchmark::DoNotOptimize(test::naive_s8(k, depthwise, x, L::input::quant, kws_data::op2_conv2d));
  }
  state.counters["MACs"] = static_cast<double>(L::macs);
}
BENCHMARK_TEMPLATE(naive_layer, 0);
BENCHMARK_TEMPLATE(naive_layer, 1);
BENCHMARK_TEMPLATE(naive_layer, 2);
}  // namespace

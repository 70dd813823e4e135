// Google Benchmark for the ctml::dsp blocks the issue lists (host timings; instruction counts come
// from dsp_icount under callgrind, see README.md).
#include <benchmark/benchmark.h>

#include "dsp_ops.hpp"

namespace {

template <std::size_t N>
void bm_rfft_f32(benchmark::State& state) {
  const auto x = dsp_bench::signal_f32<N>();
  std::array<ctml::dsp::complex_f32, N / 2 + 1> out{};
  for (auto _ : state) {
    ctml::dsp::rfft<N>(x, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
}
template <std::size_t N>
void bm_rfft_q15(benchmark::State& state) {
  const auto x = dsp_bench::signal_q15<N>();
  std::array<ctml::dsp::complex_q15, N / 2 + 1> out{};
  for (auto _ : state) {
    ctml::dsp::rfft_q15<N>(x, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
}
void bm_rms_f32(benchmark::State& state) {
  const auto x = dsp_bench::signal_f32<1024>();
  for (auto _ : state) benchmark::DoNotOptimize(ctml::dsp::rms(x));
}
void bm_rms_q15(benchmark::State& state) {
  const auto x = dsp_bench::signal_q15<1024>();
  for (auto _ : state) benchmark::DoNotOptimize(ctml::dsp::rms_q15(x));
}
void bm_mfcc_frame(benchmark::State& state) {
  static ctml::dsp::mfcc<dsp_bench::mfcc512> m;
  const auto x = dsp_bench::signal_f32<512>();
  std::array<float, 13> out{};
  for (auto _ : state) {
    m.compute(x, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
}
void bm_kws_frontend_f32(benchmark::State& state) {
  static ctml::dsp::kws_frontend fe;
  static const auto x = dsp_bench::signal_f32<16000>();
  static std::array<float, 490> out{};
  for (auto _ : state) {
    fe.compute_float(x, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
}
void bm_kws_frontend_int8(benchmark::State& state) {
  static ctml::dsp::kws_frontend fe;
  static const auto x = dsp_bench::signal_q15<16000>();
  static std::array<std::int8_t, 490> out{};
  for (auto _ : state) {
    fe.compute(x, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
}

}  // namespace

BENCHMARK_TEMPLATE(bm_rfft_f32, 256);
BENCHMARK_TEMPLATE(bm_rfft_f32, 512);
BENCHMARK_TEMPLATE(bm_rfft_f32, 1024);
BENCHMARK_TEMPLATE(bm_rfft_q15, 256);
BENCHMARK_TEMPLATE(bm_rfft_q15, 512);
BENCHMARK_TEMPLATE(bm_rfft_q15, 1024);
BENCHMARK(bm_rms_f32);
BENCHMARK(bm_rms_q15);
BENCHMARK(bm_mfcc_frame);
BENCHMARK(bm_kws_frontend_f32);
BENCHMARK(bm_kws_frontend_int8);

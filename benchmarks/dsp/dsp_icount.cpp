// One call of one DSP operation, for exact instruction counts.
// Host, under callgrind (benchmarks/dsp/callgrind.sh):
//   valgrind --tool=callgrind --toggle-collect='*measured_call*' ./dsp_icount rfft_f32_512
// Cortex-M under QEMU -icount (built by tests/dsp in a cross build as dsp_icount_cm): the project's
// instruction counter (cmake/cortex_m) brackets the call; `dsp_icount all` prints every count.
// Inputs and tables are prepared before the measured call, which runs once to warm up and once
// measured.
#include <algorithm>
#include <cstring>
#include <span>

#include "dsp_ops.hpp"

#if defined(__arm__) && __has_include(<ctml_cm/counter.hpp>)
#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>
#define CTML_DSP_COUNT_ON_TARGET 1
#else
#include <cstdio>
#endif

namespace dsp_bench {

template <std::size_t N>
struct rfft_f32_op {
  std::array<float, N> x = signal_f32<N>();
  std::array<ctml::dsp::complex_f32, N / 2 + 1> out{};
  void operator()() { ctml::dsp::rfft<N>(x, out); }
};
template <std::size_t N>
struct rfft_q15_op {
  std::array<std::int16_t, N> x = signal_q15<N>();
  std::array<ctml::dsp::complex_q15, N / 2 + 1> out{};
  void operator()() { ctml::dsp::rfft_q15<N>(x, out); }
};
template <std::size_t N>
struct rfft_q31_op {
  std::array<std::int32_t, N> x = [] {
    std::array<std::int32_t, N> v{};
    const auto q = signal_q15<N>();
    for (std::size_t n = 0; n < N; ++n) v[n] = q[n] * 65536;
    return v;
  }();
  std::array<ctml::dsp::complex_q31, N / 2 + 1> out{};
  void operator()() { ctml::dsp::rfft_q31<N>(x, out); }
};
struct rms_f32_op {
  std::array<float, 1024> x = signal_f32<1024>();
  volatile float r = 0;
  void operator()() { r = ctml::dsp::rms(x); }
};
struct rms_q15_op {
  std::array<std::int16_t, 1024> x = signal_q15<1024>();
  volatile std::int16_t r = 0;
  void operator()() { r = ctml::dsp::rms_q15(x); }
};
struct mfcc_op {
  ctml::dsp::mfcc<mfcc512> m;
  std::array<float, 512> x = signal_f32<512>();
  std::array<float, 13> out{};
  void operator()() { m.compute(x, out); }
};
struct kws_f32_op {
  ctml::dsp::kws_frontend fe;
  std::array<float, 16000> x = signal_f32<16000>();
  std::array<float, 490> out{};
  void operator()() { fe.compute_float(x, out); }
};
struct kws_int8_op {
  ctml::dsp::kws_frontend fe;
  std::array<std::int16_t, 16000> x = signal_q15<16000>();
  std::array<std::int8_t, 490> out{};
  void operator()() { fe.compute(x, out); }
};

struct mfcc_q15_op {
  ctml::dsp::mfcc_q15<mfcc512> m;
  std::array<std::int16_t, 512> x = signal_q15<512>();
  std::array<std::int32_t, 13> out{};
  void operator()() { m.compute(x, out); }
};
struct mfcc_q15_fft15_op {
  ctml::dsp::mfcc_q15<mfcc512, ctml::dsp::mfcc_fft::q15> m;
  std::array<std::int16_t, 512> x = signal_q15<512>();
  std::array<std::int32_t, 13> out{};
  void operator()() { m.compute(x, out); }
};
struct kws_q15_op {
  ctml::dsp::kws_frontend_q15 fe;
  std::array<std::int16_t, 16000> x = signal_q15<16000>();
  std::array<std::int8_t, 490> out{};
  void operator()() { fe.compute(x, out); }
};

// One 20 ms hop of a streaming KWS front end as firmware runs it: push 320 samples (one new frame's
// MFCCs) and write the 49 x 10 window into the model's input. The constructor fills the window
// first (50 hops), so every call, the warm-up and the measured one, computes exactly one frame.
template <typename Stream>
struct kws_hop_op {
  Stream fe;
  std::array<std::int16_t, 16000> x = signal_q15<16000>();
  std::array<std::int8_t, 490> input{};
  std::size_t at = 0;
  kws_hop_op() {
    for (int k = 0; k < 50; ++k) hop();
  }
  void hop() {
    fe.push(std::span<const std::int16_t>(x).subspan(at, 320));
    at = at + 320 == x.size() ? 0 : at + 320;
  }
  void operator()() {
    hop();
    if constexpr (requires { fe.features(input); })
      fe.features(input);  // kws_stream_q15: the ring copied out
    else
      std::ranges::copy(fe.features(), input.begin());  // kws_frontend: the contiguous view copied
  }
};
using kws_q15_hop_op = kws_hop_op<ctml::dsp::kws_stream_q15>;
using kws_int8_hop_op = kws_hop_op<ctml::dsp::kws_frontend>;

// The feature window's share of a hop, in three layouts: add one 10-value row and write the 490-value
// window into the model's input (an NN model's arena may overwrite its input, so the window is kept
// apart). feature_ring (500 bytes): a row written, two block copies out; sliding_window (988 bytes):
// each row written twice, one copy of the contiguous view; shifted rows (490 bytes): 480 bytes moved
// up, the row appended, one copy.
struct window_row {
  std::array<std::int8_t, 10> row{};
  std::array<std::int8_t, 490> input{};
  void next() { row[0] = static_cast<std::int8_t>(row[0] + 1); }
};
struct window_ring_op : window_row {
  ctml::dsp::feature_ring<std::int8_t, 49, 10> w;
  void operator()() {
    next();
    w.push_row(row);
    w.copy_to(input);
  }
};
struct window_doubled_op : window_row {
  ctml::dsp::sliding_window<std::int8_t, 49, 10> w;
  void operator()() {
    next();
    w.push_row(row);
    std::ranges::copy(w.view(), input.begin());
  }
};
struct window_shift_op : window_row {
  std::array<std::int8_t, 490> rows{};
  void operator()() {
    next();
    std::memmove(rows.data(), rows.data() + 10, 480);
    std::memcpy(rows.data() + 480, row.data(), 10);
    std::memcpy(input.data(), rows.data(), 490);
  }
};

template <std::size_t Taps, std::size_t Down = 1>
struct fir_f32_op {
  static inline const std::array<float, Taps> h = fir_taps_f32<Taps>();
  ctml::dsp::fir<Taps, Down> f{h};
  std::array<float, filter_block> x = signal_f32<filter_block>();
  std::array<float, filter_block / Down> out{};
  void operator()() { f.process(x, out); }
};
template <std::size_t Taps, std::size_t Down = 1>
struct fir_q15_op {
  static inline const std::array<std::int16_t, Taps> h = fir_taps_q15<Taps>();
  ctml::dsp::fir_q15<Taps, Down> f{h};
  std::array<std::int16_t, filter_block> x = signal_q15<filter_block>();
  std::array<std::int16_t, filter_block / Down> out{};
  void operator()() { f.process(x, out); }
};
template <std::size_t Sections>
struct sos_f32_op {
  ctml::dsp::sos_filter<Sections> f{butter_sections<Sections>()};
  std::array<float, filter_block> x = signal_f32<filter_block>();
  std::array<float, filter_block> out{};
  void operator()() { f.process(x, out); }
};
template <std::size_t Sections>
struct sos_q15_op {
  ctml::dsp::sos_filter_q15<Sections> f{butter_sections<Sections>()};
  std::array<std::int16_t, filter_block> x = signal_q15<filter_block>();
  std::array<std::int16_t, filter_block> out{};
  void operator()() { f.process(x, out); }
};

template <typename Op>
[[gnu::noinline]] void measured_call(Op& op) {
  op();
}

template <typename Op>
int run(const char* name) {
  static Op op;
  op();  // warm-up: page in tables and buffers
#ifdef CTML_DSP_COUNT_ON_TARGET
  ctml_cm_counter_begin();
  measured_call(op);
  const std::uint64_t n = ctml_cm_counter_end();
  ctml_cm_print(name);
  ctml_cm_print(" ");
  ctml_cm_print_u64(n);
  ctml_cm_print("\n");
  return ctml_cm_counter_valid() ? 0 : 1;
#else
  (void)name;
  measured_call(op);
  return 0;
#endif
}

}  // namespace dsp_bench

int main(int argc, char** argv) {
  using namespace dsp_bench;
  const char* op = argc == 2 ? argv[1] : "all";
  const bool all = !std::strcmp(op, "all");
  int rc = 0;
  bool found = false;
  auto one = [&](const char* name, int (*fn)(const char*)) {
    if (all || !std::strcmp(op, name)) {
      found = true;
      rc |= fn(name);
    }
  };
  one("rfft_f32_256", run<rfft_f32_op<256>>);
  one("rfft_f32_512", run<rfft_f32_op<512>>);
  one("rfft_f32_1024", run<rfft_f32_op<1024>>);
  one("rfft_q15_256", run<rfft_q15_op<256>>);
  one("rfft_q15_512", run<rfft_q15_op<512>>);
  one("rfft_q15_1024", run<rfft_q15_op<1024>>);
  one("rfft_q31_512", run<rfft_q31_op<512>>);
  one("rms_f32_1024", run<rms_f32_op>);
  one("rms_q15_1024", run<rms_q15_op>);
  one("mfcc_f32_512", run<mfcc_op>);
  one("kws_f32", run<kws_f32_op>);
  one("kws_int8", run<kws_int8_op>);
  one("mfcc_q15_512", run<mfcc_q15_op>);
  one("mfcc_q15_fft15_512", run<mfcc_q15_fft15_op>);
  one("kws_q15_int8", run<kws_q15_op>);
  one("kws_q15_hop", run<kws_q15_hop_op>);
  one("kws_int8_hop", run<kws_int8_hop_op>);
  one("kws_window_ring", run<window_ring_op>);
  one("kws_window_doubled", run<window_doubled_op>);
  one("kws_window_shift", run<window_shift_op>);
  one("fir_f32_32x256", run<fir_f32_op<32>>);
  one("fir_f32_64x256", run<fir_f32_op<64>>);
  one("fir_q15_32x256", run<fir_q15_op<32>>);
  one("fir_q15_64x256", run<fir_q15_op<64>>);
  one("fir_decimate4_f32_32x256", run<fir_f32_op<32, 4>>);
  one("fir_decimate4_q15_32x256", run<fir_q15_op<32, 4>>);
  one("sos_f32_2x256", run<sos_f32_op<2>>);
  one("sos_f32_4x256", run<sos_f32_op<4>>);
  one("sos_q15_2x256", run<sos_q15_op<2>>);
  one("sos_q15_4x256", run<sos_q15_op<4>>);
  if (!found) {
#ifdef CTML_DSP_COUNT_ON_TARGET
    ctml_cm_print_error("dsp_icount: unknown op\n");
#else
    std::fprintf(stderr, "dsp_icount: unknown op '%s'\n", op);
#endif
    return 2;
  }
  return rc;
}

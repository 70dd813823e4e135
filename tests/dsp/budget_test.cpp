// The memory facts of the DSP blocks (ctml::Budgeted: flash_bytes, state_bytes, scratch_bytes,
// ram_bytes), each worked out by hand from the sizes of the tables and buffers the block holds, and
// ctml::fits / print_summary on them. Sizes that depend on the target (std::size_t counters,
// padding before them) are written with sizeof(std::size_t), so the test also holds on Cortex-M.
#include <cstddef>
#include <cstdint>
#include <string>

#include <doctest/doctest.h>

#include <ctml/dsp.hpp>
#include <ctml/graph/budget.hpp>
#include <ctml/graph/summary.hpp>

namespace dsp = ctml::dsp;

namespace {
constexpr std::size_t word = sizeof(std::size_t);
constexpr std::size_t round_up(std::size_t n, std::size_t a) {
  return (n + a - 1) / a * a;
}
// A totals line of print_summary: label in 28 columns, the number right-aligned in 12.
std::string totals_line(const std::string& label, const std::string& number) {
  return label + std::string(28 - label.size(), ' ') + std::string(12 - number.size(), ' ') + number +
         " bytes\n";
}
}  // namespace

// Tables: a K x N float DCT; a mel filterbank's 6-byte band records and its packed float weights.
static_assert(dsp::dct2<40, 10>::flash_bytes == 10 * 40 * 4);
static_assert(dsp::mel_filterbank<dsp::kws_mel>::num_weights == 247);
static_assert(dsp::mel_filterbank<dsp::kws_mel>::flash_bytes == 40 * 6 + 247 * 4);
static_assert(dsp::dct2<40, 10>::ram_bytes == 0 && dsp::mel_filterbank<dsp::kws_mel>::ram_bytes == 0);

// rfft<512> on the portable path: a 256-point complex FFT (twiddles of stages 8 .. 256: 256 - 4
// complex floats), its radix-4 first pass (64 uint16 group indices), the split step (129 complex).
static_assert(dsp::rfft_flash_bytes<512> == 252 * 8 + 64 * 2 + 129 * 8);
// rfft<16>: an 8-point FFT (4 twiddles), radix-8 first pass (one group index), split (5 complex).
static_assert(dsp::rfft_flash_bytes<16> == 4 * 8 + 1 * 2 + 5 * 8);

// The KWS MFCC: 480-float window + rfft<512> + filterbank + DCT in flash; a 512-float rfft input,
// 257 complex bins and 40 mel energies as scratch; no state.
using kws_mfcc = dsp::mfcc<dsp::kws_mfcc>;
static_assert(kws_mfcc::flash_bytes == 480 * 4 + (252 * 8 + 64 * 2 + 129 * 8) + (40 * 6 + 247 * 4) + 400 * 4);
static_assert(kws_mfcc::flash_bytes == 7'924);
static_assert(kws_mfcc::state_bytes == 0);
static_assert(kws_mfcc::scratch_bytes == 512 * 4 + 257 * 8 + 40 * 4);
static_assert(kws_mfcc::ram_bytes == 4'264 && sizeof(kws_mfcc) == kws_mfcc::ram_bytes);

// Streaming blocks, with 32-bit counters (the same size on every target): the framer's buffer
// (one frame) and fill count are state, it needs no scratch; the sliding window (two copies of
// 49 x 10 int8 rows and two counters) and the feature ring (one copy, padded to 4 bytes) are state.
using kws_framer = dsp::framer<std::int16_t, 480, 320>;
static_assert(kws_framer::state_bytes == 480 * 2 + 4);
static_assert(kws_framer::scratch_bytes == 0);
static_assert(kws_framer::flash_bytes == 0 && kws_framer::ram_bytes == sizeof(kws_framer));
using kws_window = dsp::sliding_window<std::int8_t, 49, 10>;
static_assert(kws_window::state_bytes == 980 + 2 * 4);
static_assert(kws_window::scratch_bytes == 0 && kws_window::ram_bytes == sizeof(kws_window));
using kws_ring = dsp::feature_ring<std::int8_t, 49, 10>;
static_assert(kws_ring::state_bytes == round_up(490, 4) + 2 * 4);
static_assert(kws_ring::scratch_bytes == 0 && kws_ring::flash_bytes == 0 &&
              kws_ring::ram_bytes == sizeof(kws_ring));

// The KWS front end: the MFCC's tables; state = framer buffer + feature window; scratch = MFCC
// buffers + the 480-float frame. Every member is counted (sizeof matches).
static_assert(dsp::kws_frontend::flash_bytes == 7'924);
static_assert(dsp::kws_frontend::state_bytes == (960 + 4) + (980 + 8));
static_assert(dsp::kws_frontend::scratch_bytes == 4'264 + 480 * 4);
static_assert(dsp::kws_frontend::ram_bytes == sizeof(dsp::kws_frontend));
static_assert(dsp::kws_frontend::ram_bytes == 8'136);  // as its doc says

// Welch: Hann window (256 floats) + rfft<256> (124 twiddles, radix-8 first pass: 16 group indices,
// 65 split twiddles) in flash; the run-time options (float + two enums), the 129-bin running sum
// and the segment count are state; the windowed segment and its 129 complex bins are scratch.
using welch256 = dsp::welch<256>;
static_assert(welch256::flash_bytes == 256 * 4 + (124 * 8 + 16 * 2 + 65 * 8));
static_assert(welch256::state_bytes == 12 + 129 * 4 + word);
static_assert(welch256::scratch_bytes == 256 * 4 + 129 * 8);
static_assert(welch256::ram_bytes == sizeof(welch256));
// A periodogram is a welch with no overlap and adds nothing.
using periodogram16 = dsp::periodogram<16>;
static_assert(periodogram16::flash_bytes == 16 * 4 + (4 * 8 + 1 * 2 + 5 * 8));
static_assert(periodogram16::state_bytes == 12 + 9 * 4 + word);
static_assert(periodogram16::scratch_bytes == 16 * 4 + 9 * 8);

// The integer KWS front end: Q31 window (480 int32), Q31 mel weights (247 uint32), Q23 DCT rows
// (400 int32), band records (40 x 6), the rsqrt seed (192 uint32, magnitude spectrum) and log
// table (64 x 16 bytes), rfft_q31<512> (256 uint16 bit reversal, 128 + 129 Q31 twiddle pairs).
static_assert(sizeof(dsp::detail::ln_table) == 64 * 16);
static_assert(dsp::rfft_q31_flash_bytes<512> == 256 * 2 + 128 * 8 + 129 * 8);
static_assert(dsp::kws_frontend_q15::flash_bytes ==
              480 * 4 + 247 * 4 + 400 * 4 + 40 * 6 + 192 * 4 + 64 * 16 + (256 * 2 + 128 * 8 + 129 * 8));
// Scratch: 512 int32 rfft input, the unused Q15 buffer (a std::array<std::int16_t, 0> still takes
// one byte, padded to 4), 257 complex Q31 bins, 40 int32 mel energies.
static_assert(dsp::kws_frontend_q15::scratch_bytes == 512 * 4 + 4 + 257 * 8 + 40 * 4);
static_assert(dsp::kws_frontend_q15::state_bytes == 0);
static_assert(dsp::kws_frontend_q15::ram_bytes == sizeof(dsp::kws_frontend_q15));
// Its streaming form: the same tables and scratch; state = the 480-sample frame buffer and its 32-bit
// fill count, the 49 x 10 int8 ring (padded to 4 bytes) and its two 32-bit counters.
static_assert(dsp::kws_stream_q15::flash_bytes == dsp::kws_frontend_q15::flash_bytes);
static_assert(dsp::kws_stream_q15::flash_bytes == 9'108);
static_assert(dsp::kws_stream_q15::scratch_bytes == 512 * 4 + 4 + 257 * 8 + 40 * 4);
static_assert(dsp::kws_stream_q15::state_bytes == (480 * 2 + 4) + (492 + 2 * 4));
static_assert(dsp::kws_stream_q15::state_bytes == 1'464 && dsp::kws_stream_q15::ram_bytes == 5'732);
static_assert(dsp::kws_stream_q15::ram_bytes == sizeof(dsp::kws_stream_q15));

// Every block is ctml::Budgeted and ctml::fits judges it like a model.
static_assert(ctml::Budgeted<dsp::kws_frontend> && ctml::Budgeted<dsp::kws_frontend_q15> &&
              ctml::Budgeted<dsp::kws_stream_q15> && ctml::Budgeted<kws_ring> && ctml::Budgeted<welch256> &&
              ctml::Budgeted<kws_framer> && ctml::Budgeted<kws_window> && ctml::Budgeted<kws_mfcc> &&
              ctml::Budgeted<dsp::dct2<40, 10>>);
static_assert(!ctml::Budgeted<int>);
static_assert(
    ctml::fits<dsp::kws_frontend, ctml::budget{.ram = dsp::kws_frontend::ram_bytes, .flash = 7'924}>);
static_assert(!ctml::FitsBudget<dsp::kws_frontend, ctml::budget{.ram = dsp::kws_frontend::ram_bytes - 1}>);
static_assert(!ctml::FitsBudget<dsp::kws_frontend, ctml::budget{.flash = 7'923}>);

// Filters: coefficients and state in the object, nothing in flash (FIR taps are the caller's array).
// sos_filter: 5 coefficients + 2 state floats per section; sos_filter_q15: 5 + 4 int16 per section.
static_assert(dsp::sos_filter<2>::ram_bytes == 2 * 7 * 4 && dsp::sos_filter<2>::flash_bytes == 0);
static_assert(dsp::sos_filter_q15<3>::ram_bytes == 3 * 9 * 2 && dsp::sos_filter_q15<3>::state_bytes == 54);
// fir: the taps' address, the last N - 1 = 30 inputs plus room for a chunk's first 32 (30 rounded up
// to a multiple of 8), the decimation phase.
static_assert(dsp::fir<31, 4>::ram_bytes == word + round_up((30 + 32) * 4, word) + word);
static_assert(dsp::fir_q15<31>::ram_bytes == word + round_up((30 + 32) * 2, word) + word);
static_assert(dsp::moving_average<8>::ram_bytes == round_up(8 * 4 + 4, word) + word);
static_assert(dsp::moving_average_q15<8>::ram_bytes == round_up(8 * 2 + 4, word) + word);
static_assert(dsp::pre_emphasis::ram_bytes == 8 && dsp::pre_emphasis_q15::ram_bytes == 4 &&
              dsp::dc_blocker::ram_bytes == 12);
static_assert(ctml::Budgeted<dsp::sos_filter<2>> && ctml::Budgeted<dsp::fir_q15<31, 2>> &&
              ctml::Budgeted<dsp::moving_average<8>> && ctml::Budgeted<dsp::dc_blocker>);

TEST_CASE("print_summary prints a DSP block's flash, state, scratch and total RAM") {
  std::string s;
  ctml::print_summary<welch256>([&](char c) { s += c; }, "welch<256>");
  CHECK(s.find("Model: welch<256>\n") != std::string::npos);
  CHECK(s.find(totals_line("Flash", "2,568")) != std::string::npos);
  CHECK(s.find(totals_line("RAM: state", std::to_string(528 + word))) != std::string::npos);
  CHECK(s.find(totals_line("RAM: scratch", "2,056")) != std::string::npos);
  CHECK(s.find(totals_line("RAM: total", word == 8 ? "2,592" : "2,588")) != std::string::npos);
}

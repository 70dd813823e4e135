#pragma once
// Exact instruction counts under QEMU -icount, read from a hardware timer (docs/cortex-m.md).
//
// With `-icount shift=S,align=off,sleep=off` QEMU's virtual clock advances exactly 2^S ns per
// executed instruction, and a timer read sees the time at that instruction. Start-up calibration
// times a loop of known length to find S, and refuses to count when QEMU is not in icount mode.
// A count is `round(ticks * timer_period / 2^S)`, exact while 2^S ns exceeds two timer periods
// (S >= 7 on the mps2/mps3 machines). A second, slower counter recovers wraps of the 32-bit one.
// What is counted: executed instructions as QEMU sees them, not cycles.
#include <cstddef>
#include <cstdint>

extern "C" {
/// Starts a region.
void ctml_cm_counter_begin(void);
/// Ends the region begun last: instructions executed between the two calls (the cost of an empty
/// begin/end pair is subtracted). UINT64_MAX when the counter is not valid.
std::uint64_t ctml_cm_counter_end(void);
/// Marks a lap boundary inside a region (e.g. after each layer); cheap and constant-time.
/// Up to ctml_cm_counter_max_laps laps per region are recorded.
void ctml_cm_counter_lap(void);
/// Instructions of each lap of the region ended last (lap i: from lap i-1, or begin, to lap i;
/// the cost of an empty lap is subtracted). Returns the number of laps written.
std::size_t ctml_cm_counter_laps(std::uint64_t* out, std::size_t capacity);
/// False when QEMU does not run in icount mode with a shift fine enough for exact counts.
bool ctml_cm_counter_valid(void);
/// Virtual nanoseconds per instruction found by the start-up calibration (2^S), 0 if invalid.
std::uint32_t ctml_cm_counter_ns_per_insn(void);
/// Instructions of an empty begin/end pair (subtracted from every region).
std::uint32_t ctml_cm_counter_overhead(void);
/// Called once by the start-up code: starts the timers and calibrates.
void ctml_cm_counter_init(void);
}

inline constexpr std::size_t ctml_cm_counter_max_laps = 128;

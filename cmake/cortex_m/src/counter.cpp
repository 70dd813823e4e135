// Instruction counter: QEMU -icount virtual time read from a hardware timer (see counter.hpp).
// Each machine provides `sample` (raw timer values at one instant, constant instruction count to
// take) and `elapsed_ticks` (timer ticks between two samples, wraps undone).
#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

namespace {

inline std::uint32_t read(std::uintptr_t address) {
  return *reinterpret_cast<volatile std::uint32_t*>(address);
}
inline void write(std::uintptr_t address, std::uint32_t value) {
  *reinterpret_cast<volatile std::uint32_t*>(address) = value;
}

#if defined(CTML_CM_TIMER_MPS2) || defined(CTML_CM_TIMER_AN505)
// CMSDK APB timer 0 (32 bit, counts down at the system clock) is the fine counter; dual timer 1,
// free-running with prescale /16, recovers wraps of it.
#if defined(CTML_CM_TIMER_MPS2)
constexpr std::uintptr_t peripherals = 0x40000000U;
constexpr std::uint64_t period_ps = 40000;  // 25 MHz SYSCLK
#else
constexpr std::uintptr_t peripherals = 0x50000000U;  // secure alias: the core runs Secure
constexpr std::uint64_t period_ps = 50000;           // 20 MHz MAINCLK
#endif
constexpr std::uintptr_t timer0 = peripherals + 0x0000U, dual_timer1 = peripherals + 0x2000U;

struct sample {
  std::uint32_t fine, coarse;
};

void start_timers() {
  write(timer0 + 0x8, 0xFFFFFFFFU);  // RELOAD
  write(timer0 + 0x4, 0xFFFFFFFFU);  // VALUE
  write(timer0 + 0x0, 1U);           // CTRL: enable
  write(dual_timer1 + 0x0, 0xFFFFFFFFU);
  write(dual_timer1 + 0x8, 0x86U);  // enable, free-running, prescale /16, 32 bit
}

// The fine read is the instant: last when starting a region, first when ending one.
[[gnu::always_inline]] inline sample sample_begin() {
  const std::uint32_t coarse = read(dual_timer1 + 0x4);
  return {read(timer0 + 0x4), coarse};
}
[[gnu::always_inline]] inline sample sample_end() {
  const std::uint32_t fine = read(timer0 + 0x4);
  return {fine, read(dual_timer1 + 0x4)};
}

std::uint64_t elapsed_ticks(sample from, sample to) {
  const std::uint32_t fine = from.fine - to.fine;  // counts down; mod 2^32
  const std::uint64_t coarse =
      static_cast<std::uint64_t>(static_cast<std::uint32_t>(from.coarse - to.coarse)) * 16U;
  // The number of 2^32 wraps that brings `fine` closest to the coarse estimate (off by < 32 ticks).
  const std::uint64_t wraps = (coarse - fine + (1ULL << 31)) >> 32;
  return fine + (wraps << 32);
}

#elif defined(CTML_CM_TIMER_AN547)
// SSE-300 system counter: 64 bit at 32 MHz. Reading the low word is the instant; the high word is
// read before and after it, and the right one picked from the low word's top bit.
constexpr std::uintptr_t counter_control = 0x58100000U, counter_status = 0x48101000U;
constexpr std::uint64_t period_ps = 31250;

struct sample {
  std::uint32_t high_before, low, high_after;
};

void start_timers() {
  write(counter_control, read(counter_control) | 1U);
}  // CNTCR.EN

[[gnu::always_inline]] inline sample sample_begin() {
  const std::uint32_t high = read(counter_status + 4);
  const std::uint32_t low = read(counter_status);
  return {high, low, read(counter_status + 4)};
}
[[gnu::always_inline]] inline sample sample_end() {
  return sample_begin();
}

std::uint64_t value(sample s) {
  const std::uint32_t high = (s.low & 0x80000000U) != 0 ? s.high_before : s.high_after;
  return (static_cast<std::uint64_t>(high) << 32) | s.low;
}
std::uint64_t elapsed_ticks(sample from, sample to) {
  return value(to) - value(from);
}

#elif defined(CTML_CM_TIMER_RISCV_CLINT)
// RISC-V `virt` (cmake/riscv): the CLINT's 64-bit mtime at 10 MHz, read like the SSE-300 counter.
constexpr std::uintptr_t mtime = 0x0200BFF8U;
constexpr std::uint64_t period_ps = 100000;

struct sample {
  std::uint32_t high_before, low, high_after;
};

void start_timers() {}  // always running

[[gnu::always_inline]] inline sample sample_begin() {
  const std::uint32_t high = read(mtime + 4);
  const std::uint32_t low = read(mtime);
  return {high, low, read(mtime + 4)};
}
[[gnu::always_inline]] inline sample sample_end() {
  return sample_begin();
}

std::uint64_t value(sample s) {
  const std::uint32_t high = (s.low & 0x80000000U) != 0 ? s.high_before : s.high_after;
  return (static_cast<std::uint64_t>(high) << 32) | s.low;
}
std::uint64_t elapsed_ticks(sample from, sample to) {
  return value(to) - value(from);
}

#else
#error \
    "ctml_cm counter: define CTML_CM_TIMER_MPS2, CTML_CM_TIMER_AN505, CTML_CM_TIMER_AN547 or CTML_CM_TIMER_RISCV_CLINT"
#endif

// State: plain statics, written only outside measured code paths' variable parts.
sample region_start{};
sample laps[ctml_cm_counter_max_laps];
std::size_t lap_count = 0;
std::size_t laps_done = 0;
sample lap_record[ctml_cm_counter_max_laps + 1];
std::uint32_t shift = 0;  // S: 2^S ns of virtual time per instruction; 0 = invalid
std::uint32_t pair_overhead = 0, first_lap_overhead = 0, lap_overhead = 0;

// round(ticks * period / 2^S): exact when 2^S ns exceeds two timer periods.
std::uint64_t to_instructions(std::uint64_t ticks) {
  const std::uint64_t ps = ticks * period_ps;  // < 2^64 for regions under ~2^38 instructions
  const std::uint64_t unit = 1000ULL << shift;
  return (ps + unit / 2) / unit;
}

// 2 + 2 * 8000 instructions, identical at every optimisation level (Armv6-M-compatible).
[[gnu::always_inline]] inline void known_loop() {
#if defined(__riscv)
  asm volatile(
      "  lui t0, 2\n"
      "  addi t0, t0, -192\n"
      "1:\n"
      "  addi t0, t0, -1\n"
      "  bnez t0, 1b\n" ::
          : "t0", "memory");
#else
  asm volatile(
      ".syntax unified\n"
      "  movs r3, #250\n"
      "  lsls r3, r3, #5\n"
      "1:\n"
      "  subs r3, r3, #1\n"
      "  bne 1b\n" ::
          : "r3", "cc", "memory");
#endif
}
constexpr std::uint64_t known_loop_instructions = 2 + 2 * 8000;

}  // namespace

extern "C" [[gnu::noinline]] void ctml_cm_counter_begin(void) {
  lap_count = 0;
  region_start = sample_begin();
}

extern "C" [[gnu::noinline]] void ctml_cm_counter_lap(void) {
  const sample now = sample_end();
  if (lap_count < ctml_cm_counter_max_laps) laps[lap_count++] = now;
}

namespace {
std::uint64_t last_ticks = 0;

[[gnu::noinline]] void finish_region(sample now) {
  lap_record[0] = region_start;
  for (std::size_t i = 0; i < lap_count; ++i) lap_record[i + 1] = laps[i];
  laps_done = lap_count;
  last_ticks = elapsed_ticks(region_start, now);
}
}  // namespace

extern "C" [[gnu::noinline]] std::uint64_t ctml_cm_counter_end(void) {
  finish_region(sample_end());
  if (shift == 0) return UINT64_MAX;
  const std::uint64_t instructions = to_instructions(last_ticks);
  return instructions > pair_overhead ? instructions - pair_overhead : 0;
}

extern "C" std::size_t ctml_cm_counter_laps(std::uint64_t* out, std::size_t capacity) {
  std::size_t n = 0;
  for (; n < laps_done && n < capacity; ++n) {
    const std::uint64_t instructions = to_instructions(elapsed_ticks(lap_record[n], lap_record[n + 1]));
    // The first lap starts at begin, the others at a lap: their empty costs differ.
    const std::uint64_t overhead = n == 0 ? first_lap_overhead : lap_overhead;
    out[n] = shift == 0 ? UINT64_MAX : instructions > overhead ? instructions - overhead : 0;
  }
  return n;
}

extern "C" bool ctml_cm_counter_valid(void) {
  return shift != 0;
}
extern "C" std::uint32_t ctml_cm_counter_ns_per_insn(void) {
  return shift == 0 ? 0 : 1U << shift;
}
extern "C" std::uint32_t ctml_cm_counter_overhead(void) {
  return pair_overhead;
}

extern "C" void ctml_cm_counter_init(void) {
  start_timers();
  // Empty region and known loop, in ticks.
  shift = 0;
  ctml_cm_counter_begin();
  ctml_cm_counter_end();
  const std::uint64_t empty = last_ticks;
  ctml_cm_counter_begin();
  known_loop();
  ctml_cm_counter_end();
  const std::uint64_t loop = last_ticks;
  // Virtual picoseconds per instruction; find the power of two of nanoseconds it is.
  const std::uint64_t ps = (loop - empty) * period_ps / known_loop_instructions;
  for (std::uint32_t s = 1; s < 16; ++s) {
    const std::uint64_t target = 1000ULL << s;
    // Within 1 %, and fine enough for exact rounding (2^S ns > 2 timer periods).
    if (ps * 100 >= target * 99 && ps * 100 <= target * 101 && target > 2 * period_ps) shift = s;
  }
  if (shift == 0) {
    ctml_cm_print_error("[cm] counter: QEMU is not in -icount mode (shift >= 7); counts disabled\n");
    return;
  }
  pair_overhead = static_cast<std::uint32_t>(to_instructions(empty));
  ctml_cm_counter_begin();
  ctml_cm_counter_lap();
  ctml_cm_counter_lap();
  ctml_cm_counter_end();
  first_lap_overhead =
      static_cast<std::uint32_t>(to_instructions(elapsed_ticks(lap_record[0], lap_record[1])));
  lap_overhead = static_cast<std::uint32_t>(to_instructions(elapsed_ticks(lap_record[1], lap_record[2])));
}

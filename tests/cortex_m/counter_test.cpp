// The instruction counter must be exact: regions of N NOPs count N, and hand-written loops count
// 2 + 2 * iterations, including loops long enough to wrap the 32-bit timer (> 1.34e9 instructions).
// The regions are inline asm, so the count is the same at every optimisation level.
#include <cstdint>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

namespace {

int failures = 0;

// Ends a region with a plain call (not a tail call, which would add the caller's epilogue).
[[gnu::always_inline]] inline std::uint64_t end_region() {
  const std::uint64_t counted = ctml_cm_counter_end();
  asm volatile("" ::"r"(counted) : "memory");
  return counted;
}

void check(const char* what, std::uint64_t expected, std::uint64_t counted) {
  ctml_cm_print(counted == expected ? "ok   " : "FAIL ");
  ctml_cm_print(what);
  ctml_cm_print(": expected ");
  ctml_cm_print_u64(expected);
  ctml_cm_print(", counted ");
  ctml_cm_print_u64(counted);
  ctml_cm_print("\n");
  if (counted != expected) ++failures;
}

template <int N>
[[gnu::noinline]] std::uint64_t nops() {
  ctml_cm_counter_begin();
  asm volatile(".rept %c0\n nop\n .endr" ::"n"(N) : "memory");
  return end_region();
}

// movs + lsls + (subs, bne) per iteration: 2 + 2 * (A << K) instructions (RISC-V: li + slli +
// (addi, bnez)).
template <int A, int K>
[[gnu::noinline]] std::uint64_t loop() {
  ctml_cm_counter_begin();
#if defined(__riscv)
  static_assert(A < 2048, "li must be one instruction");
  asm volatile(
      "  li t0, %c0\n"
      "  slli t0, t0, %c1\n"
      "1:\n"
      "  addi t0, t0, -1\n"
      "  bnez t0, 1b\n" ::"n"(A),
      "n"(K)
      : "t0", "memory");
#else
  asm volatile(
      ".syntax unified\n"
      "  movs r3, #%c0\n"
      "  lsls r3, r3, #%c1\n"
      "1:\n"
      "  subs r3, r3, #1\n"
      "  bne 1b\n" ::"n"(A),
      "n"(K)
      : "r3", "cc", "memory");
#endif
  return end_region();
}

template <int A, int K>
void check_loop(const char* what) {
  check(what, 2 + 2 * (static_cast<std::uint64_t>(A) << K), loop<A, K>());
}

// Laps: three NOP blocks separated by laps.
[[gnu::noinline]] void laps() {
  ctml_cm_counter_begin();
  asm volatile(".rept 10\n nop\n .endr" ::: "memory");
  ctml_cm_counter_lap();
  asm volatile(".rept 25\n nop\n .endr" ::: "memory");
  ctml_cm_counter_lap();
  ctml_cm_counter_lap();
  asm volatile(".rept 3\n nop\n .endr" ::: "memory");
  ctml_cm_counter_lap();
  end_region();
}

}  // namespace

int main() {
  if (!ctml_cm_counter_valid()) {
    ctml_cm_print(
        "FAIL counter not valid: run under QEMU with -icount shift=S,align=off,sleep=off (run.sh)\n");
    return 1;
  }
  ctml_cm_print("ns per instruction: ");
  ctml_cm_print_u64(ctml_cm_counter_ns_per_insn());
  ctml_cm_print(", empty begin/end pair: ");
  ctml_cm_print_u64(ctml_cm_counter_overhead());
  ctml_cm_print(" instructions\n");

  check("0 nops", 0, nops<0>());
  check("1 nop", 1, nops<1>());
  check("2 nops", 2, nops<2>());
  check("7 nops", 7, nops<7>());
  check("50 nops", 50, nops<50>());
  check("64 nops", 64, nops<64>());
  check("129 nops", 129, nops<129>());
  check("257 nops", 257, nops<257>());
  check_loop<1, 0>("loop 1");
  check_loop<100, 5>("loop 3200");
  check_loop<200, 8>("loop 51200");
  check_loop<200, 16>("loop 13107200");
  // 1.76e9 instructions: more than 2^32 ticks of the 25 MHz (1.34e9) and 20 MHz (1.68e9) timers.
  check_loop<210, 22>("loop 880803840 (wraps the 32-bit timer)");

  laps();
  std::uint64_t lap[8] = {};
  const std::size_t n = ctml_cm_counter_laps(lap, 8);
  check("lap count", 4, n);
  check("lap 0", 10, lap[0]);
  check("lap 1", 25, lap[1]);
  check("lap 2", 0, lap[2]);
  check("lap 3", 3, lap[3]);
  return failures == 0 ? 0 : 1;
}

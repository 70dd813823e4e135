// Every exception other than reset lands here: print which one and where, then fail the run with
// exit code 128 + exception number (HardFault: 131). The test runner turns that into a failure.
#include <cstdint>

#include <ctml_cm/semihosting.hpp>

extern "C" [[noreturn]] void ctml_cm_fault_report(const std::uint32_t* frame, std::uint32_t ipsr) {
  const std::uint32_t number = ipsr & 0x1FFU;
  ctml_cm_print_error("\n[cm] exception ");
  char digits[4] = {static_cast<char>('0' + number / 100U % 10U), static_cast<char>('0' + number / 10U % 10U),
                    static_cast<char>('0' + number % 10U), '\0'};
  ctml_cm_print_error(number >= 100U ? digits : number >= 10U ? digits + 1 : digits + 2);
  // The exception frame: r0-r3, r12, lr, pc, xpsr.
  auto hex = [](const char* label, std::uint32_t value) {
    ctml_cm_print_error(label);
    char text[9];
    for (int i = 7; i >= 0; --i, value >>= 4) text[i] = "0123456789abcdef"[value & 0xFU];
    text[8] = '\0';
    ctml_cm_print_error(text);
  };
  hex(" pc=", frame[6]);
  hex(" lr=", frame[5]);
#if !defined(__ARM_ARCH_6M__)
  // Configurable and HardFault status registers (not on Armv6-M).
  hex(" cfsr=", *reinterpret_cast<volatile std::uint32_t*>(0xE000ED28U));
  hex(" hfsr=", *reinterpret_cast<volatile std::uint32_t*>(0xE000ED2CU));
#endif
  ctml_cm_print_error("\n");
  ctml_cm_exit(128 + static_cast<int>(number));
}

// Finds the stacked frame (main or process stack, from EXC_RETURN bit 2) and the exception number.
// Armv6-M-compatible instructions only, so one entry serves every target.
extern "C" [[gnu::naked]] void ctml_cm_fault_entry() {
  asm volatile(
      ".syntax unified\n"
      "  movs r0, #4\n"
      "  mov r1, lr\n"
      "  tst r0, r1\n"
      "  beq 1f\n"
      "  mrs r0, psp\n"
      "  b 2f\n"
      "1:\n"
      "  mrs r0, msp\n"
      "2:\n"
      "  mrs r1, ipsr\n"
      "  ldr r2, =ctml_cm_fault_report\n"
      "  bx r2\n"
      "  .ltorg\n");
}

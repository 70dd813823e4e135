// Every trap lands here (nothing enables an interrupt): print the cause and where, then fail the
// run with exit code 128 + mcause (an illegal instruction, cause 2, gives 130).
#include <cstdint>

#include <ctml_cm/semihosting.hpp>

namespace {
void print_hex(const char* label, std::uint32_t value) {
  ctml_cm_print_error(label);
  char text[9];
  for (int i = 7; i >= 0; --i, value >>= 4) text[i] = "0123456789abcdef"[value & 0xFU];
  text[8] = '\0';
  ctml_cm_print_error(text);
}
}  // namespace

extern "C" [[noreturn]] void ctml_rv_fault_report(std::uint32_t cause, std::uint32_t pc, std::uint32_t tval,
                                                  std::uint32_t ra) {
  const std::uint32_t number = cause & 0x3FFU;
  ctml_cm_print_error("\n[rv] exception ");
  char digits[4] = {static_cast<char>('0' + number / 100U % 10U), static_cast<char>('0' + number / 10U % 10U),
                    static_cast<char>('0' + number % 10U), '\0'};
  ctml_cm_print_error(number >= 100U ? digits : number >= 10U ? digits + 1 : digits + 2);
  print_hex(" pc=", pc);
  print_hex(" ra=", ra);
  print_hex(" mtval=", tval);
  ctml_cm_print_error("\n");
  ctml_cm_exit(128 + static_cast<int>(number));
}

// mtvec target (direct mode: 4-byte aligned). The stack may be what failed: report from its top.
extern "C" [[gnu::naked, gnu::aligned(4)]] void ctml_rv_trap_entry() {
  asm volatile(
      ".option push\n"
      ".option arch, +zicsr\n"
      "  csrr a0, mcause\n"
      "  csrr a1, mepc\n"
      "  csrr a2, mtval\n"
      ".option pop\n"
      "  mv a3, ra\n"
      "  la sp, __StackTop\n"
      "  j ctml_rv_fault_report\n");
}

// Semihosting calls (Arm "Semihosting for AArch32 and AArch64"): BKPT 0xAB with the operation in
// r0 and a parameter block in r1. RISC-V ("RISC-V Semihosting", the same operations; the RV32 runtime
// in cmake/riscv builds this file too): a0 = operation, a1 = parameter block, then the uncompressed
// sequence `slli zero,zero,0x1f; ebreak; srai zero,zero,7`, which must not straddle a page. QEMU
// needs `-semihosting-config enable=on,target=native`.
#include <ctml_cm/semihosting.hpp>

namespace {

enum op : int { sys_open = 0x01, sys_write0 = 0x04, sys_write = 0x05, sys_exit_extended = 0x20 };

int call(int operation, const void* block) {
#if defined(__riscv)
  register int a0 asm("a0") = operation;
  register const void* a1 asm("a1") = block;
  asm volatile(
      ".option push\n"
      ".balign 16\n"  // before norvc: with relaxation the linker may shorten the padding by 2
      ".option norvc\n"
      "  slli zero, zero, 0x1f\n"
      "  ebreak\n"
      "  srai zero, zero, 7\n"
      ".option pop\n"
      : "+r"(a0)
      : "r"(a1)
      : "memory");
  return a0;
#else
  register int r0 asm("r0") = operation;
  register const void* r1 asm("r1") = block;
  asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
#endif
}

// ":tt" opened for writing is the host's stdout (mode 4 = "w").
int stdout_handle() {
  static int handle = -1;
  if (handle < 0) {
    static const char name[] = ":tt";
    const std::uintptr_t block[3] = {reinterpret_cast<std::uintptr_t>(name), 4, sizeof name - 1};
    handle = call(sys_open, block);
  }
  return handle;
}

std::size_t length(const char* text) {
  std::size_t n = 0;
  while (text[n] != '\0') ++n;
  return n;
}

}  // namespace

extern "C" void ctml_cm_write(const char* data, std::size_t size) {
  const std::uintptr_t block[3] = {static_cast<std::uintptr_t>(stdout_handle()),
                                   reinterpret_cast<std::uintptr_t>(data), size};
  call(sys_write, block);
}

extern "C" void ctml_cm_print(const char* text) {
  ctml_cm_write(text, length(text));
}

extern "C" void ctml_cm_print_u64(std::uint64_t value) {
  char buffer[21];
  std::size_t at = sizeof buffer;
  do {
    buffer[--at] = static_cast<char>('0' + value % 10U);
    value /= 10U;
  } while (value != 0);
  ctml_cm_write(buffer + at, sizeof buffer - at);
}

extern "C" void ctml_cm_print_i64(std::int64_t value) {
  if (value < 0) {
    ctml_cm_write("-", 1);
    ctml_cm_print_u64(0U - static_cast<std::uint64_t>(value));
  } else {
    ctml_cm_print_u64(static_cast<std::uint64_t>(value));
  }
}

extern "C" void ctml_cm_print_hex32(std::uint32_t value) {
  char buffer[8];
  for (int i = 7; i >= 0; --i, value >>= 4) buffer[i] = "0123456789abcdef"[value & 0xFU];
  ctml_cm_write(buffer, sizeof buffer);
}

extern "C" void ctml_cm_print_error(const char* text) {
  call(sys_write0, text);
}

extern "C" [[noreturn]] void ctml_cm_exit(int code) {
  // ADP_Stopped_ApplicationExit with a code: plain SYS_EXIT only tells QEMU "0 or 1" (AArch32, RV32).
  const std::uintptr_t block[2] = {0x20026U, static_cast<std::uintptr_t>(code)};
  for (;;) call(sys_exit_extended, block);
}

// newlib's (and picolibc's) exit() ends here; replacing librdimon's _exit gives the host the real exit
// code.
extern "C" [[noreturn]] void _exit(int code) {
  ctml_cm_exit(code);
}

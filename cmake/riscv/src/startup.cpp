// Start-up for QEMU's riscv32 `virt` machine (machine mode, `-bios none`): _start sets the global
// pointer, the stack, the trap vector and the thread pointer, then ctml_rv_reset copies .data and
// .tdata, zeroes .tbss and .bss, starts the instruction counter, runs static constructors, calls
// main(argc, argv) and exits with its result over semihosting.
#include <cstddef>
#include <cstdint>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

extern "C" {
// From the linker script (cmake/riscv/ld/common.ld).
extern std::uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
using init_function = void (*)();
extern init_function __preinit_array_start[], __preinit_array_end[];
extern init_function __init_array_start[], __init_array_end[];

int ctml_rv_program_main(int argc, char** argv) asm("main");
[[noreturn]] void ctml_rv_reset();
[[noreturn]] void _start();

[[gnu::weak]] int fflush(void*);
[[gnu::weak]] void __libc_fini_array();

// -nostartfiles drops crtbegin/crt0: provide what libc still refers to.
[[gnu::weak]] void _init() {}
[[gnu::weak]] void _fini() {}
[[gnu::weak]] void* __dso_handle = nullptr;
}

// First code at the start of flash (.text.start is placed first). gp is set with relaxation off,
// or the assembler would compute it relative to itself.
extern "C" [[gnu::naked, gnu::section(".text.start")]] void _start() {
  asm volatile(
      ".option push\n"
      ".option norelax\n"
      "  la gp, __global_pointer$\n"
      ".option pop\n"
      "  la sp, __StackTop\n"
      "  la t0, ctml_rv_trap_entry\n"
      ".option push\n"
      ".option arch, +zicsr\n"  // binutils 2.40 wants the CSR extension named
      "  csrw mtvec, t0\n"
      ".option pop\n"
      "  la tp, __tls_base\n"
      "  j ctml_rv_reset\n");
}

namespace {

// argv from the semihosting command line (the runner passes the test's arguments there).
char command_line[512];
char* arguments[32];

int parse_command_line() {
  std::uintptr_t block[2] = {reinterpret_cast<std::uintptr_t>(command_line), sizeof command_line - 1};
  register int a0 asm("a0") = 0x15;  // SYS_GET_CMDLINE
  register std::uintptr_t* a1 asm("a1") = block;
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
  if (a0 != 0) return 0;
  int argc = 0;
  char* at = command_line;
  while (*at != '\0' && argc < 31) {
    while (*at == ' ') *at++ = '\0';
    if (*at == '\0') break;
    arguments[argc++] = at;
    while (*at != '\0' && *at != ' ') ++at;
  }
  arguments[argc] = nullptr;
  return argc;
}

}  // namespace

extern "C" [[noreturn]] void ctml_rv_reset() {
  for (std::uint32_t *from = __data_load, *to = __data_start; to < __data_end;) *to++ = *from++;
  for (std::uint32_t* to = __bss_start; to < __bss_end;) *to++ = 0;
  ctml_cm_counter_init();
  for (init_function* f = __preinit_array_start; f < __preinit_array_end; ++f) (*f)();
  for (init_function* f = __init_array_start; f < __init_array_end; ++f) (*f)();
  const int argc = parse_command_line();
  const int status = ctml_rv_program_main(argc, arguments);
  if (__libc_fini_array) __libc_fini_array();
  if (fflush) fflush(nullptr);
  ctml_cm_exit(status);
}

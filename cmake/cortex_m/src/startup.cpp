// Start-up for the QEMU Cortex-M machines: the vector table and Reset_Handler.
// Reset: enable the FPU/MVE, copy .data, zero .bss, open semihosting stdio (if linked), start the
// instruction counter, run static constructors, call main(argc, argv) and exit with its result.
#include <cstddef>
#include <cstdint>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

extern "C" {
// From the linker script (cmake/cortex_m/ld/common.ld).
extern std::uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern std::uint32_t __StackTop[];
using init_function = void (*)();
extern init_function __preinit_array_start[], __preinit_array_end[];
extern init_function __init_array_start[], __init_array_end[];

// The program's main (C++ may not call `main` by name).
int ctml_cm_program_main(int argc, char** argv) asm("main");
void ctml_cm_fault_entry();
[[noreturn]] void Reset_Handler();

// Weak: only present when the program uses newlib's stdio (librdimon's syscalls). Model images
// print through ctml_cm_print and stay free of stdio, malloc and _sbrk.
[[gnu::weak]] void initialise_monitor_handles();
[[gnu::weak]] int fflush(void*);
[[gnu::weak]] void __libc_fini_array();

// -nostartfiles drops crti/crtbegin: provide what libc and libstdc++ still refer to.
[[gnu::weak]] void _init() {}
[[gnu::weak]] void _fini() {}
[[gnu::weak]] void* __dso_handle = nullptr;
}

namespace {

struct vector_table {
  std::uint32_t* stack_top;
  void (*handlers[15])();
};

// 16 system exceptions, no device interrupts (nothing here enables one).
[[gnu::section(".vectors"), gnu::used]] const vector_table vectors = {
    __StackTop,
    {Reset_Handler, ctml_cm_fault_entry, ctml_cm_fault_entry, ctml_cm_fault_entry, ctml_cm_fault_entry,
     ctml_cm_fault_entry, ctml_cm_fault_entry, ctml_cm_fault_entry, ctml_cm_fault_entry, ctml_cm_fault_entry,
     ctml_cm_fault_entry, ctml_cm_fault_entry, ctml_cm_fault_entry, ctml_cm_fault_entry,
     ctml_cm_fault_entry}};

// argv from the semihosting command line (the runner passes the test's arguments there).
char command_line[512];
char* arguments[32];

int parse_command_line() {
  std::uintptr_t block[2] = {reinterpret_cast<std::uintptr_t>(command_line), sizeof command_line - 1};
  register int r0 asm("r0") = 0x15;  // SYS_GET_CMDLINE
  register std::uintptr_t* r1 asm("r1") = block;
  asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  if (r0 != 0) return 0;
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

extern "C" [[noreturn]] void Reset_Handler() {
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  // CPACR: full access to CP10/CP11 (FPU and MVE) before any code may use them; GCC vectorises
  // plain loops with MVE on the M55, so this comes first.
  *reinterpret_cast<volatile std::uint32_t*>(0xE000ED88U) |= 0xFU << 20;
  asm volatile("dsb\n isb" ::: "memory");
#endif
  for (std::uint32_t *from = __data_load, *to = __data_start; to < __data_end;) *to++ = *from++;
  for (std::uint32_t* to = __bss_start; to < __bss_end;) *to++ = 0;
  if (initialise_monitor_handles) initialise_monitor_handles();
  ctml_cm_counter_init();
  for (init_function* f = __preinit_array_start; f < __preinit_array_end; ++f) (*f)();
  for (init_function* f = __init_array_start; f < __init_array_end; ++f) (*f)();
  const int argc = parse_command_line();
  const int status = ctml_cm_program_main(argc, arguments);
  if (__libc_fini_array) __libc_fini_array();
  if (fflush) fflush(nullptr);  // newlib stdio, when linked, buffers stdout
  ctml_cm_exit(status);
}

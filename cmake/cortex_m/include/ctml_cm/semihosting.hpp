#pragma once
// Output and exit over Arm semihosting (BKPT 0xAB), without newlib's stdio: model images use this,
// so printf (and the malloc it links) stays out of them.
#include <cstddef>
#include <cstdint>

extern "C" {
/// Writes `size` bytes to the host's stdout.
void ctml_cm_write(const char* data, std::size_t size);
/// Writes a NUL-terminated string to the host's stdout.
void ctml_cm_print(const char* text);
void ctml_cm_print_u64(std::uint64_t value);
void ctml_cm_print_i64(std::int64_t value);
void ctml_cm_print_hex32(std::uint32_t value);
/// Writes a NUL-terminated string to the host's stderr (SYS_WRITE0; usable inside fault handlers).
void ctml_cm_print_error(const char* text);
/// Ends the program; QEMU exits with `code` (SYS_EXIT_EXTENDED, so every code reaches the host).
[[noreturn]] void ctml_cm_exit(int code);
}

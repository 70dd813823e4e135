// Executes an undefined instruction: the runtime must report a HardFault with the PC and exit 131
// (on RISC-V: an illegal-instruction trap, cause 2, exit 130).
int main() {
#if defined(__riscv)
  asm volatile("unimp");
#else
  asm volatile("udf #0");
#endif
  return 0;
}

// Executes an undefined instruction: the runtime must report a HardFault with the PC and exit 131.
int main() {
  asm volatile("udf #0");
  return 0;
}

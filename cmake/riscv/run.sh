#!/usr/bin/env bash
# Runs an RV32 ELF under qemu-system-riscv32 -machine virt: the program's exit code becomes ours
# (semihosting SYS_EXIT_EXTENDED). A trap prints "[rv] exception N pc=..." and exits 128+N; a
# timeout is 124. Used as CMAKE_CROSSCOMPILING_EMULATOR, so ctest runs tests on the emulated core.
#
#   run.sh [--timeout SECONDS] [--shift S] program.elf [args...]
#
# -icount shift=S: QEMU's virtual clock advances exactly 2^S ns per instruction, which the
# instruction counter reads from the CLINT's 10 MHz mtime; S = 8 is the smallest shift that keeps
# counts exact (2^S ns > two timer periods). Environment overrides: CTML_RV_TIMEOUT,
# CTML_RV_ICOUNT_SHIFT, CTML_RV_QEMU.
set -euo pipefail
timeout_s="${CTML_RV_TIMEOUT:-300}"
shift_s="${CTML_RV_ICOUNT_SHIFT:-8}"
while (($#)); do
  case "$1" in
    --timeout) timeout_s="$2"; shift 2 ;;
    --shift) shift_s="$2"; shift 2 ;;
    *) break ;;
  esac
done
if [[ $# -lt 1 ]]; then
  echo "usage: $0 [--timeout s] [--shift S] program.elf [args...]" >&2
  exit 2
fi
elf="$1"
shift
if [[ ! -f "$elf" ]]; then
  echo "run.sh: no such program: $elf" >&2
  exit 2
fi
# The program's argv travels as the semihosting command line; QEMU needs "," doubled in values.
sh_config="enable=on,target=native,arg=${elf//,/,,}"
for a in "$@"; do sh_config+=",arg=${a//,/,,}"; done
status=0
timeout --kill-after=5 "$timeout_s" "${CTML_RV_QEMU:-qemu-system-riscv32}" \
  -M virt -bios none -display none -monitor none -serial none \
  -semihosting-config "$sh_config" \
  -icount "shift=${shift_s},align=off,sleep=off" \
  -kernel "$elf" || status=$?
case "$status" in
  0) ;;
  124) echo "run.sh: $elf timed out after ${timeout_s}s on virt" >&2 ;;
  *) if ((status > 128 && status < 128 + 512)); then
       echo "run.sh: $elf stopped by exception $((status - 128)) on virt (exit $status)" >&2
     else
       echo "run.sh: $elf exited with $status on virt" >&2
     fi ;;
esac
exit "$status"

#!/usr/bin/env bash
# Runs a Cortex-M ELF under qemu-system-arm: the program's exit code becomes ours (semihosting
# SYS_EXIT_EXTENDED). A fault prints "[cm] exception N pc=..." and exits 128+N; a CPU lockup is
# QEMU's abort (134); a timeout is 124. Used as CMAKE_CROSSCOMPILING_EMULATOR, so ctest runs tests
# on the emulated core.
#
#   run.sh --machine mps2-an386 [--timeout SECONDS] [--shift S] program.elf [args...]
#
# -icount shift=S: QEMU's virtual clock advances exactly 2^S ns per instruction, which the
# instruction counter reads (cmake/cortex_m/include/ctml_cm/counter.hpp). Environment overrides:
# CTML_CM_TIMEOUT, CTML_CM_ICOUNT_SHIFT, CTML_CM_QEMU.
set -euo pipefail
machine=""
timeout_s="${CTML_CM_TIMEOUT:-300}"
shift_s="${CTML_CM_ICOUNT_SHIFT:-7}"
while (($#)); do
  case "$1" in
    --machine) machine="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --shift) shift_s="$2"; shift 2 ;;
    *) break ;;
  esac
done
if [[ -z "$machine" || $# -lt 1 ]]; then
  echo "usage: $0 --machine <qemu machine> [--timeout s] [--shift S] program.elf [args...]" >&2
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
timeout --kill-after=5 "$timeout_s" "${CTML_CM_QEMU:-qemu-system-arm}" \
  -M "$machine" -display none -monitor none -serial none \
  -semihosting-config "$sh_config" \
  -icount "shift=${shift_s},align=off,sleep=off" \
  -kernel "$elf" || status=$?
case "$status" in
  0) ;;
  124) echo "run.sh: $elf timed out after ${timeout_s}s on $machine" >&2 ;;
  134) echo "run.sh: $elf locked up the CPU on $machine (fault inside a fault handler; wrong -mcpu?)" >&2 ;;
  *) if ((status > 128 && status < 128 + 512)); then
       echo "run.sh: $elf stopped by exception $((status - 128)) on $machine (exit $status)" >&2
     else
       echo "run.sh: $elf exited with $status on $machine" >&2
     fi ;;
esac
exit "$status"

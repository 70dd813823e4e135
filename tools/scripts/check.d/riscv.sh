#!/usr/bin/env bash
# RISC-V suite (run by tools/scripts/check.sh after the host presets): the riscv32 preset (RV32IMAC,
# ilp32, picolibc) under qemu-system-riscv32 -machine virt, and a smaller riscv32-imc run.
#   riscv32: every test the RV32 build registers except the compile-fail tests (GCC's diagnostics,
#            checked by the host presets): the runtime tests (exact instruction counter, stack
#            painting, trap report), the no-heap checks, the header check, the four MLPerf Tiny
#            golden models (KWS, AD, VWW, IC: every output byte equals TFLite Micro's), the TFLM
#            small-model image (float I/O, float model, int8 max pooling), the Cortex-M example
#            program, and the DSP, GRU and tree instruction-count programs.
#   riscv32-imc: the runtime tests and the KWS and AD golden models (no atomics; ESP32-C3-like).
# doctest unit tests are not built for RV32: Debian has no libstdc++.a for riscv64-unknown-elf
# (docs/integration.md, RISC-V).
# Uses build/host's ctml-import when the host preset built it.
set -euo pipefail
cd "$(dirname "$0")/../../.."

source tools/scripts/host-importer.sh  # packages: tools/scripts/install-deps.sh

echo "=== riscv: riscv32 (RV32IMAC: runtime, golden models, no-heap, example, counters) ==="
cmake --preset riscv32 "${host_importer_args[@]}"
cmake --build --preset riscv32
ctest --preset riscv32 -LE compile_fail

echo "=== riscv: riscv32-imc (runtime, KWS and AD golden models) ==="
cmake --preset riscv32-imc "${host_importer_args[@]}" -DCTML_CM_MODELS="kws;ad"
cmake --build --preset riscv32-imc --target cortex_m_counter_test cortex_m_stack_test cortex_m_fault_test \
  cortex_m_model_kws cortex_m_model_ad
ctest --preset riscv32-imc -R "^cortex_m_(counter_test|stack_test|fault_test|golden_kws|golden_ad|no_heap_kws|no_heap_ad)$"
echo "riscv: all suites passed"

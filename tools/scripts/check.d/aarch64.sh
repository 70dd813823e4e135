#!/usr/bin/env bash
# AArch64 Linux suite (run by tools/scripts/check.sh after the host presets): the host test suite
# cross-built with g++-aarch64-linux-gnu (preset aarch64-linux) and run under qemu-aarch64.
# Every test the cross build registers runs except:
#   - the compile-fail tests (label compile_fail): they check GCC's diagnostics, which the host
#     presets already do with the same GCC 12 front end;
#   - the Python-driven exporter and generator checks (gru_exporter_*, trees_exporter,
#     trees_compare_generated_test): Python on the build machine, already run by the host presets.
# So: unit, kernel, DSP, GRU, trees, static and header tests, the MLPerf Tiny, TFLM-op and
# TFLM-model golden tests (byte-equal to TFLite Micro), the no-heap test and the examples' tests.
# HOST_ONLY tests are not built in cross builds. Uses build/host's ctml-import when it exists.
set -euo pipefail
cd "$(dirname "$0")/../../.."

source tools/scripts/host-importer.sh  # packages: tools/scripts/install-deps.sh

echo "=== aarch64: aarch64-linux (host suite under qemu-aarch64) ==="
cmake --preset aarch64-linux "${host_importer_args[@]}"
cmake --build --preset aarch64-linux
ctest --preset aarch64-linux -LE compile_fail -E "^(gru_exporter_.*|trees_exporter|trees_compare_generated_test)$"
echo "aarch64: all tests passed"

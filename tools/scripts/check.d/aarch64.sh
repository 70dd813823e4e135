#!/usr/bin/env bash
# AArch64 Linux suite (run by tools/scripts/check.sh after the host presets): the golden tests and
# the kernel tests cross-built with g++-aarch64-linux-gnu (preset aarch64-linux) and run under
# qemu-aarch64. That is the MLPerf Tiny, TFLM-op and TFLM-model golden tests (byte-equal to
# TensorFlow Lite Micro), the no-heap test and kernels_test (every kernel against the reference): the
# representative subset for an emulated target. The unit, DSP, GRU, trees, static, header and example
# tests compile for AArch64 too (`cmake --build --preset aarch64-linux`) but run in CI only on the
# host (GCC -O2, Clang + ASan + UBSan), the Cortex-M cores and RISC-V: building them here was about
# half of this stage's time. Uses build/host's ctml-import when it exists.
set -euo pipefail
cd "$(dirname "$0")/../../.."

source tools/scripts/host-importer.sh  # packages: tools/scripts/install-deps.sh

labels="golden|kernels"
echo "=== aarch64: aarch64-linux (tests labelled $labels, under qemu-aarch64) ==="
cmake --preset aarch64-linux "${host_importer_args[@]}"
# Each of these tests runs the executable of its own name.
mapfile -t targets < <(ctest --preset aarch64-linux -L "$labels" --show-only=json-v1 |
  python3 -c 'import json, sys; print("\n".join(t["name"] for t in json.load(sys.stdin)["tests"]))')
if [ "${#targets[@]}" -eq 0 ]; then
  echo "aarch64: no test labelled $labels" >&2
  exit 1
fi
cmake --build --preset aarch64-linux --target "${targets[@]}"
ctest --preset aarch64-linux -L "$labels"
echo "aarch64: all ${#targets[@]} tests passed"

#!/usr/bin/env bash
# Cortex-M suite (run by tools/scripts/check.sh after the host presets): cross builds with the
# cortex-m* presets and every test on the emulated core under QEMU.
#   M4 and M55: everything (unit, DSP, trees, ... tests, golden models, header check, example).
#   M0+: the Cortex-M suite only (runtime, counter, header check, golden models, no-heap, example).
# Uses build/host's ctml-import when the host preset built it; otherwise each cross build builds
# its own host importer (ExternalProject).
set -euo pipefail
cd "$(dirname "$0")/../../.."

importer="$PWD/build/host/tools/ctml-import/ctml-import"
extra=()
if [[ -x "$importer" ]]; then
  extra+=("-DCTML_IMPORT_EXECUTABLE=$importer")
fi

for preset in cortex-m4 cortex-m55; do
  echo "=== cortex_m: $preset (all tests) ==="
  cmake --preset "$preset" "${extra[@]}"
  cmake --build --preset "$preset"
  ctest --preset "$preset"
done

echo "=== cortex_m: cortex-m0plus (Cortex-M suite) ==="
cmake --preset cortex-m0plus "${extra[@]}"
cmake --build --preset cortex-m0plus --target cortex_m_all
ctest --preset cortex-m0plus -L cortex_m
echo "cortex_m: all suites passed"

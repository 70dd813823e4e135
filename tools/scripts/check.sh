#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test: GCC -O2 and Clang + ASan + UBSan on the host,
# then the Cortex-M presets under QEMU when they exist. This is the README's test command and CI's.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/scripts/install-deps.sh
# ccache keys on paths relative to the checkout, so a fresh clone reuses earlier compilations.
export CCACHE_BASEDIR="$PWD"
# With -g (the sanitizer and fuzz builds) ccache also hashes the build folder unless told not to, so a
# fresh clone recompiled all of them; the cost is debug info naming the first clone's folder.
export CCACHE_NOHASHDIR=1
start=$(date +%s)

jobs=$(nproc)
elapsed() { echo "--- $1 done after $(($(date +%s) - start)) s"; }
run_workflow() {
  echo "=== workflow: $1 ==="
  cmake --workflow --preset "$1"
  elapsed "$1"
}
# Clang is checked by host-asan (Clang + ASan + UBSan): a separate Clang -O2 build repeated the compile.
for preset in host host-asan; do
  run_workflow "$preset"
done
# Extra suites registered by capabilities (Cortex-M, fuzz smoke test, ...), each a script.
for extra in tools/scripts/check.d/*.sh; do
  [ -e "$extra" ] || continue
  echo "=== $extra ==="
  bash "$extra"
  elapsed "$extra"
done
echo "check.sh: all suites passed (jobs=$jobs)"

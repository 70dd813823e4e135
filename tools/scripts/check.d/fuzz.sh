#!/usr/bin/env bash
# Short fuzz pass of ctml-import (about a minute): builds the libFuzzer target with clang
# (-fsanitize=fuzzer,address,undefined), seeds it with the four MLPerf Tiny models (plus the small
# models in tools/ctml-import/fuzz/seeds/, which mutate faster) and fails on
# any finding (crash, sanitizer report, timeout, leak). Longer runs: FUZZ_SECONDS=3600 tools/scripts/check.d/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."

seconds=${FUZZ_SECONDS:-60}
build=build/fuzz
if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ not found (tools/scripts/install-deps.sh installs it)" >&2
  exit 1
fi
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCTML_BUILD_FUZZERS=ON -DCTML_BUILD_TESTS=OFF -DCTML_BUILD_BENCHMARKS=OFF -DCTML_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" --target ctml_import_fuzz

fuzzer=$build/tools/ctml-import/fuzz/ctml_import_fuzz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/seeds" "$build/fuzz-artifacts"
cp tests/data/mlperf_tiny/*/*.tflite tools/ctml-import/fuzz/seeds/*.tflite "$work/seeds/"

echo "fuzz.sh: fuzzing ctml-import for ${seconds}s (artifacts in $build/fuzz-artifacts/)"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$build/fuzz-artifacts/" "$work/corpus" "$work/seeds" 2>"$work/log" || {
  tail -n 60 "$work/log" >&2
  echo "fuzz.sh: FINDING - reproduce with: $fuzzer $build/fuzz-artifacts/<file>" >&2
  exit 1
}
grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" "$work/log" || true
echo "fuzz.sh: no finding"

#!/usr/bin/env bash
# Instructions per inference on the host, counted by valgrind's callgrind (deterministic):
# mlperf_tiny_run is run with --repeat 1 and --repeat 2 on input A_1, and the difference is one
# inference (start-up, file reading and output cancel out). Usage: benchmarks/callgrind.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/host}
run=$build/examples/mlperf_tiny/mlperf_tiny_run
data=tests/data/mlperf_tiny
count() {  # model dir repeat
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$run" --repeat "$3" "$1" "$data/$2/inputs_A_1.bin" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf "%-4s %15s\n" model instructions
for m in kws:kws_ref_model vww:vww_96_int8 ic:pretrainedResnet_quant ad:ad01_int8; do
  name=${m%%:*} dir=${m##*:}
  one=$(count "$name" "$dir" 1)
  two=$(count "$name" "$dir" 2)
  printf "%-4s %15d\n" "$name" $((two - one))
done

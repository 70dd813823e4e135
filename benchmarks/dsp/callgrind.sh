#!/bin/sh
# Exact host instruction counts of one call per DSP operation (valgrind --tool=callgrind).
# Usage: benchmarks/dsp/callgrind.sh <build-dir>/benchmarks/dsp/dsp_icount
set -eu
bin=${1:?usage: callgrind.sh path/to/dsp_icount}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-16s %12s\n' operation instructions
for op in rfft_f32_256 rfft_f32_512 rfft_f32_1024 rfft_q15_256 rfft_q15_512 rfft_q15_1024 \
          rms_f32_1024 rms_q15_1024 mfcc_f32_512 kws_f32 kws_int8 kws_int8_hop kws_q15_int8 kws_q15_hop; do
  valgrind --tool=callgrind --callgrind-out-file="$tmp/out" --toggle-collect='*measured_call*' \
    "$bin" "$op" >/dev/null 2>&1
  n=$(sed -n 's/^summary: *//p' "$tmp/out")
  printf '%-16s %12s\n' "$op" "$n"
done

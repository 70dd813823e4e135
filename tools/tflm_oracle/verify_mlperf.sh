#!/bin/sh
# Proves an oracle build: reruns every input of the MLPerf Tiny goldens and compares TFLM's
# outputs (and every intermediates_A_1 tensor) with the committed bytes.
#   tools/tflm_oracle/verify_mlperf.sh ORACLE_BINARY tests/data/mlperf_tiny
set -u
oracle=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for dir in "$data"/*/; do
  m=$(basename "$dir")
  [ -f "$dir/$m.tflite" ] || continue
  for in in "$dir"/inputs_*.bin; do
    tag=$(basename "$in" .bin | sed 's/^inputs_//')
    extra=
    [ "$tag" = A_1 ] && [ -d "$dir/intermediates_A_1" ] && extra=--intermediates
    if ! "$oracle" run "$dir/$m.tflite" "$tmp/$m-$tag" --input "$in" $extra; then
      fail=1; continue
    fi
    n=$((n + 1))
    cmp -s "$tmp/$m-$tag/output0.bin" "$dir/outputs_$tag.bin" || { echo "DIFF $m $tag output"; fail=1; }
    if [ -n "$extra" ]; then
      for t in "$dir"/intermediates_A_1/*.bin; do
        n=$((n + 1))
        cmp -s "$t" "$tmp/$m-$tag/intermediates/$(basename "$t")" || { echo "DIFF $m $(basename "$t")"; fail=1; }
      done
    fi
  done
done
echo "$n files compared, $([ $fail = 0 ] && echo 'all identical' || echo 'DIFFERENCES')"
exit $fail

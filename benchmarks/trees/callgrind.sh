#!/usr/bin/env bash
# Host instructions per prediction (callgrind) per configuration of trees_count (code bytes: code_size.sh).
#   benchmarks/trees/callgrind.sh <build-dir-with-trees_count_O2-and-trees_count_Os>
# Each bench_* function is called once per prediction; its inclusive Ir / calls is the number.
set -euo pipefail
build="${1:?usage: callgrind.sh <build dir>}"
for opt in O2 Os; do
  exe=$(find "$build" -name "trees_count_${opt}" -type f -perm -u+x | head -1)
  [[ -n "$exe" ]] || { echo "no trees_count_${opt} under $build" >&2; exit 2; }
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$exe" > "$out.txt" 2>/dev/null
  grep -q "mismatches vs scikit-learn [1-9]" "$out.txt" && { cat "$out.txt"; echo "mismatch" >&2; exit 1; }
  echo "== -$opt (host $(uname -m), $(${CXX:-g++} --version | head -1))"
  printf "%-26s %12s %12s\n" config "instr/pred" "table B"
  # Inclusive cost and call counts per function, from callgrind's own annotation.
  callgrind_annotate --inclusive=yes --threshold=100 "$out" 2>/dev/null > "$out.ann"
  while read -r line; do
    name=$(sed -E 's/^([a-z0-9_]+):.*/\1/' <<< "$line")
    n=$(sed -E 's/.*predictions ([0-9]+),.*/\1/' <<< "$line")
    table=$(sed -E 's/.*table bytes ([0-9]+).*/\1/' <<< "$line")
    ir=$(grep -E "bench_${name}\(" "$out.ann" | head -1 | awk '{gsub(",","",$1); print $1}')
    printf "%-26s %12.1f %12s\n" "$name" "$(echo "$ir / $n" | bc -l)" "$table"
  done < "$out.txt"
  rm -f "$out" "$out.txt" "$out.ann"
done

#!/usr/bin/env bash
# The RAM-instructions trade-off of ctml::scheduled (docs/memory.md), measured on the emulated
# Cortex-M4 for KWS, IC and VWW:
#   1. cortex_m_schedules_<model> (tests/cortex_m/models/schedules.cpp) prints every schedule the
#      budget chooses between (in-place convolutions, then patches of the first layers), from no
#      budget down to ctml::smallest_ram: the budget at which it is chosen, its RAM, the layers it
#      runs in place or as the patch; and the schedule chosen for the issue's target budget (KWS
#      9,216 bytes, IC 36,864, VWW 40,960);
#   2. one golden image per schedule (CTML_CM_CURVE_BUDGETS: cortex_m_model_<model>_ram<budget>; the
#      plain image without a budget) is built and run under QEMU -icount: every output byte checked
#      against TFLite Micro's, case 0's instructions counted (tests/cortex_m/models/model_test.cpp);
#   3. the rows go to docs/memory/schedules.csv, which tools/memory_curve/plot.py draws.
# Usage: tools/memory_curve/measure.sh [out.csv]   (about 2 minutes with a warm compiler cache)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-docs/memory/schedules.csv}"
preset=cortex-m4
machine=mps2-an386
build="build/$preset"
models="kws:9216 ic:36864 vww:40960"
source tools/scripts/host-importer.sh

cmake --preset "$preset" "${host_importer_args[@]}" -DCTML_CM_CURVE_BUDGETS= >/dev/null
cmake --build --preset "$preset" --target cortex_m_schedules_kws cortex_m_schedules_ic cortex_m_schedules_vww >/dev/null
run() { cmake/cortex_m/run.sh --machine "$machine" "$@"; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
curve=""
for entry in $models; do
  m="${entry%%:*}"
  target="${entry#*:}"
  run "$build/tests/cortex_m/models/cortex_m_schedules_$m.elf" "$target" | grep -E '^(SCHEDULE|CHOSEN)' >"$tmp/$m.txt"
  for b in $(sed -n 's/^SCHEDULE .* budget=\([0-9]*\) .*/\1/p' "$tmp/$m.txt"); do
    [[ "$b" == 0 ]] || curve+="$m:$b;"
  done
done
cmake --preset "$preset" "${host_importer_args[@]}" "-DCTML_CM_CURVE_BUDGETS=${curve%;}" >/dev/null
targets=""
for entry in $models; do
  m="${entry%%:*}"
  targets+=" cortex_m_model_$m"
  for b in $(sed -n 's/^SCHEDULE .* budget=\([0-9]*\) .*/\1/p' "$tmp/$m.txt"); do
    [[ "$b" == 0 ]] || targets+=" cortex_m_model_${m}_ram$b"
  done
done
# shellcheck disable=SC2086
cmake --build --preset "$preset" --target $targets >/dev/null

{
  echo "# RAM-instructions trade-off of ctml::scheduled on the emulated Cortex-M4 (QEMU mps2-an386 -icount,"
  echo "# arm-none-eabi-gcc -O2, golden image of tests/cortex_m/models, case 0). Written by"
  echo "# tools/memory_curve/measure.sh at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- include tests || echo '+changes'); drawn by tools/memory_curve/plot.py."
  echo "# budget: the RAM budget that chooses the schedule (none: no budget); ram: arena + state bytes;"
  echo "# in_place: per layer, x = run in place, p = run in the patch of the first layers (row by row),"
  echo "# . = out of place; chosen: the schedule for the issue's target budget."
  echo "model,budget,ram,instructions,in_place,chosen"
  for entry in $models; do
    m="${entry%%:*}"
    target="${entry#*:}"
    chosen_mask="$(sed -n 's/^CHOSEN .* in_place=\([^ ]*\).*/\1/p' "$tmp/$m.txt")"
    while read -r _ _ budget ram mask; do
      b="${budget#budget=}"
      r="${ram#ram=}"
      k="${mask#in_place=}"
      if [[ "$b" == 0 ]]; then elf="cortex_m_model_$m"; label=none; else elf="cortex_m_model_${m}_ram$b"; label="$b"; fi
      line="$(run "$build/tests/cortex_m/models/$elf.elf" | grep '^MEASURE')" || { echo "measure.sh: $elf failed" >&2; exit 1; }
      insns="$(sed -n 's/.* insns=\([0-9]*\).*/\1/p' <<<"$line")"
      arena="$(sed -n 's/.* arena=\([0-9]*\).*/\1/p' <<<"$line")"
      [[ "$arena" == "$r" ]] || { echo "measure.sh: $elf arena $arena, schedule $r" >&2; exit 1; }
      chosen=no
      [[ "$k" == "$chosen_mask" ]] && chosen="budget $target"
      echo "$m,$label,$r,$insns,$k,$chosen"
    done < <(grep '^SCHEDULE' "$tmp/$m.txt")
  done
} >"$out"
cmake --preset "$preset" "${host_importer_args[@]}" -DCTML_CM_CURVE_BUDGETS= >/dev/null
echo "measure.sh: wrote $out"

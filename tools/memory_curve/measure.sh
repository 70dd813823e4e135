#!/usr/bin/env bash
# The RAM-instructions trade-off of ctml::scheduled (docs/memory.md), measured on the emulated
# Cortex-M4 for KWS, IC and VWW:
#   1. cortex_m_schedules_<model> (tests/cortex_m/models/schedules.cpp) prints every schedule the
#      budget chooses between (in-place convolutions, then patches of the first layers), from no
#      budget down to ctml::smallest_ram: the budget at which it is chosen, its RAM, the layers it
#      runs in place or as the patch; and the schedule chosen for the issue's target budget (KWS
#      9,216 bytes, IC 36,864, VWW 40,960);
#   2. at each of those budgets, the patches the search weighed that fit but were not chosen (they
#      copy more bytes): CANDIDATE lines of the same program;
#   3. one golden image per schedule (CTML_CM_CURVE_BUDGETS: cortex_m_model_<model>_ram<budget>; the
#      plain image without a budget; cortex_m_model_<model>_ram<budget>_patch<layers> for a weighed
#      patch) is built and run under QEMU -icount: every output byte checked against TFLite Micro's,
#      case 0's instructions counted (tests/cortex_m/models/model_test.cpp);
#   4. the rows go to docs/memory/schedules.csv, which tools/memory_curve/plot.py draws.
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
targets=""
for entry in $models; do
  m="${entry%%:*}"
  target="${entry#*:}"
  elf="$build/tests/cortex_m/models/cortex_m_schedules_$m.elf"
  run "$elf" "$target" | grep -E '^(SCHEDULE|CHOSEN)' >"$tmp/$m.txt"
  targets+=" cortex_m_model_$m"
  budgets="$(sed -n 's/^SCHEDULE .* budget=\([1-9][0-9]*\) .*/\1/p' "$tmp/$m.txt")"
  for b in $budgets; do
    curve+="$m:$b;"
    targets+=" cortex_m_model_${m}_ram$b"
  done
  # The patches weighed at those budgets that fit but copy more bytes than the one chosen there (or
  # as many, and are longer): budget, RAM, layers, patch length; each schedule once.
  : >"$tmp/$m.weighed"
  if [[ -n "$budgets" ]]; then
    # shellcheck disable=SC2086
    run "$elf" $budgets | awk -v sched="$(sed -n 's/^SCHEDULE .* in_place=\([^ ]*\).*/\1/p' "$tmp/$m.txt" | tr '\n' ' ')" '
      BEGIN { n = split(sched, s, " "); for (i = 1; i <= n; ++i) seen[s[i]] = 1 }
      $1 == "CANDIDATE" && $6 == "fits=yes" {
        b = substr($3, 8); r = substr($4, 5); k = substr($5, 10)
        if (!(k in seen)) { seen[k] = 1; p = gsub(/p/, "p", k); print b, r, k, p }
      }' >"$tmp/$m.weighed"
  fi
  while read -r b _ _ p; do
    curve+="$m:$b:$p;"
    targets+=" cortex_m_model_${m}_ram${b}_patch$p"
  done <"$tmp/$m.weighed"
done
cmake --preset "$preset" "${host_importer_args[@]}" "-DCTML_CM_CURVE_BUDGETS=${curve%;}" >/dev/null
# shellcheck disable=SC2086
cmake --build --preset "$preset" --target $targets >/dev/null

# Runs golden image $1 (every output byte checked) and prints its instructions; its arena must be $2.
measure() {
  local line insns arena
  line="$(run "$build/tests/cortex_m/models/$1.elf" | grep '^MEASURE')" || { echo "measure.sh: $1 failed" >&2; return 1; }
  insns="$(sed -n 's/.* insns=\([0-9]*\).*/\1/p' <<<"$line")"
  arena="$(sed -n 's/.* arena=\([0-9]*\).*/\1/p' <<<"$line")"
  [[ "$arena" == "$2" ]] || { echo "measure.sh: $1 arena $arena, schedule $2" >&2; return 1; }
  echo "$insns"
}

{
  echo "# RAM-instructions trade-off of ctml::scheduled on the emulated Cortex-M4 (QEMU mps2-an386 -icount,"
  echo "# arm-none-eabi-gcc -O2, golden image of tests/cortex_m/models, case 0). Written by"
  echo "# tools/memory_curve/measure.sh at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- include tests || echo '+changes'); drawn by tools/memory_curve/plot.py."
  echo "# budget: the RAM budget that chooses the schedule (none: no budget); ram: arena + state bytes;"
  echo "# in_place: per layer, x = run in place, p = run in the patch of the first layers (row by row),"
  echo "# . = out of place; chosen: the schedule for the issue's target budget; kind: schedule (the"
  echo "# search's choice at that budget) or weighed (a patch weighed there that fits, not chosen)."
  echo "model,budget,ram,instructions,in_place,chosen,kind"
  for entry in $models; do
    m="${entry%%:*}"
    target="${entry#*:}"
    chosen_mask="$(sed -n 's/^CHOSEN .* in_place=\([^ ]*\).*/\1/p' "$tmp/$m.txt")"
    while read -r _ _ budget ram mask; do
      b="${budget#budget=}"
      r="${ram#ram=}"
      k="${mask#in_place=}"
      if [[ "$b" == 0 ]]; then elf="cortex_m_model_$m"; label=none; else elf="cortex_m_model_${m}_ram$b"; label="$b"; fi
      insns="$(measure "$elf" "$r")" || exit 1
      chosen=no
      [[ "$k" == "$chosen_mask" ]] && chosen="budget $target"
      echo "$m,$label,$r,$insns,$k,$chosen,schedule"
    done < <(grep '^SCHEDULE' "$tmp/$m.txt")
    while read -r b r k p; do
      insns="$(measure "cortex_m_model_${m}_ram${b}_patch$p" "$r")" || exit 1
      echo "$m,$b,$r,$insns,$k,no,weighed"
    done <"$tmp/$m.weighed"
  done
} >"$out"
cmake --preset "$preset" "${host_importer_args[@]}" -DCTML_CM_CURVE_BUDGETS= >/dev/null
echo "measure.sh: wrote $out"

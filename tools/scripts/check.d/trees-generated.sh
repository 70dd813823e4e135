#!/usr/bin/env bash
# tests/trees/generated must still be what tests/trees/generate.py writes: regenerate it under every
# CPU profile (tools/scripts/cpu-profiles.sh) and compare structurally (tests/trees/compare_generated.py:
# the same headers once numbers are masked, the same test split, the same predictions on >= 95 % of
# it). scikit-learn's fits legitimately differ between CPUs, so bytes are compared only on the machine
# that made them: tools/scripts/regenerate.sh --exact. About 30 s per profile, profiles in parallel.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tools/scripts/cpu-profiles.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One profile is one single-threaded Python process (about 30 s): run as many at once as there are
# cores, then report in order. A profile that fails or disagrees fails the script.
check_profile() {
  local profile="$1"
  mkdir -p "$work/$profile"
  with_cpu_profile "$profile" "$py" tests/trees/generate.py "$work/$profile" >/dev/null 2>"$work/$profile.err" &&
    "$py" tests/trees/compare_generated.py tests/trees/generated "$work/$profile" >"$work/$profile.out" 2>&1
}
pids=()
for profile in "${cpu_profiles[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
  check_profile "$profile" &
  pids+=($!)
done
failed=0
for i in "${!cpu_profiles[@]}"; do
  profile=${cpu_profiles[$i]}
  if wait "${pids[$i]}"; then
    echo "trees-generated.sh: $(describe_cpu_profile "$profile"): $(cat "$work/$profile.out")"
  else
    echo "trees-generated.sh: $(describe_cpu_profile "$profile"): FAILED" >&2
    cat "$work/$profile.err" "$work/$profile.out" 2>/dev/null >&2 || true
    failed=1
  fi
done
[ "$failed" -eq 0 ]
echo "trees-generated.sh: tests/trees/generated agrees with a fresh run under ${#cpu_profiles[@]} CPU profiles"

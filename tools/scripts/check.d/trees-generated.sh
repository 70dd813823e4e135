#!/usr/bin/env bash
# tests/trees/generated must still be what tests/trees/generate.py writes: regenerate it under every
# CPU profile (tools/scripts/cpu-profiles.sh) and compare structurally (tests/trees/compare_generated.py:
# the same headers once numbers are masked, the same test split, the same predictions on >= 95 % of
# it). scikit-learn's fits legitimately differ between CPUs, so bytes are compared only on the machine
# that made them: tools/scripts/regenerate.sh --exact. About 20 s per profile.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tools/scripts/cpu-profiles.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A disagreement fails the assignment of result, and so the script (set -e).
for profile in "${cpu_profiles[@]}"; do
  mkdir -p "$work/$profile"
  with_cpu_profile "$profile" "$py" tests/trees/generate.py "$work/$profile" >/dev/null
  result=$("$py" tests/trees/compare_generated.py tests/trees/generated "$work/$profile")
  echo "trees-generated.sh: $(describe_cpu_profile "$profile"): $result"
done
echo "trees-generated.sh: tests/trees/generated agrees with a fresh run under ${#cpu_profiles[@]} CPU profiles"

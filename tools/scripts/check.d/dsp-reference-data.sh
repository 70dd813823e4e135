#!/usr/bin/env bash
# tests/dsp/data must still be what tools/gen_dsp/gen_dsp_reference.py describes: regenerate it into a
# temporary folder under every CPU profile (tools/scripts/cpu-profiles.sh) and compare numerically
# (tools/gen_dsp/compare_reference.py: same records, dtypes and shapes; floats within a stated
# tolerance, integers within 1). The committed files stay the reference the C++ tests read; a byte
# comparison belongs to the machine that made them: tools/scripts/regenerate.sh --exact.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tools/scripts/cpu-profiles.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A disagreement fails the assignment of result, and so the script (set -e).
for profile in "${cpu_profiles[@]}"; do
  rm -rf "$work/$profile"
  mkdir -p "$work/$profile/wav"
  # The espeak-ng recording is an input (synthesised once), not regenerated.
  cp tests/dsp/data/wav/espeak_yes_16k.wav "$work/$profile/wav/"
  with_cpu_profile "$profile" "$py" tools/gen_dsp/gen_dsp_reference.py "$work/$profile" >/dev/null
  result=$("$py" tools/gen_dsp/compare_reference.py tests/dsp/data "$work/$profile")
  echo "dsp-reference-data.sh: $(describe_cpu_profile "$profile"): $result"
done
echo "dsp-reference-data.sh: tests/dsp/data agrees with a fresh run under ${#cpu_profiles[@]} CPU profiles"

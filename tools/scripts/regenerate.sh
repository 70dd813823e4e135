#!/usr/bin/env bash
# Developer command (not part of the test command): the reference data that Python writes from numpy,
# scipy and scikit-learn.
#   tools/scripts/regenerate.sh            rewrite tests/dsp/data and tests/trees/generated in place
#                                          (then review the diff and commit it with the reason)
#   tools/scripts/regenerate.sh --exact    regenerate into a temporary folder and compare byte for byte
# Bytes depend on the CPU (numpy's SIMD loops, the BLAS) and on the library versions, so --exact is
# meaningful only on the machine that made the committed files; the test command compares with
# tolerances instead (tools/scripts/check.d/dsp-reference-data.sh, trees-generated.sh; docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
py=/usr/bin/python3
if [[ "${1:-}" != --exact ]]; then
  "$py" tools/gen_dsp/gen_dsp_reference.py tests/dsp/data
  "$py" tests/trees/generate.py
  git status --short tests/dsp/data tests/trees/generated
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/dsp/wav" "$work/trees"
cp tests/dsp/data/wav/espeak_yes_16k.wav "$work/dsp/wav/"
"$py" tools/gen_dsp/gen_dsp_reference.py "$work/dsp" >/dev/null
"$py" tests/trees/generate.py "$work/trees" >/dev/null
status=0
for f in tests/dsp/data/*.bin; do
  cmp -s "$f" "$work/dsp/${f#tests/dsp/data/}" || { echo "regenerate.sh: $f differs" >&2; status=1; }
done
for f in tests/trees/generated/* "$work"/trees/*; do
  name=$(basename "$f")
  cmp -s "tests/trees/generated/$name" "$work/trees/$name" 2>/dev/null ||
    { echo "regenerate.sh: tests/trees/generated/$name differs" >&2; status=1; }
done
[[ "$status" -eq 0 ]] && echo "regenerate.sh: committed data is byte-identical to a fresh run here"
exit "$status"

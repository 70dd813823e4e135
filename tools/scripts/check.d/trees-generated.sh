#!/usr/bin/env bash
# tests/trees/generated must be exactly what tests/trees/generate.py (scikit-learn fits exported by
# tools/sklearn/ctml_sklearn_export.py) writes with the installed Debian python3-sklearn/numpy:
# regenerate into a temporary folder and compare byte for byte (about 10 s).
set -euo pipefail
cd "$(dirname "$0")/../../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 tests/trees/generate.py "$work" >/dev/null
status=0
for f in tests/trees/generated/*; do
  if ! cmp -s "$f" "$work/$(basename "$f")"; then
    echo "trees-generated.sh: $f differs from a fresh run of tests/trees/generate.py" >&2
    status=1
  fi
done
for f in "$work"/*; do
  [ -e "tests/trees/generated/$(basename "$f")" ] ||
    { echo "trees-generated.sh: generate.py writes $(basename "$f"), not committed" >&2; status=1; }
done
[ "$status" -eq 0 ] && echo "trees-generated.sh: tests/trees/generated is up to date"
exit "$status"

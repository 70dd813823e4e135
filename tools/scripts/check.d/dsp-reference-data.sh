#!/usr/bin/env bash
# The DSP reference data in tests/dsp/data must be exactly what tools/gen_dsp/gen_dsp_reference.py
# writes with the installed numpy/scipy/onnx (Debian packages): regenerate into a temporary folder and
# compare byte for byte. The committed espeak-ng recording is reused, not re-synthesised.
set -euo pipefail
cd "$(dirname "$0")/../../.."
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wav"
cp tests/dsp/data/wav/espeak_yes_16k.wav "$work/wav/"
"$py" tools/gen_dsp/gen_dsp_reference.py "$work" >/dev/null
status=0
for f in tests/dsp/data/*.bin tests/dsp/data/wav/*.wav; do
  rel=${f#tests/dsp/data/}
  if ! cmp -s "$f" "$work/$rel"; then
    echo "dsp-reference-data.sh: $f differs from a fresh run of tools/gen_dsp/gen_dsp_reference.py" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "dsp-reference-data.sh: tests/dsp/data is up to date"
exit "$status"

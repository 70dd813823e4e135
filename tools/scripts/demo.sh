#!/usr/bin/env bash
# The README's demo: installs what is missing, builds the host preset's keyword-spotting example
# and runs it on a spoken word shipped in the repository (WAV -> MFCC front end -> DS-CNN), then on
# a longer recording in streaming mode.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/scripts/install-deps.sh
cmake --preset host >/dev/null
cmake --build --preset host --target kws_wav
build/host/examples/keyword_spotting/kws_wav examples/keyword_spotting/clips/yes.wav
build/host/examples/keyword_spotting/kws_wav examples/keyword_spotting/clips/stream.wav

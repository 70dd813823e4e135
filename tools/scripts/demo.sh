#!/usr/bin/env bash
# The README's demo: installs what is missing, builds the host preset's keyword-spotting demo and
# runs it on the sample shipped in the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/scripts/install-deps.sh
cmake --preset host >/dev/null
cmake --build --preset host --target kws_demo
build/host/examples/keyword_spotting/kws_demo examples/keyword_spotting/kws_input_data_0.int8.bin

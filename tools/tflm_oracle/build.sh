#!/bin/sh
# Builds tflm_oracle (TFLite Micro's reference interpreter + our driver) outside the repository.
#   tools/tflm_oracle/build.sh TFLM_DIR FLATBUFFERS_DIR GEMMLOWP_DIR RUY_DIR KISSFFT_DIR OUT_DIR
# FLATBUFFERS_DIR must have TFLM's flatbuffers.patch applied, KISSFFT_DIR TFLM's kissfft.patch
# (see README.md). The binary is OUT_DIR/tflm_oracle.
set -eu
if [ $# -ne 6 ]; then
  sed -n '2,5p' "$0" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
exec make -f "$here/Makefile" TFLM="$1" FLATBUFFERS="$2" GEMMLOWP="$3" RUY="$4" KISSFFT="$5" \
  OUT="$6" -j"${JOBS:-2}"

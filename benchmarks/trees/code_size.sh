#!/usr/bin/env bash
# Code bytes (.text) of one prediction function per model and strategy, host and Cortex-M.
#   benchmarks/trees/code_size.sh [compiler flags...]     e.g.  CXX=arm-none-eabi-g++ code_size.sh -mcpu=cortex-m4 -mthumb
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
cxx="${CXX:-g++}"
size="${SIZE:-size}"
[[ "$cxx" == arm-none-eabi-* ]] && size=arm-none-eabi-size
tmp=$(mktemp -d)
printf "%-26s %8s %8s\n" config "-O2" "-Os"
for model in digits_q16_rf breast_cancer_q16_rf digits_q16_dt digits_rf breast_cancer_rf digits_dt; do
  for strategy in table_driven unrolled; do
    row=""
    for opt in O2 Os; do
      "$cxx" -std=c++20 -"$opt" "$@" -fno-exceptions -fno-rtti -ffunction-sections -I"$root/include" \
        -I"$root/tests/trees" -DCTML_MODEL="$model" -DCTML_STRATEGY="$strategy" \
        -DCTML_MODEL_HEADER="\"generated/$model.hpp\"" -c "$here/trees_code_size.cpp" -o "$tmp/o.o"
      bytes=$("$size" -A "$tmp/o.o" | awk '$1 ~ /^\.text/ {s += $2} END {print s}')
      row+=$(printf " %8s" "$bytes")
    done
    printf "%-26s%s\n" "${model}/${strategy}" "$row"
  done
done
rm -rf "$tmp"

#!/usr/bin/env bash
# Installs the Debian packages ctml's build, tests and tools need, skipping those already present.
# Runs `apt-get update` at most once, and only when something is missing.
set -euo pipefail
packages=(
  cmake ninja-build ccache g++ clang clang-format libclang-rt-14-dev valgrind
  doctest-dev libbenchmark-dev
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc libstdc++-arm-none-eabi-dev
  g++-aarch64-linux-gnu qemu-user
  python3 python3-numpy python3-scipy python3-sklearn python3-onnx libonnx-testdata
  libopenblas0-pthread espeak-ng sox
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#packages[@]} packages present"
fi

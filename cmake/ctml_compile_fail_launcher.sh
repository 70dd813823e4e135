#!/bin/sh
# Compiler launcher of the compile-fail cases (cmake/ctml_dev.cmake, ctml_add_compile_fail_test): runs
# the compile command it is given, keeps the compiler's output and exit code next to the object
# (<object>.ctml_cf.log, <object>.ctml_cf.rc) for the case's check, and always succeeds, so that one build compiles
# every case whatever its outcome.
obj=""
prev=""
for arg in "$@"; do
  [ "$prev" = "-o" ] && obj="$arg"
  prev="$arg"
done
if [ -z "$obj" ]; then
  echo "ctml_compile_fail_launcher.sh: no -o in the command" >&2
  exit 2
fi
mkdir -p "$(dirname "$obj")"
# With -fsyntax-only no object is written: none may be left either, or the build would skip the case.
rm -f "$obj"
"$@" >"$obj.ctml_cf.log" 2>&1
echo $? >"$obj.ctml_cf.rc"
exit 0

#!/usr/bin/env bash
# Some tests are built from files Python writes at build time with numpy / scikit-learn: the ONNX
# exporter's int8 models (calibration ranges), the trees end-to-end fit, the predictive-maintenance
# recordings. The host presets build them with the machine as it is; here they are rebuilt and
# rerun under each other CPU profile (tools/scripts/cpu-profiles.sh), so their outcome is shown not to
# depend on numpy's SIMD loops or the BLAS. One build tree, GCC -O2; the generated files are deleted
# before each profile so that their commands run again (the C++ recompiles only where they changed).
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tools/scripts/cpu-profiles.sh
build=build/cpu-profiles
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DCTML_BUILD_BENCHMARKS=OFF >/dev/null
targets=(gru_exporter_test trees_exporter_e2e predictive_maintenance predictive_maintenance_data)
tests='^(gru_exporter_test|gru_exporter_rejects_.*|trees_exporter|trees_exporter_e2e|example_predictive_maintenance.*)$'
for profile in "${cpu_profiles[@]}"; do
  [[ "$profile" == native ]] && continue  # the host presets ran these as the machine is
  echo "python-build-steps.sh: $(describe_cpu_profile "$profile")"
  rm -rf "$build/tests/gru/generated" "$build/tests/trees/e2e" "$build"/examples/predictive_maintenance/heldout.bin*
  with_cpu_profile "$profile" cmake --build "$build" --target "${targets[@]}" -- -j"$(nproc)" >/dev/null
  if ! with_cpu_profile "$profile" ctest --test-dir "$build" -R "$tests" --output-on-failure \
    -j"$(nproc)" >"$build/ctest-$profile.log" 2>&1; then
    cat "$build/ctest-$profile.log" >&2
    exit 1
  fi
  grep -E "tests passed|tests failed" "$build/ctest-$profile.log"
done
echo "python-build-steps.sh: the Python-generated tests pass under $((${#cpu_profiles[@]} - 1)) more CPU profiles (native: the host presets)"

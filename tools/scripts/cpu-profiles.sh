# Sourced by the checks whose inputs come from numpy, scipy or scikit-learn (check.d/*.sh). Those
# libraries choose code paths for the CPU at run time: numpy's SIMD loops (SSE .. AVX-512) and the
# BLAS behind it (Debian's alternatives pick OpenBLAS when installed, whose kernels depend on the core,
# or the reference BLAS). Each check runs once per profile below, so a CPU difference can never make
# the test command fail on another machine:
#   native          the machine as it is
#   numpy-baseline  numpy's AVX-512, AVX2 and FMA3 loops disabled (NPY_DISABLE_CPU_FEATURES, only
#                   the features numpy dispatches to on this CPU), OPENBLAS_CORETYPE unset
#   openblas-core   OPENBLAS_CORETYPE forced to another core type (Prescott: SSE3 kernels, valid on
#                   every x86-64 CPU; Nehalem when the environment already asks for Prescott)
#   reference-blas  the reference BLAS instead of OpenBLAS (when both are installed)
# Usage:  source tools/scripts/cpu-profiles.sh
#         for p in "${cpu_profiles[@]}"; do with_cpu_profile "$p" some command; done

py=/usr/bin/python3

# The CPU features numpy dispatches to here, among AVX-512*, AVX2 and FMA3 (numpy refuses to
# "disable" a feature it does not dispatch to).
numpy_simd_features() {
  "$py" - <<'EOF'
from numpy.core._multiarray_umath import __cpu_dispatch__, __cpu_features__
print(" ".join(f for f in __cpu_dispatch__
               if __cpu_features__.get(f) and (f.startswith("AVX512") or f in ("AVX2", "FMA3"))))
EOF
}

cpu_profiles=(native numpy-baseline openblas-core)
reference_blas_dir=/usr/lib/x86_64-linux-gnu/blas
openblas_dir=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [[ -e "$reference_blas_dir/libblas.so.3" && -e "$openblas_dir/libblas.so.3" ]]; then
  cpu_profiles+=(reference-blas)
fi

# The core type openblas-core forces: one other than the environment's.
other_openblas_core() {
  if [[ "${OPENBLAS_CORETYPE:-}" == Prescott ]]; then echo Nehalem; else echo Prescott; fi
}

# with_cpu_profile PROFILE COMMAND...: runs COMMAND with that profile's environment.
with_cpu_profile() {
  local profile="$1"
  shift
  case "$profile" in
    native) "$@" ;;
    numpy-baseline) env -u OPENBLAS_CORETYPE NPY_DISABLE_CPU_FEATURES="$(numpy_simd_features)" "$@" ;;
    openblas-core) env OPENBLAS_CORETYPE="$(other_openblas_core)" "$@" ;;
    reference-blas) env LD_LIBRARY_PATH="$reference_blas_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$@" ;;
    *) echo "cpu-profiles.sh: unknown profile $profile" >&2; return 2 ;;
  esac
}

# describe_cpu_profile PROFILE: one line saying what the profile changes.
describe_cpu_profile() {
  case "$1" in
    native) echo "native (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset})" ;;
    numpy-baseline) echo "numpy-baseline (NPY_DISABLE_CPU_FEATURES='$(numpy_simd_features)', OPENBLAS_CORETYPE unset)" ;;
    openblas-core) echo "openblas-core (OPENBLAS_CORETYPE=$(other_openblas_core))" ;;
    reference-blas) echo "reference-blas (LD_LIBRARY_PATH=$reference_blas_dir)" ;;
  esac
}

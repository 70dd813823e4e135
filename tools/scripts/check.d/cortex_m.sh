#!/usr/bin/env bash
# Cortex-M suite (run by tools/scripts/check.sh after the host presets): cross builds with the
# cortex-m* presets and every test on the emulated core under QEMU.
#   M4: everything (unit, kernels, DSP, trees, GRU tests, golden models, header check, example).
#   M55: the core on a second architecture: the Cortex-M suite (runtime, counter, header check,
#        golden models, no-heap, example), every layer's unit tests (in place too), the kernel
#        tests, and the DSP tests whose code has Helium paths (float, Q15, Q31, the filters, the
#        streaming KWS front end) and the fixed-point hash test.
#   M0+: the Cortex-M suite (Armv6-M: no DSP extension, the portable kernels) and the fixed-point
#        DSP hash test and the trees' scikit-learn parity test.
# The DSP, GRU and tree instruction counters run on M4 only; -LE keeps them out of the subsets
# (their targets are not built there).
# Uses build/host's ctml-import when the host preset built it; otherwise each cross build builds
# its own host importer (ExternalProject).
set -euo pipefail
cd "$(dirname "$0")/../../.."

source tools/scripts/host-importer.sh  # packages: tools/scripts/install-deps.sh

echo "=== cortex_m: cortex-m4 (all tests) ==="
cmake --preset cortex-m4 "${host_importer_args[@]}"
cmake --build --preset cortex-m4
ctest --preset cortex-m4

echo "=== cortex_m: cortex-m55 (Cortex-M suite, unit and kernel tests) ==="
cmake --preset cortex-m55 "${host_importer_args[@]}"
# static_tests: its static_asserts pin each target's arena and weight bytes (building it is the test).
cmake --build --preset cortex-m55 --target cortex_m_all static_tests core_math_test quant_test layers_test model_test in_place_test \
  kernels_test dsp_fft_test dsp_kws_test dsp_kws_stream_test dsp_mel_test dsp_mfcc_q15_test dsp_psd_test \
  dsp_statistics_test dsp_float_mve_test dsp_fft_q15_test dsp_fft_q31_arch_test dsp_fixed_point_test \
  dsp_fft_q15_determinism_test dsp_filter_test
# Label benchmark: cortex_m_sparse_crossover, the M4's sparse-kernel crossovers (run in the M4 stage).
ctest --preset cortex-m55 -L "cortex_m|unit|kernels" -LE "dsp|gru|trees|benchmark"
# The DSP paths that have Helium code, against numpy/scipy (data read through semihosting; the
# filters also against their portable code), and the fixed-point hash test (the same bytes as the
# host's portable code).
ctest --preset cortex-m55 -R "^dsp_(fft|kws|kws_stream|mel|mfcc_q15|psd|statistics|float_mve|fft_q15|fft_q31_arch|fixed_point|fft_q15_determinism|filter)_test$"

echo "=== cortex_m: cortex-m0plus (Cortex-M suite) ==="
cmake --preset cortex-m0plus "${host_importer_args[@]}"
cmake --build --preset cortex-m0plus --target cortex_m_all static_tests dsp_fft_q15_determinism_test trees_parity
ctest --preset cortex-m0plus -L cortex_m -LE "dsp|gru|trees|benchmark"
# Fixed-point DSP on a core without the DSP extension or an FPU (the same bytes as the host), and
# the trees' scikit-learn parity on Armv6-M.
ctest --preset cortex-m0plus -R "^(dsp_fft_q15_determinism_test|trees_parity)$"
echo "cortex_m: all suites passed"

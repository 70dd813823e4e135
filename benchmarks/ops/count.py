#!/usr/bin/env python3
"""Runs the per-op images under QEMU (cmake/cortex_m/run.sh, mps2-an386) and prints the counts as a
Markdown table: ctml (build/ops/m4/ops_<model>.elf), TFLM reference kernels and TFLM + CMSIS-NN
(<tflm-out>/tflm_ref_<model>.elf, tflm_cmsis_<model>.elf). Every image checks all its cases against
TFLite Micro's golden bytes first; a failing image stops the script.

    benchmarks/ops/count.py build/ops/m4 /work/bench-tflm-m4/out
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def count(elf, may_refuse=False):
    """(instructions, cases); None when may_refuse and TFLM refuses the model (AllocateTensors)."""
    out = subprocess.run([os.path.join(ROOT, "cmake/cortex_m/run.sh"), "--machine", "mps2-an386", elf],
                         capture_output=True, text=True)
    m = re.search(r"insns=(\d+) cases=(\d+) golden=ok", out.stdout)
    if may_refuse and "FAIL AllocateTensors" in out.stdout:
        return None
    if out.returncode != 0 or not m:
        sys.exit(f"{elf}: failed (exit {out.returncode})\n{out.stdout}{out.stderr}")
    return int(m.group(1)), int(m.group(2))


def main():
    ctml_dir, tflm_dir = sys.argv[1], sys.argv[2]
    models = [l.strip() for l in open(os.path.join(HERE, "models.txt")) if l.strip() and not l.startswith("#")]
    print("| model | cases | ctml | TFLM reference | ctml / ref | TFLM + CMSIS-NN | ctml / CMSIS-NN |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for d in models:
        name = os.path.basename(d)
        c, cases = count(os.path.join(ctml_dir, f"ops_{name}.elf"))
        r, _ = count(os.path.join(tflm_dir, f"tflm_ref_{name}.elf"))
        n = count(os.path.join(tflm_dir, f"tflm_cmsis_{name}.elf"), may_refuse=True)
        cmsis = f"{n[0]:,} | {c / n[0]:.2f}" if n else "refused | —"
        print(f"| {name} | {cases} | {c:,} | {r:,} | {c / r:.2f} | {cmsis} |")


if __name__ == "__main__":
    main()

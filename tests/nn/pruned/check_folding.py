#!/usr/bin/env python3
"""Checks that ctml-import's channel folding (docs/pruning.md, "Structured pruning: channels folded away")
happened on a structured-pruned model: imported by default it has fewer MACs and parameters than with
--keep-pruned-channels, whose counts are the dense model's, and its header's pruning table lists removed
channels. Prints the counts (the numbers docs/pruning.md quotes).
Usage: check_folding.py CTML_IMPORT DENSE.tflite PRUNED.tflite [PRUNED.tflite...]"""
import re
import subprocess
import sys


def totals(importer, model, *options):
    header = subprocess.run([importer, *options, "--name", "m", model], check=True, capture_output=True,
                            text=True).stdout
    m = re.search(r"^// Totals: ([\d,]+) params, ([\d,]+) MACs$", header, re.M)
    saved = re.search(r"^//   saved: ([\d,]+) bytes", header, re.M)
    removed = sum(int(r.group(1)) for r in re.finditer(r"^//   \d+ .* (\d+)/\d+, \d+/\d+ ", header, re.M))
    number = lambda s: int(s.replace(",", ""))
    return number(m.group(1)), number(m.group(2)), number(saved.group(1)) if saved else 0, removed


def main(importer, dense, pruned):
    d_params, d_macs, _, _ = totals(importer, dense, "--keep-pruned-channels")
    failures = 0
    for model in pruned:
        k_params, k_macs, k_saved, k_removed = totals(importer, model, "--keep-pruned-channels")
        f_params, f_macs, f_saved, f_removed = totals(importer, model)
        print(f"{model}: MACs {k_macs} -> {f_macs} ({100.0 * f_macs / k_macs:.1f} %), params {k_params} -> "
              f"{f_params}, {f_removed} output channels removed, {f_saved} bytes saved")
        ok = (k_params, k_macs) == (d_params, d_macs) and k_saved == 0 and k_removed == 0
        ok = ok and f_macs < k_macs and f_params < k_params and f_removed > 0 and f_saved > 0
        if not ok:
            print(f"  FAILED: expected the kept model to be the dense one ({d_params} params, {d_macs} MACs) "
                  "and the folded one smaller")
            failures += 1
    if failures:
        sys.exit(1)
    print("folding checks passed")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
